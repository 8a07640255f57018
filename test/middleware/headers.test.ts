import http from 'node:http';
import express from 'express';
import request from 'supertest';
import { rawExchange } from '../helpers/raw-request.js';
import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { parseCsp } from '../../src/headers/csp.js';
import { parsePermissionsPolicy } from '../../src/headers/permissions-policy.js';

const get = (
  handler: mw.Middleware,
  headers: Record<string, string> = {},
  route?: express.RequestHandler,
) => {
  const app = express();
  app.use(handler);
  app.get('*path', route ?? ((_req, res) => res.send('<p>ok</p>')));
  return request(app).get('/').set(headers);
};

describe('header middleware send exactly their header', () => {
  it.each([
    [() => mw.frameGuard(), 'x-frame-options', 'DENY'],
    [() => mw.frameGuard({ action: 'sameorigin' }), 'x-frame-options', 'SAMEORIGIN'],
    [() => mw.noSniff(), 'x-content-type-options', 'nosniff'],
    [() => mw.referrerPolicy(), 'referrer-policy', 'strict-origin-when-cross-origin'],
    [
      () => mw.referrerPolicy({ policy: ['no-referrer', 'strict-origin-when-cross-origin'] }),
      'referrer-policy',
      'no-referrer, strict-origin-when-cross-origin',
    ],
    [() => mw.xssProtection(), 'x-xss-protection', '0'],
    [() => mw.p3p({ policy: 'NOI DSP COR' }), 'p3p', 'CP="NOI DSP COR"'],
    [() => mw.crossOriginPolicies(), 'cross-origin-opener-policy', 'same-origin'],
    [() => mw.crossOriginPolicies(), 'cross-origin-resource-policy', 'same-origin'],
    [() => mw.crossOriginPolicies(), 'origin-agent-cluster', '?1'],
    [() => mw.crossOriginPolicies(), 'x-permitted-cross-domain-policies', 'none'],
    [
      () => mw.crossOriginPolicies({ embedderPolicy: 'credentialless' }),
      'cross-origin-embedder-policy',
      'credentialless',
    ],
    [() => mw.noCache(), 'cache-control', 'no-store, max-age=0'],
  ])('%s sets %s: %s', async (make, name, value) => {
    expect((await get(make())).headers[name]).toBe(value);
  });

  it('crossOriginPolicies leaves out what is switched off, and COEP by default', async () => {
    const res = await get(mw.crossOriginPolicies({ openerPolicy: false, originAgentCluster: false }));
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(res.headers['origin-agent-cluster']).toBeUndefined();
    expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
  });

  it('permissionsPolicy serialises a valid structured-field dictionary', async () => {
    const res = await get(
      mw.permissionsPolicy({
        features: { camera: [], geolocation: ['self', 'https://maps.example.com'], fullscreen: ['*'] },
      }),
    );
    expect(res.headers['permissions-policy']).toBe(
      'camera=(), geolocation=(self "https://maps.example.com"), fullscreen=*',
    );
    expect(parsePermissionsPolicy([res.headers['permissions-policy']!]).problems).toEqual([]);
    const defaults = (await get(mw.permissionsPolicy())).headers['permissions-policy'];
    for (const feature of mw.DEFAULT_DENIED_FEATURES) expect(defaults).toContain(`${feature}=()`);
  });

  it('hsts is sent over HTTPS only: a trusted proxy or TLS', async () => {
    expect((await get(mw.hsts())).headers['strict-transport-security']).toBeUndefined();
    expect(
      (await get(mw.hsts(), { 'X-Forwarded-Proto': 'https' })).headers['strict-transport-security'],
    ).toBe('max-age=63072000; includeSubDomains');
    expect(
      (await get(mw.hsts(), { 'X-Forwarded-Proto': 'https, http' })).headers['strict-transport-security'],
    ).toBeDefined();
    expect(
      (await get(mw.hsts({ trustProxy: false }), { 'X-Forwarded-Proto': 'https' })).headers[
        'strict-transport-security'
      ],
    ).toBeUndefined();
    expect(
      (await get(mw.hsts({ maxAge: 31536000, preload: true }), { 'X-Forwarded-Proto': 'https' })).headers[
        'strict-transport-security'
      ],
    ).toBe('max-age=31536000; includeSubDomains; preload');
  });

  it('hidePoweredBy removes what Express set before it', async () => {
    const res = await get(mw.hidePoweredBy());
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('a headers-only secure() removes what the app set before it and adds HSTS over HTTPS only', async () => {
    const secure = mw.secure({
      httpsRedirect: false,
      csrf: false,
      sessionCookie: false,
      contentSecurityPolicy: false,
    });
    const server = http.createServer((req, res) => {
      res.setHeader('X-Powered-By', 'PHP/8.3');
      res.setHeader('Server', 'nginx/1.25.3');
      secure(req, res, () => res.end('app'));
    });
    const overHttps = await request(server).get('/').set('X-Forwarded-Proto', 'https');
    const plain = await request(server).get('/');
    for (const res of [overHttps, plain]) {
      expect(res.text).toBe('app');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers.server).toBeUndefined();
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(overHttps.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const names = (res: request.Response) =>
      Object.keys(res.headers).filter((n) => n !== 'strict-transport-security');
    expect(names(overHttps)).toEqual(names(plain));
  });

  it('noCache with paths only touches confidential pages', async () => {
    const app = express();
    app.use(mw.noCache({ paths: ['/account', /^\/admin\b/] }));
    app.get('*path', (_req, res) => res.send('x'));
    expect((await request(app).get('/account/cards')).headers['cache-control']).toBe('no-store, max-age=0');
    expect((await request(app).get('/admin')).headers.pragma).toBe('no-cache');
    expect((await request(app).get('/accounting')).headers['cache-control']).toBeUndefined();
    expect((await request(app).get('/')).headers['cache-control']).toBeUndefined();
  });

  it('works from plain node:http with a next callback', async () => {
    const secure = mw.secure();
    const server = http.createServer((req, res) => secure(req, res, () => res.end('app')));
    const res = await request(server).get('/').set('X-Forwarded-Proto', 'https');
    expect(res.text).toBe('app');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toMatch(
      /^script-src 'nonce-[A-Za-z0-9_-]{24}' 'strict-dynamic'/,
    );
  });
});

describe('contentSecurityPolicy', () => {
  it('sends a fresh 144-bit nonce per response, exposed to templates', async () => {
    const app = express();
    app.use(mw.contentSecurityPolicy());
    app.get('/', (req, res) => res.send(`${res.locals.cspNonce}|${(req as mw.SecureRequest).cspNonce}`));
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const res = await request(app).get('/');
      const [local, onRequest] = res.text.split('|');
      expect(local).toBe(onRequest);
      expect(local).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(res.headers['content-security-policy']).toContain(`'nonce-${local}'`);
      seen.add(local!);
    }
    expect(seen.size).toBe(200);
  });

  it('nonces stay unique across the pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(mw.nextNonce());
    expect(seen.size).toBe(5000);
  });

  it.each([
    [
      {},
      "script-src 'nonce-N' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ],
    [
      { preset: 'compatible' as const },
      "default-src 'self'; script-src 'self' 'nonce-N'; script-src-attr 'none'; style-src 'self' 'nonce-N'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'; upgrade-insecure-requests",
    ],
    [
      { directives: { imgSrc: ["'self'", 'https://images.example.com'], formAction: null } },
      "script-src 'nonce-N' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; img-src 'self' https://images.example.com",
    ],
    [
      { preset: 'none' as const, directives: { defaultSrc: "'self'", upgradeInsecureRequests: true } },
      "default-src 'self'; upgrade-insecure-requests",
    ],
    [
      { reportUri: '/csp', reportTo: 'csp-endpoint' },
      "script-src 'nonce-N' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; report-uri /csp; report-to csp-endpoint",
    ],
  ])('%j builds %s', async (options, expected) => {
    const res = await get(mw.contentSecurityPolicy(options));
    expect(res.headers['content-security-policy']!.replace(/nonce-[A-Za-z0-9_-]{24}/g, 'nonce-N')).toBe(
      expected,
    );
    expect(parseCsp([res.headers['content-security-policy']!], 'header')[0]!.problems).toEqual([]);
  });

  it('report-only mode sends the report-only header', async () => {
    const res = await get(mw.contentSecurityPolicy({ reportOnly: true }));
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['content-security-policy-report-only']).toMatch(/^script-src 'nonce-/);
  });

  it('cspDirectives merges per route, keeping the nonce, or replaces the policy', async () => {
    const app = express();
    app.use(mw.contentSecurityPolicy());
    app.get('/embed', mw.cspDirectives({ frameAncestors: ['https://partner.example'] }), (_req, res) =>
      res.send(String(res.locals.cspNonce)),
    );
    app.get('/legacy', mw.cspDirectives({ defaultSrc: ["'self'"] }, { replace: true }), (_req, res) =>
      res.send('x'),
    );
    const embed = await request(app).get('/embed');
    expect(embed.headers['content-security-policy']).toBe(
      `script-src 'nonce-${embed.text}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors https://partner.example; form-action 'self'`,
    );
    expect((await request(app).get('/legacy')).headers['content-security-policy']).toBe("default-src 'self'");
  });

  it('cspDirectives without a policy before it is an error that says what to do', async () => {
    const app = express();
    app.get('/', mw.cspDirectives({ imgSrc: ["'self'"] }), (_req, res) => res.send('x'));
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) =>
      res.status(500).send(error.message),
    );
    expect((await request(app).get('/')).text).toMatch(
      /^cspDirectives: no Content-Security-Policy was set earlier/,
    );
  });

  it('refuses policies the checks would call invalid', () => {
    expect(() => mw.contentSecurityPolicy({ directives: { scriptSrc: ["'strict-dynamic'"] } })).toThrow(
      /'strict-dynamic' without a nonce or hash/,
    );
    expect(() => mw.contentSecurityPolicy({ directives: { scriptSrc: ["'unsafe-inlin'"] } })).toThrow(
      /is not a CSP keyword/,
    );
    expect(() => mw.contentSecurityPolicy({ directives: { blockAllMixedContent: true } })).toThrow(
      /deprecated/,
    );
    expect(() => mw.contentSecurityPolicy({ preset: 'none' })).toThrow(/leave no directive/);
    expect(() => mw.contentSecurityPolicy({ strict: true, preset: 'compatible' })).toThrow(
      /contradicts preset "compatible"/,
    );
  });
});

describe('sessionCookie', () => {
  const app = (set: (res: express.Response) => void, options?: mw.SessionCookieOptions) => {
    const a = express();
    a.use(mw.sessionCookie(options));
    a.get('/', (_req, res) => {
      set(res);
      res.send('x');
    });
    return a;
  };
  const cookies = async (a: express.Express) => {
    const res = await request(a).get('/');
    return {
      lines: ([] as string[]).concat(res.headers['set-cookie'] ?? []),
      cache: res.headers['cache-control'],
    };
  };

  it('hardens a session cookie however it is set', async () => {
    const hardened = 'connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax';
    expect((await cookies(app((res) => res.cookie('connect.sid', 'abc')))).lines).toEqual([hardened]);
    expect(
      (await cookies(app((res) => res.setHeader('Set-Cookie', 'connect.sid=abc; Path=/')))).lines,
    ).toEqual([hardened]);
    expect(
      (await cookies(app((res) => res.appendHeader('Set-Cookie', 'connect.sid=abc; Path=/')))).lines,
    ).toEqual([hardened]);
  });

  it('hardens cookies passed to writeHead as an object or as raw pairs', async () => {
    const viaObject = http.createServer((req, res) =>
      mw.sessionCookie()(req, res, () =>
        res.writeHead(200, { 'Set-Cookie': ['sid=1', 'theme=dark'], 'Cache-Control': 'public' }).end(),
      ),
    );
    const a = await request(viaObject).get('/');
    expect(a.headers['set-cookie']).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax', 'theme=dark']);
    expect(a.headers['cache-control']).toBe('no-store, max-age=0');
    const viaPairs = http.createServer((req, res) =>
      mw.sessionCookie()(req, res, () =>
        res.writeHead(200, ['Set-Cookie', 'sid=1', 'Set-Cookie', 'other=2']).end(),
      ),
    );
    expect((await request(viaPairs).get('/')).headers['set-cookie']).toEqual([
      'sid=1; Secure; HttpOnly; SameSite=Lax',
      'other=2',
    ]);
  });

  it('hardens a cookie that a wrapper mounted before it passes in writeHead itself, on a response with no headers set', async () => {
    const server = http.createServer((req, res) => {
      // A wrapper of another's, installed first (as on-headers is), that hands its cookie to writeHead.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the response as this
      const prior = res.writeHead;
      res.writeHead = function (this: http.ServerResponse, status: number) {
        return prior.call(this, status, { 'Set-Cookie': 'sid=1' });
      };
      mw.sessionCookie()(req, res, () => res.end('ok'));
    });
    const res = await request(server).get('/');
    expect(res.headers['set-cookie']).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax']);
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
  });

  it('keeps the case of names passed to writeHead as raw pairs, and leaves an odd array to Node to refuse', async () => {
    const server = http.createServer((req, res) =>
      mw.sessionCookie()(req, res, () => {
        try {
          if (req.url === '/odd') res.writeHead(200, ['Set-Cookie', 'sid=1', 'X-A']);
          else res.writeHead(200, ['Set-Cookie', 'sid=1', 'X-Custom', 'V']);
          res.end('ok');
        } catch (error) {
          res.writeHead(500).end((error as { code?: string }).code);
        }
      }),
    );
    const pairs = await rawExchange(server, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(pairs.text).toContain('\r\nX-Custom: V\r\n');
    expect(pairs.text).toContain('\r\nSet-Cookie: sid=1; Secure; HttpOnly; SameSite=Lax\r\n');
    const odd = await rawExchange(server, 'GET /odd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(odd.status).toBe(500);
    expect(odd.text).toContain('ERR_INVALID_ARG_VALUE');
    server.close();
  });

  it('finalizes writeHead headers in any case and with a reason phrase, and passes others through untouched', async () => {
    const server = http.createServer((req, res) =>
      mw.sessionCookie()(req, res, () => {
        if (req.url === '/cookie') res.writeHead(201, 'Made', { 'SET-COOKIE': 'sid=1' }).end();
        else res.writeHead(202, 'Fine', { 'X-Plain': 'yes' }).end();
      }),
    );
    const cookie = await request(server).get('/cookie');
    expect([cookie.status, cookie.headers['set-cookie']]).toEqual([
      201,
      ['sid=1; Secure; HttpOnly; SameSite=Lax'],
    ]);
    const plain = await request(server).get('/plain');
    expect([plain.status, plain.headers['x-plain'], plain.headers['cache-control']]).toEqual([
      202,
      'yes',
      undefined,
    ]);
  });

  it('runs the finalizers of stacked middleware and keeps a writeHead wrapper mounted before them', async () => {
    const seen: number[] = [];
    const a = express();
    a.use((_req, res, next) => {
      // What on-headers (morgan, express-session, compression) does: an own writeHead wrapper.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the response as this
      const prior = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: unknown[]) {
        seen.push(this.getHeaders()['set-cookie'] ? 1 : 0);
        return (prior as (...a: unknown[]) => typeof res).apply(this, args);
      } as typeof res.writeHead;
      next();
    });
    a.use(mw.sessionCookie());
    a.use(mw.csrf());
    a.get('/', (_req, res) => {
      res.append('Set-Cookie', 'connect.sid=abc');
      res.append('Set-Cookie', 'csrftoken=xyz');
      res.send('ok');
    });
    const lines = (await cookies(a)).lines;
    expect(lines).toEqual([
      'connect.sid=abc; Secure; HttpOnly; SameSite=Lax',
      // An anti-CSRF token scripts read: Secure, never HttpOnly; its SameSite is csrf()'s.
      'csrftoken=xyz; Secure; SameSite=Strict',
    ]);
    expect(seen).toEqual([1]); // the earlier wrapper ran once, after ours had finalized
  });

  it('keeps a writeHead wrapper mounted between two checksecure middleware, each running once', async () => {
    let wrapperRuns = 0;
    const a = express();
    a.use(mw.sessionCookie());
    a.use((_req, res, next) => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the response as this
      const prior = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: unknown[]) {
        wrapperRuns++;
        return (prior as (...a: unknown[]) => typeof res).apply(this, args);
      } as typeof res.writeHead;
      next();
    });
    a.use(mw.csrf());
    a.get('/', (_req, res) => {
      res.append('Set-Cookie', 'connect.sid=abc');
      res.append('Set-Cookie', 'csrftoken=xyz');
      res.send('ok');
    });
    expect((await cookies(a)).lines).toEqual([
      'connect.sid=abc; Secure; HttpOnly; SameSite=Lax',
      'csrftoken=xyz; SameSite=Strict; Secure',
    ]);
    expect(wrapperRuns).toBe(1);
  });

  it('replaces SameSite with the configured value and leaves other cookies alone', async () => {
    const { lines, cache } = await cookies(
      app(
        (res) => {
          res.append('Set-Cookie', 'connect.sid=abc; SameSite=None; Secure');
          res.append('Set-Cookie', 'theme=dark');
        },
        { sameSite: 'Strict' },
      ),
    );
    expect(lines).toEqual(['connect.sid=abc; Secure; HttpOnly; SameSite=Strict', 'theme=dark']);
    expect(cache).toBe('no-store, max-age=0');
  });

  it('uses the configured names, and brings __Host- cookies within their rules', async () => {
    expect(
      (await cookies(app((res) => res.setHeader('Set-Cookie', 'token=1'), { names: ['token'] }))).lines,
    ).toEqual(['token=1; Secure; HttpOnly; SameSite=Lax']);
    expect(
      (await cookies(app((res) => res.setHeader('Set-Cookie', 'sid=1'), { names: ['token'] }))).lines,
    ).toEqual(['sid=1']);
    expect(
      (
        await cookies(
          app((res) => res.setHeader('Set-Cookie', '__Host-pref=1; Domain=example.com; Path=/app')),
        )
      ).lines,
    ).toEqual(['__Host-pref=1; Secure; Path=/']);
  });

  it('leaves the response cacheable when no session cookie is set', async () => {
    expect((await cookies(app((res) => res.setHeader('Set-Cookie', 'theme=dark')))).cache).toBeUndefined();
  });
});

describe('errorHandler', () => {
  const app = () => {
    const a = express();
    const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    a.get('/boom', () => {
      throw new Error('secret database password in /srv/app/db.js');
    });
    a.get('/teapot', () => {
      throw Object.assign(new Error('short and stout'), { status: 418 });
    });
    a.use(
      mw.errorHandler({
        logger: {
          error: (fields, message) => logged.push({ level: 'error', fields, message }),
          warn: (fields, message) => logged.push({ level: 'warn', fields, message }),
        },
      }),
    );
    return { a, logged };
  };

  it.each([
    [
      'text/html',
      'text/html; charset=utf-8',
      '<!doctype html><title>500 Internal Server Error</title><h1>500 Internal Server Error</h1>\n',
    ],
    ['application/json', 'application/json; charset=utf-8', '{"error":"Internal Server Error","status":500}'],
    ['*/*', 'text/plain; charset=utf-8', '500 Internal Server Error\n'],
  ])('answers Accept %s without a stack or message, and logs them', async (accept, type, body) => {
    const { a, logged } = app();
    const res = await request(a).get('/boom').set('Accept', accept);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe(type);
    expect(res.text).toBe(body);
    // Logged once, at error, with its stack once: in the error object pino and console print.
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe('error');
    expect(logged[0]!.message).toContain('secret database password');
    expect(logged[0]!.message).not.toMatch(/\n\s+at /);
    expect((logged[0]!.fields.err as Error).stack).toMatch(/secret database password[\s\S]*at /);
  });

  it('keeps a 4xx status from the error, and logs it as a warning without a stack', async () => {
    const { a, logged } = app();
    const res = await request(a).get('/teapot');
    expect(res.status).toBe(418);
    expect(res.text).toBe("418 I'm a Teapot\n");
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe('warn');
    expect(JSON.stringify(logged[0])).not.toMatch(/\bat .*:\d+:\d+/);
    expect(logged[0]!.fields).not.toHaveProperty('err');
  });

  it('a malformed JSON body (express.json) is a client error: warn, no stack', async () => {
    const a = express();
    const logged: string[] = [];
    a.post('/api', express.json(), (_req, res) => res.send('ok'));
    a.use(
      mw.errorHandler({
        logger: { warn: (_f, m) => logged.push(`warn ${m}`), error: (_f, m) => logged.push(`error ${m}`) },
      }),
    );
    const res = await request(a).post('/api').set('Content-Type', 'application/json').send('{"broken"');
    expect(res.status).toBe(400);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^warn checksecure: POST \/api answered 400: /);
  });
});

describe('every middleware accepts a logger', () => {
  const logger = { warn() {}, info() {}, error() {} };
  it.each([
    ['hsts', () => mw.hsts({ logger })],
    ['contentSecurityPolicy', () => mw.contentSecurityPolicy({ logger })],
    ['cspReport', () => mw.cspReport({ logger })],
    ['frameGuard', () => mw.frameGuard({ logger })],
    ['referrerPolicy', () => mw.referrerPolicy({ logger })],
    ['permissionsPolicy', () => mw.permissionsPolicy({ logger })],
    ['crossOriginPolicies', () => mw.crossOriginPolicies({ logger })],
    ['httpsRedirect', () => mw.httpsRedirect({ logger })],
    ['noCache', () => mw.noCache({ logger })],
    ['sessionCookie', () => mw.sessionCookie({ logger })],
    ['csrf', () => mw.csrf({ logger })],
    ['errorHandler', () => mw.errorHandler({ logger })],
    ['allowedHosts', () => mw.allowedHosts({ hosts: ['example.com'], logger })],
    ['sessionExpiry', () => mw.sessionExpiry({ idle: 60, logger })],
    ['loginRequired', () => mw.loginRequired({ isAuthenticated: () => true, logger })],
    ['passwordExpiry', () => mw.passwordExpiry({ isExpired: () => false, logger })],
    ['requireAjax', () => mw.requireAjax({ logger })],
    ['p3p', () => mw.p3p({ policy: 'NOI', logger })],
    ['secure', () => mw.secure({ logger })],
  ])('%s', (_name, make) => {
    expect(typeof make()).toBe('function');
  });

  it('refuses something that is not a logger', () => {
    expect(() => mw.frameGuard({ logger: 'console' } as never)).toThrow(
      'X-Frame-Options: logger: "console" must be a logger with warn() (console or pino)',
    );
  });

  it('httpsRedirect logs a request for an unknown host', async () => {
    const events: unknown[] = [];
    const app = express();
    app.use(mw.httpsRedirect({ hosts: ['example.com'], logger: { warn: (f) => events.push(f) } }));
    await request(app).get('/').set('Host', 'attacker.example').set('X-Forwarded-Proto', 'http');
    expect(events).toEqual([expect.objectContaining({ event: 'host.rejected', value: 'attacker.example' })]);
  });
});
