import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { secure } from '../../middleware/index.js';
import { httpsRedirectCheck, scan, type Report } from '../../src/index.js';
import { HTML, scanResponse } from '../helpers/captured.js';
import { hardenedSite, openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const page = (app: express.Express) => {
  app.get('/', (_req, res) => res.send('<!doctype html><title>t</title><p>hi</p>'));
  return app;
};

const redirectWarnings = async (app: express.Express, headers: Record<string, string> = {}) =>
  (await scan(app, { headers })).warnings.filter((w) => w.check === 'httpsRedirect');

describe('httpsRedirect check on in-process apps', () => {
  it('names the scanned host in the fix when the scan was given one (httpsRedirect only redirects the hosts it is given)', async () => {
    const [warning] = await redirectWarnings(page(express()), { Host: 'shop.example.org' });
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.fix?.snippet).toContain("app.use(httpsRedirect({ hosts: ['shop.example.org'] }));");
  });

  it('shows where the hosts go when the scan only knew its own loopback stand-in', async () => {
    const [warning] = await redirectWarnings(page(express()));
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.fix?.snippet).toContain("app.use(httpsRedirect({ hosts: ['example.com'] }));");
  });

  it('passes the fix it suggests, with and without the Host the app is configured for', async () => {
    const app = express();
    app.use(secure({ httpsRedirect: { hosts: ['shop.example.org'] } }));
    expect(await redirectWarnings(page(app), { Host: 'shop.example.org' })).toEqual([]);
    expect(await redirectWarnings(page(app))).toEqual([]);
  });

  it('reports a secure() without hosts as not redirecting a public host: it answers 400 there', async () => {
    const app = express();
    app.use(secure());
    const [warning] = await redirectWarnings(page(app), { Host: 'shop.example.org' });
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.evidence).toMatch(/→ 400$/);
    expect(warning?.fix?.snippet).toContain("hosts: ['shop.example.org']");
  });
});

const redirectOnly = { checks: [httpsRedirectCheck] };
const codes = (report: Report) => report.warnings.map((w) => w.code).sort();

/** An Express app that answers the proxy's plain-HTTP requests with `status` to `to(host, url)`. */
function redirecting(status: number, to: (host: string, url: string) => string): express.Express {
  const app = express();
  app.use((req, res, next) =>
    req.get('x-forwarded-proto') === 'http'
      ? res.redirect(status, to(req.get('host') ?? '', req.originalUrl))
      : next(),
  );
  return page(app);
}

describe('httpsRedirect check: each code earned, and not', () => {
  const shop = { Host: 'shop.example.org' };

  it('HTTPS_REDIRECT_OFF_HOST: the first redirect goes to www., so HSTS is never set for the bare host', async () => {
    const app = redirecting(301, (_host, url) => `https://www.shop.example.org${url}`);
    const report = await scan(app, { ...redirectOnly, headers: shop });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'HTTPS_REDIRECT_OFF_HOST',
        severity: 'warning',
        message:
          'The first redirect from HTTP goes to another host (www.shop.example.org), so HSTS is never set for shop.example.org',
        evidence: expect.stringMatching(
          /^GET http:\/\/127\.0\.0\.1:\d+\/ \(X-Forwarded-Proto: http\) → 301 Location: https:\/\/www\.shop\.example\.org\/$/,
        ),
        fix: expect.objectContaining({ middleware: 'httpsRedirect()' }),
      }),
    ]);
  });

  it.each([302, 303, 307])('HTTPS_REDIRECT_NOT_PERMANENT: a %i to https on the same host', async (status) => {
    const report = await scan(
      redirecting(status, (host, url) => `https://${host}${url}`),
      { ...redirectOnly, headers: shop },
    );
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'HTTPS_REDIRECT_NOT_PERMANENT',
        severity: 'info',
        message: `The redirect to HTTPS is a temporary ${status}; use 301 or 308`,
      }),
    ]);
  });

  it('reports both when a temporary redirect also leaves the host', async () => {
    const app = redirecting(302, () => 'https://login.example.net/');
    expect(codes(await scan(app, { ...redirectOnly, headers: shop }))).toEqual([
      'HTTPS_REDIRECT_NOT_PERMANENT',
      'HTTPS_REDIRECT_OFF_HOST',
    ]);
  });

  it.each([301, 308])('passes a %i to https on the same host', async (status) => {
    const report = await scan(
      redirecting(status, (host, url) => `https://${host}${url}`),
      { ...redirectOnly, headers: shop },
    );
    expect(report.checks).toEqual([{ name: 'httpsRedirect', status: 'passed' }]);
  });

  it.each([
    ['a redirect that stays on http:', 'http://shop.example.org/'],
    ['a Location that is not a URL', 'https://[shop'],
  ])('HTTPS_REDIRECT_MISSING for %s', async (_name, location) => {
    const served = await opened.serve((req, res) =>
      req.headers['x-forwarded-proto'] === 'http'
        ? res.writeHead(301, { location }).end()
        : res.writeHead(200, HTML).end('<p>shop</p>'),
    );
    const report = await scan(served.url, redirectOnly);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'HTTPS_REDIRECT_MISSING',
        severity: 'error',
        evidence: `GET ${served.url}/ (X-Forwarded-Proto: http) → 301 Location: ${location}`,
      }),
    ]);
  });

  it('passes a real server on 127.0.0.1 that redirects the plain-HTTP request permanently', async () => {
    const served = await opened.serve(hardenedSite);
    const report = await scan(served.url, redirectOnly);
    expect(report.checks).toEqual([{ name: 'httpsRedirect', status: 'passed' }]);
    // The probe asked as a TLS-terminating proxy does for a plain-HTTP visitor.
    expect(served.requests.some((r) => r.headers['x-forwarded-proto'] === 'http')).toBe(true);
  });

  it('finds a Fastify app that serves plain HTTP like HTTPS', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (_req, reply) => reply.type('text/html').send('<p>hi</p>'));
    const report = await scan(app, redirectOnly);
    expect(codes(report)).toEqual(['HTTPS_REDIRECT_MISSING']);
    expect(report.warnings[0]!.evidence).toMatch(/ \(X-Forwarded-Proto: http\) → 200$/);
  });
});

describe('httpsRedirect check: where it cannot judge', () => {
  it('is skipped on a plain-HTTP target when assumeHttps is off: there is no HTTPS to redirect to', async () => {
    const served = await opened.serve((_req, res) => res.writeHead(200, HTML).end('<p>plain</p>'));
    const report = await scan(served.url, { ...redirectOnly, assumeHttps: false });
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      {
        name: 'httpsRedirect',
        status: 'skipped',
        reason: 'needs HTTPS: the target is plain HTTP and assumeHttps is off',
      },
    ]);
  });

  it('is skipped on a captured response: it needs a plain-HTTP request of its own', async () => {
    const report = await scanResponse(httpsRedirectCheck, { headers: HTML, body: '<p>x</p>' });
    expect(report.checks).toEqual([
      {
        name: 'httpsRedirect',
        status: 'skipped',
        reason: 'needs an active probe, and a captured response cannot be requested again',
      },
    ]);
  });

  it('is errored, with the reason, when the plain-HTTP request fails on a local server', async () => {
    const served = await opened.serve((req, res) =>
      req.headers['x-forwarded-proto'] === 'http'
        ? req.socket.destroy()
        : res.writeHead(200, HTML).end('<p>ok</p>'),
    );
    const report = await scan(served.url, redirectOnly);
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      { name: 'httpsRedirect', status: 'errored', reason: expect.stringMatching(/closed/) },
    ]);
  });
});
