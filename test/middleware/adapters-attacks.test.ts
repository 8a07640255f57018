import http from 'node:http';
import Hapi from '@hapi/hapi';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import request from 'supertest';
import { rawExchange, rawRequest } from '../helpers/raw-request.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import { withSecurity } from '../../middleware/fetch.js';
import { secure, type SecureOptions } from '../../middleware/index.js';
import { secure as hapiSecure } from '../../middleware/hapi.js';
import { secure as koaSecure } from '../../middleware/koa.js';
import { nodeListener } from '../helpers/node-listener.js';

// The gates are one engine under six adapters: the same attacks must fail on each of them.
const OPTIONS: SecureOptions = {
  allowedHosts: ['bank.example'],
  csrf: { trustedOrigins: ['https://admin.example.com'], exempt: ['/webhook'] },
  noCache: { paths: ['/account'] },
  logger: { warn() {}, error() {} },
};

const adapters: Record<string, () => Promise<http.Server>> = {
  'node:http': async () => {
    const guard = secure(OPTIONS);
    return http.createServer((req, res) => guard(req, res, () => res.end('done')));
  },
  Express: async () => {
    const app = express();
    app.use(secure(OPTIONS));
    app.all('*path', (_req, res) => res.send('done'));
    return http.createServer(app);
  },
  Fastify: async () => {
    const app = Fastify();
    await app.register(fastifySecure, OPTIONS);
    app.all('/*', async () => 'done');
    await app.ready();
    return app.server;
  },
  Koa: async () => {
    const app = new Koa();
    app.use(koaSecure(OPTIONS));
    app.use((ctx) => {
      ctx.body = 'done';
    });
    return http.createServer(nodeListener(app.callback()));
  },
  hapi: async () => {
    const server = Hapi.server();
    await server.register({ plugin: hapiSecure, options: OPTIONS });
    server.route({ method: '*', path: '/{any*}', handler: () => 'done' });
    await server.initialize();
    return server.listener;
  },
  'fetch (Hono)': async () => {
    const app = new Hono();
    app.all('*', (c) => c.text('done'));
    return http.createServer(nodeListener(getRequestListener(withSecurity(app.fetch, OPTIONS))));
  },
};

const HTTPS = { 'X-Forwarded-Proto': 'https' };
const CROSS = { ...HTTPS, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' };

for (const [name, build] of Object.entries(adapters)) {
  describe(`attacks on secure() through ${name}`, () => {
    let server: http.Server;
    beforeAll(async () => {
      server = await build();
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const send = (method: string, path: string, headers: Record<string, string>, host = 'bank.example') => {
      let r = request(server)[method.toLowerCase() as 'post'](path).set('Host', host);
      for (const [k, v] of Object.entries(headers)) r = r.set(k, v);
      return r;
    };

    // Every host the request names must be ours: a second Host field, or the host of an
    // absolute-form target (which Koa and @hono/node-server build their URL from).
    it.each([
      [
        'two Host fields, the first ours',
        'GET / HTTP/1.1\r\nHost: bank.example\r\nHost: evil.example\r\nX-Forwarded-Proto: https\r\n\r\n',
      ],
      [
        'an absolute-form target on another host',
        'GET https://evil.example/reset HTTP/1.1\r\nHost: bank.example\r\nX-Forwarded-Proto: https\r\n\r\n',
      ],
      ['no Host at all (HTTP/1.0)', 'GET / HTTP/1.0\r\nX-Forwarded-Proto: http\r\n\r\n'],
      [
        'a port no server has',
        'GET / HTTP/1.1\r\nHost: bank.example:99999\r\nX-Forwarded-Proto: http\r\n\r\n',
      ],
    ])('refuses %s with 400', async (_case, head) => {
      const { status, text } = await rawExchange(server, head);
      expect(status).toBe(400);
      expect(text).not.toMatch(/evil\.example|:99999/);
    });

    it('redirects an absolute-form https: target sent over plain HTTP: the socket says how it came', async () => {
      const head =
        'GET https://bank.example/x HTTP/1.1\r\nHost: bank.example\r\nX-Forwarded-Proto: http\r\n\r\n';
      const { status, text } = await rawExchange(server, head);
      expect(status).toBe(301);
      expect(text).toMatch(/\r\nlocation: https:\/\/bank\.example\/x\r\n/i);
    });

    it.each<[string, number, string, string, Record<string, string>]>([
      ['a cross-site POST', 403, 'POST', '/transfer', CROSS],
      ['a same-origin POST', 200, 'POST', '/transfer', { ...HTTPS, 'Sec-Fetch-Site': 'same-origin' }],
      [
        'a cross-site POST from a trusted origin',
        200,
        'POST',
        '/transfer',
        { ...CROSS, Origin: 'https://admin.example.com' },
      ],
      [
        'a POST with Origin: null and no Fetch Metadata',
        403,
        'POST',
        '/transfer',
        { ...HTTPS, Origin: 'null' },
      ],
      [
        'a POST with a foreign Origin and no Fetch Metadata',
        403,
        'POST',
        '/transfer',
        { ...HTTPS, Origin: 'https://attacker.example' },
      ],
      ['a POST with neither header (not a browser)', 200, 'POST', '/transfer', HTTPS],
      ['a cross-site text/plain POST', 403, 'POST', '/transfer', { ...CROSS, 'Content-Type': 'text/plain' }],
      [
        'a cross-site GET overridden to DELETE by header',
        403,
        'GET',
        '/transfer',
        { ...CROSS, 'X-HTTP-Method-Override': 'DELETE' },
      ],
      ['a cross-site GET overridden to DELETE by _method', 403, 'GET', '/transfer?_method=DELETE', CROSS],
      // Every spelling a query parser (qs, querystring) decodes to _method.
      ['… by %5Fmethod', 403, 'GET', '/transfer?%5Fmethod=DELETE', CROSS],
      ['… by %5fmethod', 403, 'GET', '/transfer?%5fmethod=DELETE', CROSS],
      ['… by _%6Dethod', 403, 'GET', '/transfer?_%6Dethod=DELETE', CROSS],
      ['… by _method[]', 403, 'GET', '/transfer?_method[]=DELETE', CROSS],
      ['… by _method[0]', 403, 'GET', '/transfer?_method[0]=DELETE', CROSS],
      ['… by _method%5B%5D', 403, 'GET', '/transfer?_method%5B%5D=DELETE', CROSS],
      ['… by _method=%44ELETE after another pair', 403, 'GET', '/transfer?a=1&_method=%44ELETE', CROSS],
      ['… by a _method that cannot be decoded', 403, 'GET', '/transfer?_method=%E0%A4%A', CROSS],
      ['… by [_method] (qs drops the empty parent)', 403, 'GET', '/transfer?[_method]=DELETE', CROSS],
      ['… by %5B_method%5D', 403, 'GET', '/transfer?%5B_method%5D=PUT', CROSS],
      ['… by [_method]x', 403, 'GET', '/transfer?[_method]x=PATCH', CROSS],
      ['… by _method[]]', 403, 'GET', '/transfer?_method[]]=DELETE', CROSS],
      ['… by ??_method (Koa 3 strips the ?)', 403, 'GET', '/transfer??_method=DELETE', CROSS],
      [
        'a cross-site form POST to the exempt path asking for DELETE',
        403,
        'POST',
        '/webhook?_method=DELETE',
        CROSS,
      ],
      [
        'a cross-site POST to the exempt path overridden by header',
        403,
        'POST',
        '/webhook',
        { ...CROSS, 'X-HTTP-Method-Override': 'DELETE' },
      ],
      ['a cross-site GET with _method=GET', 200, 'GET', '/transfer?_method=GET', CROSS],
      ['a cross-site GET with an unrelated _methods key', 200, 'GET', '/transfer?_methods=DELETE', CROSS],
      ['a cross-site GET', 200, 'GET', '/transfer', CROSS],
      ['a cross-site POST to the exempt path', 200, 'POST', '/webhook', CROSS],
      ['a cross-site POST to a look-alike of the exempt path', 403, 'POST', '/webhook/', CROSS],
      ['a cross-site POST through a dot segment', 403, 'POST', '/webhook/../transfer', CROSS],
      ['a cross-site POST through an encoded dot segment', 403, 'POST', '/webhook/%2e%2e/transfer', CROSS],
      ['a cross-site POST through an encoded slash', 403, 'POST', '/webhook%2f..%2ftransfer', CROSS],
      ['a cross-site POST to a doubled slash before the exempt path', 403, 'POST', '//webhook', CROSS],
    ])('%s → %i', async (_what, status, method, path, headers) => {
      expect((await send(method, path, headers)).status).toBe(status);
    });

    it('answers of its own (403, 400, 301) carry the security headers and no X-Powered-By', async () => {
      const answers = [
        await send('POST', '/transfer', CROSS),
        await send('GET', '/', HTTPS, 'attacker.example'),
        await send('GET', '/a', { 'X-Forwarded-Proto': 'http' }),
      ];
      expect(answers.map((r) => r.status)).toEqual([403, 400, 301]);
      for (const res of answers) {
        expect([res.status, res.headers['x-frame-options'], res.headers['x-content-type-options']]).toEqual([
          res.status,
          'DENY',
          'nosniff',
        ]);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
      expect(answers[0]!.headers['strict-transport-security']).toMatch(/^max-age=/);
    });

    it('noCache covers a confidential page in every spelling the router serves it under', async () => {
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      let served = 0;
      for (const target of [
        '/account',
        '/ACCOUNT',
        '/account/cards',
        '/x/../account',
        '/%61ccount',
        '/account#x',
        '/accoun%74#',
        'http://bank.example/account',
      ]) {
        const res = await rawRequest(server, target, { headers: { ...HTTPS, Host: 'bank.example' } });
        // Served by the catch-all: not cached. Refused by the framework (a target it will not
        // route): a 4xx, with nothing of the page in it.
        if (res.body === 'done')
          expect([target, res.headers['cache-control']]).toEqual([target, 'no-store, max-age=0']);
        else expect([target, res.status >= 400 && res.status < 500]).toEqual([target, true]);
        served += res.body === 'done' ? 1 : 0;
      }
      // The plain spellings at least reach the page on every framework.
      expect(served).toBeGreaterThanOrEqual(3);
      expect((await send('GET', '/accounts', HTTPS)).headers['cache-control']).not.toBe(
        'no-store, max-age=0',
      );
    });

    it("reads the client's scheme from the first X-Forwarded-Proto entry, in any case", async () => {
      for (const proto of ['HTTPS', ' https , http', 'https,http']) {
        const res = await send('GET', '/', { 'X-Forwarded-Proto': proto });
        expect([proto, res.status, res.headers['strict-transport-security']]).toEqual([
          proto,
          200,
          'max-age=63072000; includeSubDomains',
        ]);
      }
      for (const proto of ['HTTP', 'http, https', ' http ']) {
        const res = await send('GET', '/a', { 'X-Forwarded-Proto': proto });
        expect([proto, res.status, res.headers.location]).toEqual([proto, 301, 'https://bank.example/a']);
      }
    });

    it('refuses a forged Host or X-Forwarded-Host, and never redirects off the host', async () => {
      expect((await send('GET', '/', HTTPS, 'attacker.example')).status).toBe(400);
      expect((await send('GET', '/', { ...HTTPS, 'X-Forwarded-Host': 'attacker.example' })).status).toBe(400);
      const res = await send('GET', '//attacker.example/x', { 'X-Forwarded-Proto': 'http' });
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('https://bank.example/attacker.example/x');
    });
  });
}

describe('withSecurity under @hono/node-server', () => {
  it("takes the client address for cspReport's rate limit from the Node request", async () => {
    const seen: (string | undefined)[] = [];
    const app = new Hono();
    app.all('*', (c) => c.text('done'));
    const handler = withSecurity(app.fetch, {
      cspReport: { clientKey: (view) => String(seen.push(view.remoteAddress)) },
      logger: { warn() {}, error() {} },
    });
    const server = http.createServer(nodeListener(getRequestListener(handler)));
    const res = await request(server)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(JSON.stringify({ 'csp-report': { 'blocked-uri': 'inline' } }));
    expect(res.status).toBe(204);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/127\.0\.0\.1$/);
  });
});
