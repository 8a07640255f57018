import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { allowedHosts } from '../../middleware/index.js';
import { hostHeaderCheck, scan } from '../../src/index.js';
import { HTML, scanResponse } from '../helpers/captured.js';
import { openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const hostOnly = { checks: [hostHeaderCheck] };

/** An app that builds its login redirect from the Host header, as many password-reset flows do. */
function redirectsToOwnHost(): express.Express {
  const app = express();
  app.get('/', (req, res) => res.redirect(302, `https://${req.get('host')}/login`));
  return app;
}

describe('hostHeader check on in-process apps', () => {
  it('HOST_HEADER_REFLECTED: a redirect built from Host, with the forged request and Location as evidence', async () => {
    const report = await scan(redirectsToOwnHost(), { ...hostOnly, paths: ['/'] });
    expect(report.checks).toEqual([{ name: 'hostHeader', status: 'warned' }]);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'HOST_HEADER_REFLECTED',
        severity: 'warning',
        evidence:
          'GET / with Host and X-Forwarded-Host: attacker.example → 302 Location: https://attacker.example/login',
        fix: {
          middleware: 'allowedHosts()',
          snippet:
            "import { allowedHosts } from 'checksecure/middleware';\n\napp.use(allowedHosts(['example.com']));",
        },
      }),
    ]);
  });

  it('passes the fix it suggests: allowedHosts() refuses the forged Host before the app builds a URL', async () => {
    const app = express();
    app.use(allowedHosts(['127.0.0.1']));
    app.get('/', (req, res) => res.redirect(302, `https://${req.get('host')}/login`));
    const report = await scan(app, hostOnly);
    expect(report.checks).toEqual([{ name: 'hostHeader', status: 'passed' }]);
  });

  it('HOST_HEADER_REFLECTED: absolute links built from X-Forwarded-Host in an HTML page', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (req, reply) =>
      reply
        .type('text/html')
        .send(
          `<a href="https://${String(req.headers['x-forwarded-host'] ?? req.hostname)}/reset?token=1">reset</a>`,
        ),
    );
    const report = await scan(app, hostOnly);
    expect(report.warnings.map((w) => [w.code, w.evidence])).toEqual([
      [
        'HOST_HEADER_REFLECTED',
        'GET / with Host and X-Forwarded-Host: attacker.example → 200, body links to https://attacker.example/reset?token=1',
      ],
    ]);
  });

  it.each([
    ['relative links and redirects', (_host: string) => '<a href="/reset">reset</a>'],
    ['links to a fixed host', (_host: string) => '<a href="https://shop.example.com/reset">reset</a>'],
    ['the host named in text, not in a URL', (host: string) => `<p>You reached ${host}.</p>`],
  ])('passes a page with %s', async (_name, page) => {
    const app = express();
    app.get('/', (req, res) => res.send(page(req.get('host') ?? '')));
    const report = await scan(app, hostOnly);
    expect(report.checks).toEqual([{ name: 'hostHeader', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });

  it('does not read links out of a response that is not HTML', async () => {
    const app = express();
    // Markup inside JSON is data for a client to escape, not links a browser follows here.
    app.get('/', (req, res) => res.json({ html: `<a href="https://${req.get('host')}/">home</a>` }));
    expect((await scan(app, hostOnly)).checks).toEqual([{ name: 'hostHeader', status: 'passed' }]);
  });
});

describe('hostHeader check on a real server on 127.0.0.1', () => {
  it('HOST_HEADER_REFLECTED: the probe sends the forged Host on the wire', async () => {
    const served = await opened.serve((req, res) =>
      req.url === '/'
        ? res.writeHead(301, { location: `http://${req.headers.host}/home` }).end()
        : res.writeHead(200, { 'content-type': 'text/html' }).end('<p>home</p>'),
    );
    const report = await scan(served.url, { ...hostOnly, assumeHttps: false });
    expect(report.warnings.map((w) => w.code)).toEqual(['HOST_HEADER_REFLECTED']);
    expect(report.warnings[0]!.url).toBe(`${served.url}/`);
    const forged = served.requests.filter((r) => r.headers.host === 'attacker.example');
    expect(forged).toEqual([expect.objectContaining({ method: 'GET', url: '/' })]);
    expect(forged[0]!.headers['x-forwarded-host']).toBe('attacker.example');
  });

  it('passes a server that redirects to its own configured name', async () => {
    const served = await opened.serve((req, res) =>
      req.url === '/'
        ? res.writeHead(301, { location: 'https://shop.example.com/home' }).end()
        : res.writeHead(404).end(),
    );
    const report = await scan(served.url, hostOnly);
    expect(report.checks).toEqual([{ name: 'hostHeader', status: 'passed' }]);
  });
});

describe('hostHeader check on a captured response', () => {
  it('is skipped with the reason: it needs a request with a forged Host', async () => {
    const report = await scanResponse(hostHeaderCheck, {
      headers: HTML,
      body: '<a href="https://attacker.example/">x</a>',
    });
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      {
        name: 'hostHeader',
        status: 'skipped',
        reason: 'needs an active probe, and a captured response cannot be requested again',
      },
    ]);
  });
});
