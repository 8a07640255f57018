import http from 'node:http';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { MiddlewareOptionError } from '../../middleware/validate.js';

const INJECT = 'x\r\nSet-Cookie: injected=1';

describe('CR/LF in any string option is refused when the middleware is created', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'csp directive source',
      () => mw.contentSecurityPolicy({ directives: { imgSrc: [INJECT] } }),
      /^Content-Security-Policy: img-src: /,
    ],
    [
      'csp directive as string',
      () => mw.contentSecurityPolicy({ directives: { imgSrc: `'self' ${INJECT}` } }),
      /^Content-Security-Policy: /,
    ],
    [
      'csp reportUri',
      () => mw.contentSecurityPolicy({ reportUri: INJECT }),
      /^Content-Security-Policy: reportUri: /,
    ],
    [
      'csp reportTo',
      () => mw.contentSecurityPolicy({ reportTo: INJECT }),
      /^Content-Security-Policy: reportTo: /,
    ],
    [
      'csp report-only reportUri',
      () => mw.contentSecurityPolicy({ reportOnly: true, reportUri: INJECT }),
      /^Content-Security-Policy-Report-Only: reportUri: /,
    ],
    ['cspDirectives', () => mw.cspDirectives({ scriptSrc: [INJECT] }), /^cspDirectives: script-src: /],
    ['cspReport path', () => mw.cspReport({ path: `/r${INJECT}` }), /^cspReport: path: /],
    ['cspReport endpointName', () => mw.cspReport({ endpointName: INJECT }), /^cspReport: endpointName: /],
    ['frameGuard action', () => mw.frameGuard({ action: INJECT as 'deny' }), /^X-Frame-Options: action: /],
    [
      'referrerPolicy',
      () => mw.referrerPolicy({ policy: INJECT as 'no-referrer' }),
      /^Referrer-Policy: policy: /,
    ],
    [
      'permissionsPolicy origin',
      () => mw.permissionsPolicy({ features: { camera: [`https://a.example${INJECT}` as 'self'] } }),
      /^Permissions-Policy: camera: /,
    ],
    [
      'crossOriginPolicies',
      () => mw.crossOriginPolicies({ openerPolicy: INJECT as 'same-origin' }),
      /^Cross-Origin-Opener-Policy: openerPolicy: /,
    ],
    [
      'httpsRedirect hosts',
      () => mw.httpsRedirect({ hosts: [`example.com${INJECT}`] }),
      /^httpsRedirect: hosts: .*CR, LF or NUL/,
    ],
    ['noCache paths', () => mw.noCache({ paths: [`/a${INJECT}`] }), /^noCache: paths: /],
    ['sessionCookie names', () => mw.sessionCookie({ names: [INJECT] }), /^sessionCookie: names: /],
    [
      'sessionCookie sameSite',
      () => mw.sessionCookie({ sameSite: INJECT as 'Lax' }),
      /^sessionCookie: sameSite: /,
    ],
    [
      'csrf trustedOrigins',
      () => mw.csrf({ trustedOrigins: [`https://a.example${INJECT}`] }),
      /^csrf: trustedOrigins: /,
    ],
    ['csrf exempt', () => mw.csrf({ exempt: [`/hook${INJECT}`] }), /^csrf: exempt: /],
    ['csrf token cookie', () => mw.csrf({ token: { cookie: INJECT } }), /^csrf: token.cookie: /],
    ['csrf token header', () => mw.csrf({ token: { header: INJECT } }), /^csrf: token.header: /],
    ['allowedHosts', () => mw.allowedHosts([INJECT]), /^allowedHosts: hosts: /],
    [
      'loginRequired loginUrl',
      () => mw.loginRequired({ isAuthenticated: () => true, loginUrl: `/login${INJECT}` }),
      /^loginRequired: loginUrl: /,
    ],
    [
      'loginRequired publicPaths',
      () => mw.loginRequired({ isAuthenticated: () => true, publicPaths: [`/a${INJECT}`] }),
      /^loginRequired: publicPaths: /,
    ],
    [
      'passwordExpiry changeUrl',
      () => mw.passwordExpiry({ isExpired: () => false, changeUrl: INJECT }),
      /^passwordExpiry: changeUrl: /,
    ],
    [
      'passwordExpiry exempt',
      () => mw.passwordExpiry({ isExpired: () => false, exempt: [`/a${INJECT}`] }),
      /^passwordExpiry: exempt: /,
    ],
    ['p3p policy', () => mw.p3p({ policy: INJECT }), /^P3P: policy: /],
    ['secure allowedHosts', () => mw.secure({ allowedHosts: [INJECT] }), /^allowedHosts: hosts: /],
    [
      'secure nested csp',
      () => mw.secure({ contentSecurityPolicy: { directives: { connectSrc: [INJECT] } } }),
      /^Content-Security-Policy: connect-src: /,
    ],
  ];
  it.each(cases)('%s', (_name, create, message) => {
    let error: unknown;
    try {
      create();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
  });

  it('the errors quote the value and suggest the likely typo', () => {
    expect(() => mw.hsts({ maxAge: -5 })).toThrow(
      'Strict-Transport-Security: maxAge: -5 must be a whole number from 0',
    );
    expect(() => mw.hsts({ maxage: 5 } as never)).toThrow(
      'Strict-Transport-Security: "maxage" is not an option (did you mean maxAge?)',
    );
    // A single host given where a list is expected: the message shows the list it meant.
    expect(() => mw.secure({ allowedHosts: 'example.com' as never })).toThrow(
      'allowedHosts: hosts: "example.com" must be an array of hosts: ["example.com"]',
    );
    expect(() => mw.httpsRedirect({ hosts: 'example.com' as never })).toThrow(
      'httpsRedirect: hosts: "example.com" must be an array of hosts: ["example.com"]',
    );
    expect(() => mw.frameGuard({ action: 'SAMEORIGIN' as 'deny' })).toThrow(
      'X-Frame-Options: action: "SAMEORIGIN" is not one of deny, sameorigin (did you mean "sameorigin"?)',
    );
    expect(() => mw.contentSecurityPolicy({ directives: { scriptSrc: ['self'] } })).toThrow(
      /script-src: self must be quoted \('self'\)/,
    );
    expect(() => mw.contentSecurityPolicy({ directives: { 'frame-ancestor': ["'none'"] } })).toThrow(
      'Content-Security-Policy: directives: "frame-ancestor" is not a CSP directive',
    );
    expect(() => mw.permissionsPolicy({ features: { displayCapture: [] } as never })).toThrow(
      'Permissions-Policy: features: "displayCapture" is not a known feature (did you mean "display-capture"?)',
    );
    expect(() => mw.referrerPolicy({ policy: 'unsafe-url' })).toThrow(/REFERRER_POLICY_UNSAFE/);
    expect(() => mw.hsts({ preload: true, maxAge: 300 })).toThrow(/preload requires maxAge >= 31536000/);
    expect(() => mw.secure({ hstss: {} } as never)).toThrow(MiddlewareOptionError);
  });

  it("refuses a nonce or hash source browsers drop, which would leave 'unsafe-inline' beside it in force", () => {
    for (const source of ["'nonce-invalid$'", "'nonce-'", "'sha256-!!!'"]) {
      expect(() =>
        mw.contentSecurityPolicy({ directives: { scriptSrc: [source, "'unsafe-inline'"] } }),
      ).toThrow(
        /^Content-Security-Policy: .* browsers ignore it, and 'unsafe-inline' in the same list stays in force$/,
      );
    }
  });
});

describe('httpsRedirect never redirects to a foreign host', () => {
  const app = (options: mw.HttpsRedirectOptions = { hosts: ['example.com', '.example.com'] }) => {
    const a = express();
    a.use(mw.httpsRedirect(options));
    a.all('*path', (_req, res) => res.send('app'));
    return a;
  };
  const plain = (a: express.Express, host: string, path = '/p?q=1', extra: Record<string, string> = {}) =>
    request(a).get(path).set('Host', host).set('X-Forwarded-Proto', 'http').set(extra);

  it.each([
    ['example.com', 'https://example.com/p?q=1'],
    ['www.example.com:8080', 'https://www.example.com:8080/p?q=1'],
    ['attacker.example', 'https://example.com/p?q=1'],
    ['example.com.attacker.example', 'https://example.com/p?q=1'],
    ['attackerexample.com', 'https://example.com/p?q=1'],
  ])('Host %s → %s', async (host, location) => {
    const res = await plain(app(), host);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(location);
  });

  it('ignores X-Forwarded-Host', async () => {
    const res = await plain(app(), 'example.com', '/', { 'X-Forwarded-Host': 'attacker.example' });
    expect(res.headers.location).toBe('https://example.com/');
  });

  it('keeps a path that starts with // on the host', async () => {
    const res = await plain(app(), 'example.com', '//attacker.example/x');
    expect(res.headers.location).toBe('https://example.com/attacker.example/x');
  });

  it.each(['attacker.example/path', 'a@attacker.example', 'example.com\\@attacker.example', ''])(
    'without a host list, refuses the malformed Host %j with 400',
    async (host) => {
      const server = http.createServer((req, res) => mw.httpsRedirect()(req, res, () => res.end('app')));
      const res = await request(server).get('/').set('Host', host).set('X-Forwarded-Proto', 'http');
      expect(res.status).toBe(400);
      expect(res.headers.location).toBeUndefined();
    },
  );

  it('uses 308 for other methods so a POST stays a POST', async () => {
    const res = await request(app())
      .post('/form')
      .set('Host', 'example.com')
      .set('X-Forwarded-Proto', 'http');
    expect(res.status).toBe(308);
  });

  it('leaves HTTPS and local development alone, and redirects direct plain HTTP to other hosts', async () => {
    expect(
      (await request(app()).get('/').set('Host', 'example.com').set('X-Forwarded-Proto', 'https')).text,
    ).toBe('app');
    expect((await request(app()).get('/').set('Host', 'localhost:3000')).text).toBe('app');
    expect((await request(app()).get('/').set('Host', 'example.com')).status).toBe(301);
    expect(
      (
        await request(app({ trustProxy: false, hosts: ['example.com'] }))
          .get('/')
          .set('Host', 'example.com')
          .set('X-Forwarded-Proto', 'https')
      ).status,
    ).toBe(301);
  });
});

describe('the CSRF matrix', () => {
  const app = express();
  app.use(mw.csrf({ trustedOrigins: ['https://admin.example.com'], exempt: ['/webhook'] }));
  app.all('*path', (_req, res) => res.send('done'));
  const send = (method: string, headers: Record<string, string>, path = '/transfer') => {
    let r = request(app)[method.toLowerCase() as 'post'](path).set('Host', 'bank.example');
    for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
    return r;
  };

  const matrix: [string, Record<string, string>, number][] = [
    [
      'cross-site Fetch Metadata',
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
      403,
    ],
    [
      'same-site Fetch Metadata (a sibling subdomain)',
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://blog.bank.example' },
      403,
    ],
    ['same-origin Fetch Metadata', { 'Sec-Fetch-Site': 'same-origin', Origin: 'https://bank.example' }, 200],
    ['a user-initiated navigation (none)', { 'Sec-Fetch-Site': 'none' }, 200],
    [
      'cross-site from a trusted origin',
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://admin.example.com' },
      200,
    ],
    [
      'cross-site with a trusted origin in another case',
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://ADMIN.example.com' },
      200,
    ],
    ['no Fetch Metadata, Origin matches Host', { Origin: 'https://bank.example' }, 200],
    ['no Fetch Metadata, foreign Origin', { Origin: 'https://attacker.example' }, 403],
    ['no Fetch Metadata, Origin: null (sandboxed frame, data: URL)', { Origin: 'null' }, 403],
    ['no Fetch Metadata, Origin on another port', { Origin: 'https://bank.example:8443' }, 403],
    ['no Fetch Metadata, malformed Origin', { Origin: 'not a url' }, 403],
    ['Sec-Fetch-Site: cross-site with Origin: null', { 'Sec-Fetch-Site': 'cross-site', Origin: 'null' }, 403],
    ['neither header (curl, a server)', {}, 200],
    ['a simple text/plain form', { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'text/plain' }, 403],
    [
      'a urlencoded form (no preflight either)',
      { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
      403,
    ],
    [
      'a multipart form',
      { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'multipart/form-data; boundary=x' },
      403,
    ],
  ];
  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
    it.each(matrix)(`${method} with %s → %i`, async (_name, headers, status) => {
      expect((await send(method, headers)).status).toBe(status);
    });
  }

  it.each(['GET', 'HEAD', 'OPTIONS'])('lets the safe method %s through from another site', async (method) => {
    expect(
      (await send(method, { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' })).status,
    ).toBe(200);
  });

  it.each(['X-HTTP-Method-Override', 'X-HTTP-Method', 'X-Method-Override'])(
    'judges a GET with %s: DELETE as a DELETE',
    async (name) => {
      expect((await send('GET', { 'Sec-Fetch-Site': 'cross-site', [name]: 'DELETE' })).status).toBe(403);
    },
  );

  it.each([
    ['/transfer?_method=DELETE', 403],
    ['/transfer?_method=delete', 403],
    ['/transfer?x=1&_method=%44ELETE', 403],
    ['/transfer?_method=PUT&_method=GET', 403],
    ['/transfer?_method=GET', 200],
    ['/transfer?_method=', 200],
    ['/transfer?not_method=DELETE', 200],
  ])('judges a cross-site GET %s by the method it asks for (→ %i)', async (path, status) => {
    const res = await send(
      'GET',
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
      path,
    );
    expect(res.status).toBe(status);
  });

  it('matches exemptions exactly', async () => {
    const cross = { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://payments.example' };
    expect((await send('POST', cross, '/webhook')).status).toBe(200);
    expect((await send('POST', cross, '/webhook?source=stripe')).status).toBe(200);
    for (const path of [
      '/webhook/',
      '/Webhook',
      '/webhook/../transfer',
      '/webhook%2F..%2Ftransfer',
      '//webhook',
      '/webhook;x',
      '/webhooks',
      '/x/webhook',
      '/%77ebhook',
      '/webhook%00',
      '/webhook.',
      '/./webhook',
    ]) {
      expect((await send('POST', cross, path)).status, path).toBe(403);
    }
  });

  it('says why in a short 403 and logs the event', async () => {
    const events: unknown[] = [];
    const logged = express();
    logged.use(mw.csrf({ logger: { warn: (fields) => events.push(fields) } }));
    logged.post('/', (_req, res) => res.send('done'));
    const res = await request(logged).post('/').set('Sec-Fetch-Site', 'cross-site');
    expect(res.text).toBe('Forbidden: cross-origin request refused (Sec-Fetch-Site: cross-site)\n');
    expect(events).toEqual([
      expect.objectContaining({
        event: 'csrf.refused',
        method: 'POST',
        path: '/',
        secFetchSite: 'cross-site',
      }),
    ]);
  });

  it('report-only mode logs but lets the request through', async () => {
    const events: unknown[] = [];
    const a = express();
    a.use(mw.csrf({ reportOnly: true, logger: { warn: (fields) => events.push(fields) } }));
    a.post('/', (_req, res) => res.send('done'));
    expect((await request(a).post('/').set('Sec-Fetch-Site', 'cross-site')).status).toBe(200);
    expect(events).toEqual([expect.objectContaining({ event: 'csrf.refused', reportOnly: true })]);
  });

  it('the double-submit token guards clients that send neither header', async () => {
    const a = express();
    a.use(mw.csrf({ token: true }));
    a.all('/', (_req, res) => res.send('done'));
    const first = await request(a).get('/');
    const setCookie = [first.headers['set-cookie']].flat()[0] as string;
    expect(setCookie).toMatch(/^__Host-csrf=[A-Za-z0-9_-]{24}; Path=\/; Secure; SameSite=Strict$/);
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    expect((await request(a).post('/')).status).toBe(403);
    expect(
      (
        await request(a)
          .post('/')
          .set('Cookie', `__Host-csrf=${token}`)
          .set('X-CSRF-Token', 'wrong-value-of-same-len!')
      ).status,
    ).toBe(403);
    expect(
      (await request(a).post('/').set('Cookie', `__Host-csrf=${token}`).set('X-CSRF-Token', token)).status,
    ).toBe(200);
    // browsers are still judged by their headers, not the token
    expect((await request(a).post('/').set('Sec-Fetch-Site', 'same-origin')).status).toBe(200);
  });
});

describe('cspReport under attack', () => {
  const report = JSON.stringify({
    'csp-report': {
      'document-uri': 'https://a.example/',
      'blocked-uri': 'inline',
      'effective-directive': 'script-src-elem',
    },
  });

  it('refuses a 1 MiB body, declared or streamed, with 413', async () => {
    const received: unknown[] = [];
    const a = express();
    a.use(mw.cspReport({ sink: (r) => received.push(r) }));
    const big = `{"csp-report":{"x":"${'a'.repeat(1024 * 1024)}"}}`;
    const declared = await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(big);
    expect(declared.status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const server = a.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        const req = http.request(
          {
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/csp-reports',
            headers: { 'Content-Type': 'application/csp-report', 'Transfer-Encoding': 'chunked' },
          },
          (res) => {
            res.resume();
            server.close();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', () => {
          server.close();
          reject(new Error('connection failed before an answer'));
        });
        for (let i = 0; i < 16; i++) req.write('a'.repeat(64 * 1024));
        req.end();
      });
    });
    expect(streamed).toBe(413);
    expect(received).toEqual([]);
  });

  it.each([
    ['text/plain', report, 415],
    ['application/csp-report', '{not json', 400],
    ['application/csp-report', '{"something":"else"}', 400],
    ['application/csp-report', '"a string"', 400],
    ['application/reports+json', JSON.stringify([{ type: 'deprecation', body: {} }]), 204],
  ])('answers %s %j with %i', async (type, body, status) => {
    const a = express();
    a.use(mw.cspReport());
    expect((await request(a).post('/csp-reports').set('Content-Type', type).send(body)).status).toBe(status);
  });

  it('rate-limits each client, and a flood of 10,000 reports from as many clients neither grows the table nor resets a count', async () => {
    const received: unknown[] = [];
    const handler = mw.cspReport({
      rateLimit: { max: 5, windowSeconds: 60 },
      maxClients: 100,
      clientKey: (v) => v.header('x-client') ?? '',
      sink: (r) => received.push(r),
    });
    const server = http.createServer((req, res) => handler(req, res, () => res.end('app')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const post = (client: string) =>
      new Promise<number>((resolve) => {
        const req = http.request(
          {
            agent,
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/csp-reports',
            headers: { 'Content-Type': 'application/csp-report', 'X-Client': client },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.end(report);
      });
    const one = await Promise.all(Array.from({ length: 8 }, () => post('same-client')));
    expect(one.filter((s) => s === 204)).toHaveLength(5);
    expect(one.filter((s) => s === 429)).toHaveLength(3);
    const before = process.memoryUsage().heapUsed;
    const flood: number[] = [];
    for (let batch = 0; batch < 100; batch++)
      flood.push(...(await Promise.all(Array.from({ length: 100 }, (_, i) => post(`client-${batch}-${i}`)))));
    // The table holds 100 clients, all inside their window: the 99 beside same-client get an
    // entry each, the rest share one spare allowance of 5, and same-client is still over its limit.
    expect(flood.filter((s) => s === 204)).toHaveLength(99 + 5);
    expect(await post('same-client')).toBe(429);
    expect(received.length).toBe(5 + 99 + 5);
    received.length = 0;
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    agent.destroy();
    server.close();
  }, 60_000);
});

describe('every option error is a MiddlewareOptionError', () => {
  it.each([
    ['hsts preload', () => mw.hsts({ preload: true, maxAge: 300 })],
    ['p3p quote', () => mw.p3p({ policy: 'a"b' })],
    ['secure unknown option', () => mw.secure({ nope: true } as never)],
    ['csp unknown directive', () => mw.contentSecurityPolicy({ directives: { nope: ["'self'"] } })],
  ])('%s', (_name, make) => {
    expect(make).toThrow(MiddlewareOptionError);
  });
});
