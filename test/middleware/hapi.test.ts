import Hapi from '@hapi/hapi';
import { describe, expect, it } from 'vitest';
import { expectReportEndpoint, expectSecureFixes, reportOptions } from '../helpers/adapters.js';
import { secure } from '../../middleware/hapi.js';

const HTTPS = { 'x-forwarded-proto': 'https' };
const NONCE = /'nonce-([A-Za-z0-9_-]{24})'/;

/** A hapi server with the usual mistakes: a session cookie, a form POST, an inline script. */
async function build(hardened: boolean): Promise<Hapi.Server> {
  const server = Hapi.server();
  if (hardened) await server.register({ plugin: secure });
  server.route({
    method: 'GET',
    path: '/',
    handler: (request, h) =>
      h
        .response(
          `<script nonce="${String((request.app as { cspNonce?: string }).cspNonce ?? '')}">1</script>`,
        )
        .type('text/html')
        .header('Set-Cookie', 'sessionid=abc; Path=/'),
  });
  server.route({ method: 'POST', path: '/', handler: () => 'ok' });
  server.route({
    method: 'GET',
    path: '/embed',
    handler: (_r, h) => h.response('ok').header('X-Frame-Options', 'SAMEORIGIN'),
  });
  server.route({
    method: 'GET',
    path: '/boom',
    handler: () => {
      throw new Error('boom');
    },
  });
  return server;
}

describe('secure() as a hapi plugin', () => {
  it('turns a bare server that fails the scan into one with nothing at warning or above', async () => {
    await expectSecureFixes(await build(false), await build(true));
  });

  it('gives the route the policy nonce in request.app, hardens the cookie, and lets a route override a header', async () => {
    const server = await build(true);
    const page = await server.inject({ method: 'GET', url: '/', headers: HTTPS });
    const nonce = NONCE.exec(String(page.headers['content-security-policy']))?.[1];
    expect(nonce).toBeDefined();
    expect(page.payload).toBe(`<script nonce="${nonce}">1</script>`);
    expect(page.headers['set-cookie']).toEqual(['sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
    const embed = await server.inject({ method: 'GET', url: '/embed', headers: HTTPS });
    expect(embed.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('keeps its headers on the errors hapi answers', async () => {
    const server = await build(true);
    server.events.on({ name: 'request', channels: 'error' }, () => {});
    for (const url of ['/boom', '/missing']) {
      const res = await server.inject({ method: 'GET', url, headers: HTTPS });
      expect(res.statusCode).toBe(url === '/boom' ? 500 : 404);
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=/);
      expect(String(res.headers['content-security-policy'])).toMatch(NONCE);
    }
  });

  it('answers a cross-site POST and a plain-HTTP request itself, and the route never runs', async () => {
    let ran = 0;
    const server = Hapi.server();
    // A public host is redirected only when listed (without a list it is a 400, also answered here).
    await server.register({ plugin: secure, options: { httpsRedirect: { hosts: ['bank.example'] } } });
    server.route({
      method: '*',
      path: '/{any*}',
      handler: () => {
        ran++;
        return 'ok';
      },
    });
    const post = await server.inject({
      method: 'POST',
      url: '/transfer',
      headers: { ...HTTPS, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      payload: 'a=1',
    });
    expect(post.statusCode).toBe(403);
    const plain = await server.inject({
      method: 'GET',
      url: '/x?y=1',
      headers: { host: 'bank.example', 'x-forwarded-proto': 'http' },
    });
    expect([plain.statusCode, plain.headers.location]).toEqual([301, 'https://bank.example/x?y=1']);
    expect(ran).toBe(0);
  });

  it("receives CSP reports itself, before the route and hapi's payload parsing, and caps their size", async () => {
    const received: unknown[] = [];
    let ran = 0;
    const server = Hapi.server({ port: 0, host: '127.0.0.1' });
    await server.register({ plugin: secure, options: reportOptions(received) });
    server.route({
      method: '*',
      path: '/{any*}',
      handler: () => {
        ran++;
        return 'page';
      },
    });
    await server.start();
    try {
      await expectReportEndpoint(server.info.uri, received, () => ran);
    } finally {
      await server.stop();
    }
  });

  it('refuses bad options at register time, with the option named', async () => {
    const server = Hapi.server();
    await expect(server.register({ plugin: secure, options: { hsts: { maxAge: -1 } } })).rejects.toThrow(
      /^Strict-Transport-Security: maxAge: -1 must be a whole number/,
    );
  });
});
