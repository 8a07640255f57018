import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa3 from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { expectReportEndpoint, expectSecureFixes, reportOptions } from '../helpers/adapters.js';
import { secure } from '../../middleware/koa.js';
import { koa2 } from '../helpers/versions.js';
import { nodeListener } from '../helpers/node-listener.js';

const HTTPS = { 'x-forwarded-proto': 'https' };
const NONCE = /'nonce-([A-Za-z0-9_-]{24})'/;

type Koa = Koa3;

/** A Koa app with the usual mistakes: a session cookie, a form POST, an inline script. */
function build(Koa: typeof Koa3, hardened: boolean, extra?: (app: Koa) => void): Koa {
  const app = new Koa();
  app.silent = true; // the thrown errors below are expected
  if (hardened) app.use(secure());
  extra?.(app);
  app.use((ctx) => {
    if (ctx.method === 'POST') {
      ctx.body = 'ok';
      return;
    }
    ctx.cookies.set('sessionid', 'abc', { httpOnly: false });
    ctx.type = 'html';
    ctx.body = `<script nonce="${String(ctx.state.cspNonce ?? '')}">1</script>`;
  });
  return app;
}

let open: http.Server | undefined;
afterEach(() => open?.close());

async function listen(app: Koa): Promise<string> {
  open = http.createServer(nodeListener(app.callback()));
  await new Promise<void>((resolve) => open!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(open.address() as AddressInfo).port}`;
}

describe.each([
  ['Koa 3', Koa3],
  ['Koa 2', koa2],
])('secure() for %s', (_name, Koa) => {
  it('turns a bare app that fails the scan into one with nothing at warning or above', async () => {
    await expectSecureFixes(build(Koa, false), build(Koa, true));
  });

  it('gives templates the policy nonce in ctx.state and hardens the session cookie', async () => {
    const base = await listen(build(Koa, true));
    const res = await fetch(base, { headers: HTTPS });
    const nonce = NONCE.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(await res.text()).toBe(`<script nonce="${nonce}">1</script>`);
    expect(res.headers.getSetCookie()).toEqual(['sessionid=abc; path=/; Secure; HttpOnly; SameSite=Lax']);
  });

  it('answers a cross-site POST and a plain-HTTP request itself, and the app never runs', async () => {
    let ran = 0;
    const base = await listen(
      build(Koa, true, (app) =>
        app.use(async (_ctx, next) => {
          ran++;
          await next();
        }),
      ),
    );
    const post = await fetch(base, {
      method: 'POST',
      headers: { ...HTTPS, origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      body: 'a=1',
    });
    expect(post.status).toBe(403);
    const plain = await fetch(`${base}/x?y=1`, {
      headers: { 'x-forwarded-proto': 'http' },
      redirect: 'manual',
    });
    expect(plain.status).toBe(301);
    // This machine behind a proxy of its own: redirected to itself, on the port the request named.
    expect(plain.headers.get('location')).toBe(`${base.replace(/^http:/, 'https:')}/x?y=1`);
    expect(ran).toBe(0);
    expect(
      (await fetch(base, { method: 'POST', headers: { ...HTTPS, 'sec-fetch-site': 'same-origin' } })).status,
    ).toBe(200);
    expect(ran).toBe(1);
  });

  it('keeps its headers on the error Koa answers, lets the error set its own, and leaves the error as it was', async () => {
    const shared = Object.assign(new Error('nope'), { status: 401, expose: true });
    const withOwn = Object.assign(new Error('teapot'), {
      status: 418,
      expose: true,
      headers: { 'X-Frame-Options': 'SAMEORIGIN', 'WWW-Authenticate': 'Basic' },
    });
    const app = new Koa();
    app.silent = true;
    app.use(secure());
    app.use((ctx) => {
      if (ctx.path === '/shared') throw shared;
      if (ctx.path === '/own') throw withOwn;
      throw new Error('boom');
    });
    const base = await listen(app);
    const boom = await fetch(`${base}/boom`, { headers: HTTPS });
    expect(boom.status).toBe(500);
    expect(await boom.text()).toBe('Internal Server Error');
    expect(boom.headers.get('x-frame-options')).toBe('DENY');
    expect(boom.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(boom.headers.get('content-security-policy')).toMatch(NONCE);

    const first = await fetch(`${base}/shared`, { headers: HTTPS });
    const second = await fetch(`${base}/shared`, { headers: HTTPS });
    expect(first.status).toBe(401);
    // A shared error must not carry one request's nonce into the next.
    expect(NONCE.exec(first.headers.get('content-security-policy')!)![1]).not.toBe(
      NONCE.exec(second.headers.get('content-security-policy')!)![1],
    );
    expect(Object.hasOwn(shared, 'headers')).toBe(false);

    const own = await fetch(`${base}/own`, { headers: HTTPS });
    expect(own.status).toBe(418);
    expect(own.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(own.headers.get('www-authenticate')).toBe('Basic');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(withOwn.headers).toEqual({ 'X-Frame-Options': 'SAMEORIGIN', 'WWW-Authenticate': 'Basic' });
  });

  it('receives CSP reports itself, before the app and its body parsers, and caps their size', async () => {
    const received: unknown[] = [];
    let ran = 0;
    const app = new Koa();
    app.use(secure(reportOptions(received)));
    app.use((ctx) => {
      ran++;
      ctx.body = 'page';
    });
    await expectReportEndpoint(await listen(app), received, () => ran);
  });

  it('refuses bad options when it is created, with the option named', () => {
    expect(() => secure({ hsts: { maxAge: -1 } })).toThrow(
      /^Strict-Transport-Security: maxAge: -1 must be a whole number/,
    );
    expect(() => secure({ frameGuard: { action: 'ALLOWALL' as 'deny' } })).toThrow(/X-Frame-Options/);
  });
});
