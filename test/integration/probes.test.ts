import type http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { corsCheck } from '../../src/checks/cors.js';
import { cspCheck } from '../../src/checks/csp.js';
import { csrfCheck } from '../../src/checks/csrf.js';
import { debugCheck } from '../../src/checks/debug.js';
import { hostHeaderCheck } from '../../src/checks/host-header.js';
import { httpsRedirectCheck } from '../../src/checks/https-redirect.js';
import { defineCheck } from '../../src/core/registry.js';
import type { Check } from '../../src/core/types.js';
import { scan } from '../../src/core/scan.js';
import { serve, type Served } from '../helpers/server.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function codes(check: Check, listener: http.RequestListener, options = {}): Promise<string[]> {
  served = await serve(listener);
  const report = await scan(served.url, { checks: [check], ...options });
  const bad = report.checks.find((c) => c.status === 'errored' || c.status === 'skipped');
  if (bad) throw new Error(`${bad.name} ${bad.status}: ${bad.reason}`);
  return report.warnings.map((w) => w.code).sort();
}

const ok = (res: http.ServerResponse, body = 'ok', type = 'text/html') =>
  res.writeHead(200, { 'content-type': type }).end(body);

describe('httpsRedirect probe (X-Forwarded-Proto: http)', () => {
  const redirecting =
    (status: number, location: (req: http.IncomingMessage) => string): http.RequestListener =>
    (req, res) =>
      req.headers['x-forwarded-proto'] === 'http'
        ? res.writeHead(status, { location: location(req) }).end()
        : ok(res);

  it.each([
    [301, (req: http.IncomingMessage) => `https://${req.headers.host}${req.url}`, []],
    [308, (req: http.IncomingMessage) => `https://${req.headers.host}/`, []],
    [302, (req: http.IncomingMessage) => `https://${req.headers.host}/`, ['HTTPS_REDIRECT_NOT_PERMANENT']],
    [307, (req: http.IncomingMessage) => `https://${req.headers.host}/`, ['HTTPS_REDIRECT_NOT_PERMANENT']],
    [301, () => 'https://www.elsewhere.example/', ['HTTPS_REDIRECT_OFF_HOST']],
    [
      302,
      () => 'https://www.elsewhere.example/',
      ['HTTPS_REDIRECT_NOT_PERMANENT', 'HTTPS_REDIRECT_OFF_HOST'],
    ],
    [301, (req: http.IncomingMessage) => `http://${req.headers.host}/login`, ['HTTPS_REDIRECT_MISSING']],
    [301, () => '/login', ['HTTPS_REDIRECT_MISSING']],
  ])('%i to %s', async (status, location, expected) => {
    expect(await codes(httpsRedirectCheck, redirecting(status, location))).toEqual(expected);
  });

  it('reports a plain-HTTP request answered with the page', async () => {
    expect(await codes(httpsRedirectCheck, (_req, res) => ok(res))).toEqual(['HTTPS_REDIRECT_MISSING']);
  });

  it('never follows the redirect it judges', async () => {
    await codes(
      httpsRedirectCheck,
      redirecting(301, () => 'https://www.elsewhere.example/'),
    );
    expect(served!.requests.filter((r) => r.headers['x-forwarded-proto'] === 'http')).toHaveLength(1);
    expect(served!.requests.every((r) => r.headers.host?.startsWith('127.0.0.1'))).toBe(true);
  });

  it('is skipped on a local target when assumeHttps is off', async () => {
    served = await serve((_req, res) => ok(res));
    const report = await scan(served.url, { checks: [httpsRedirectCheck], assumeHttps: false });
    expect(report.checks[0]).toMatchObject({ status: 'skipped' });
    expect(served.requests.every((r) => r.headers['x-forwarded-proto'] === undefined)).toBe(true);
  });
});

describe('csrf probe (same-origin and cross-site POST)', () => {
  const fetchMetadata: http.RequestListener = (req, res) => {
    if (req.method === 'POST' && req.headers['sec-fetch-site'] === 'cross-site')
      return res.writeHead(403).end('no');
    ok(res);
  };
  const originCheck: http.RequestListener = (req, res) => {
    const expected = `https://${req.headers.host}`;
    if (req.method === 'POST' && req.headers.origin !== expected) return res.writeHead(403).end('no');
    ok(res);
  };

  it.each([
    [
      'accepts both alike',
      (_req: http.IncomingMessage, res: http.ServerResponse) => ok(res),
      ['CSRF_UNPROTECTED'],
    ],
    [
      'redirects both alike',
      (req: http.IncomingMessage, res: http.ServerResponse) =>
        req.method === 'POST' ? res.writeHead(303, { location: '/done' }).end() : ok(res),
      ['CSRF_UNPROTECTED'],
    ],
    ['refuses cross-site by Fetch Metadata', fetchMetadata, []],
    ['refuses a foreign Origin (behind the assumed TLS proxy)', originCheck, []],
  ])('%s', async (_name, listener, expected) => {
    expect(await codes(csrfCheck, listener as http.RequestListener)).toEqual(expected);
  });

  // Nothing judged is not a pass: the report says the check could not judge, and why.
  it.each([
    ['answers 404 to both (no such endpoint)', 404],
    ['answers 405 to both', 405],
    ['answers 403 to both (token required)', 403],
  ])('is skipped, with no warning, when every path %s', async (_name, status) => {
    served = await serve((req, res) => (req.method === 'POST' ? res.writeHead(status).end() : ok(res)));
    const report = await scan(served.url, { checks: [csrfCheck], paths: ['/', '/a', '/b', '/c'] });
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason: `the same-origin POST was refused too (/ → ${status}, /a → ${status}, /b → ${status}, …), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths), or send its token (csrf.sameOrigin)`,
      },
    ]);
  });

  it('judges the paths that accept the same-origin POST when others do not', async () => {
    served = await serve((req, res) =>
      req.method === 'POST' && req.url !== '/form' ? res.writeHead(405).end() : ok(res),
    );
    const report = await scan(served.url, { checks: [csrfCheck], paths: ['/', '/form'] });
    expect(report.checks).toEqual([{ name: 'csrf', status: 'warned' }]);
    expect(report.warnings.map((w) => [w.code, new URL(w.url).pathname])).toEqual([
      ['CSRF_UNPROTECTED', '/form'],
    ]);
  });

  it('posts to the configured csrf.paths', async () => {
    const listener: http.RequestListener = (req, res) =>
      req.method === 'POST' && req.url === '/transfer'
        ? ok(res)
        : req.method === 'POST'
          ? res.writeHead(404).end()
          : ok(res);
    expect(await codes(csrfCheck, listener, { csrf: { paths: ['/transfer'] } })).toEqual([
      'CSRF_UNPROTECTED',
    ]);
    const posts = served!.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.url, r.headers['sec-fetch-site'], r.headers.origin]).sort()).toEqual([
      ['/transfer', 'cross-site', 'https://attacker.example'],
      ['/transfer', 'same-origin', `https://${served!.url.slice('http://'.length)}`],
    ]);
  });

  it('finds an unprotected Express form handler', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/', (_req, res) => res.redirect(303, '/'));
    app.get('/', (_req, res) => res.send('<form method="post"></form>'));
    const report = await scan(app, { checks: [csrfCheck] });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'CSRF_UNPROTECTED',
        evidence: expect.stringMatching(
          /Origin: https:\/\/attacker\.example, Sec-Fetch-Site: cross-site → 303 → \/ \(same-origin → 303 → \/\)/,
        ),
      }),
    ]);
  });
});

describe('cors probe (foreign Origin)', () => {
  it.each([
    [
      'reflects Origin with credentials',
      (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.headers.origin) {
          res.setHeader('access-control-allow-origin', req.headers.origin);
          res.setHeader('access-control-allow-credentials', 'true');
        }
        ok(res, '{}', 'application/json');
      },
      ['CORS_NULL_ORIGIN', 'CORS_ORIGIN_REFLECTED'],
    ],
    [
      'reflects Origin without credentials',
      (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.headers.origin) res.setHeader('access-control-allow-origin', req.headers.origin);
        ok(res, '{}', 'application/json');
      },
      [],
    ],
    [
      'allows a fixed origin',
      (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.setHeader('access-control-allow-origin', 'https://app.example.com');
        res.setHeader('access-control-allow-credentials', 'true');
        ok(res);
      },
      [],
    ],
    [
      'sends * on HTML',
      (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.setHeader('access-control-allow-origin', '*');
        ok(res);
      },
      ['CORS_WILDCARD'],
    ],
    [
      'sends * on JSON',
      (_req: http.IncomingMessage, res: http.ServerResponse) => {
        res.setHeader('access-control-allow-origin', '*');
        ok(res, '{}', 'application/json');
      },
      [],
    ],
  ])('%s', async (_name, listener, expected) => {
    expect(await codes(corsCheck, listener as http.RequestListener)).toEqual(expected);
  });
});

describe('hostHeader probe (foreign Host and X-Forwarded-Host)', () => {
  it.each([
    [
      'redirects to the Host',
      (req: http.IncomingMessage, res: http.ServerResponse) =>
        req.url === '/'
          ? res.writeHead(302, { location: `https://${req.headers.host}/login` }).end()
          : ok(res),
      ['HOST_HEADER_REFLECTED'],
    ],
    [
      'links to X-Forwarded-Host',
      (req: http.IncomingMessage, res: http.ServerResponse) =>
        ok(
          res,
          `<a href="https://${String(req.headers['x-forwarded-host'] ?? req.headers.host)}/reset">reset</a>`,
        ),
      ['HOST_HEADER_REFLECTED'],
    ],
    [
      'builds protocol-relative links',
      (req: http.IncomingMessage, res: http.ServerResponse) =>
        ok(res, `<script src="//${req.headers.host}/a.js"></script>`),
      ['HOST_HEADER_REFLECTED'],
    ],
    [
      'uses relative links',
      (_req: http.IncomingMessage, res: http.ServerResponse) => ok(res, '<a href="/reset">reset</a>'),
      [],
    ],
    [
      'refuses unknown hosts',
      (req: http.IncomingMessage, res: http.ServerResponse) =>
        req.headers.host?.startsWith('127.0.0.1') ? ok(res) : res.writeHead(400).end(),
      [],
    ],
    [
      'uses its configured origin',
      (_req: http.IncomingMessage, res: http.ServerResponse) =>
        ok(res, '<a href="https://www.example.com/reset">reset</a>'),
      [],
    ],
  ])('%s', async (_name, listener, expected) => {
    expect(await codes(hostHeaderCheck, listener as http.RequestListener)).toEqual(expected);
  });
});

describe('debug probe (malformed requests)', () => {
  it('finds the stack trace of a development-mode Express app', async () => {
    const app = express();
    app.use(express.json());
    app.get('/', (_req, res) => res.send('home'));
    app.post('/', (_req, res) => res.send('ok'));
    const report = await scan(app, { checks: [debugCheck] });
    expect(report.warnings[0]).toMatchObject({
      code: 'DEBUG_ERRORS_EXPOSED',
      evidence: expect.stringMatching(/POST .* → 400: at .*body-parser/),
    });
  });

  it('finds the URIError of a route with a parameter', async () => {
    const app = express();
    app.get('/:name', (req, res) => res.send(req.params.name));
    app.get('/', (_req, res) => res.send('home'));
    const codesSeen = (await scan(app, { checks: [debugCheck] })).warnings.map((w) => w.evidence);
    expect(codesSeen.join('\n')).toMatch(/GET .*\/%.* → 400: at /);
  });

  it('is quiet for the same app in production mode', async () => {
    const app = express();
    app.set('env', 'production');
    app.use(express.json());
    app.get('/:name', (req, res) => res.send(req.params.name));
    app.post('/', (_req, res) => res.send('ok'));
    expect((await scan(app, { checks: [debugCheck] })).warnings).toEqual([]);
  });

  it('finds a Windows path in an error page', async () => {
    expect(
      await codes(debugCheck, (req, res) =>
        req.url === '/'
          ? ok(res)
          : res.writeHead(500).end('Error: boom\n    at Object.<anonymous> (C:\\srv\\app\\server.js:10:11)'),
      ),
    ).toEqual(['DEBUG_ERRORS_EXPOSED']);
  });
});

describe('nonce reuse probe (a second GET)', () => {
  const STATIC = 'c3RhdGljLW5vbmNlLXN0YXRpYy1ub25jZQ';
  const page =
    (nonce: () => string): http.RequestListener =>
    (_req, res) => {
      res.setHeader(
        'content-security-policy',
        `script-src 'nonce-${nonce()}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; report-uri /r`,
      );
      ok(res, '<script>1</script>');
    };

  it('reports a static nonce', async () => {
    expect(
      await codes(
        cspCheck,
        page(() => STATIC),
      ),
    ).toEqual(['CSP_NONCE_REUSED']);
  });

  it('passes a fresh nonce per response', async () => {
    let n = 0;
    expect(
      await codes(
        cspCheck,
        page(() => `${STATIC}${n++}`),
      ),
    ).toEqual([]);
  });
});

describe('shared probes', () => {
  it('sends each active probe once, however many checks ask for it', async () => {
    const asker = (name: string) =>
      defineCheck({
        name,
        messages: { [`${name.toUpperCase()}_X`]: 'x' },
        async run(ctx) {
          await Promise.all([ctx.probe.plainHttp('/'), ctx.probe.csrf('/'), ctx.probe.foreignHost('/')]);
        },
      });
    served = await serve((_req, res) => ok(res));
    await scan(served.url, { checks: [asker('one'), asker('two'), asker('three')] });
    const kinds = served.requests.map((r) =>
      r.method === 'POST'
        ? `POST ${r.headers['sec-fetch-site']}`
        : r.headers['x-forwarded-proto'] === 'http'
          ? 'http'
          : r.headers.host === 'attacker.example'
            ? 'host'
            : 'page',
    );
    expect(kinds.sort()).toEqual(['POST cross-site', 'POST same-origin', 'host', 'http', 'page']);
  });
});
