import expressLatest from 'express';
import FastifyLatest from 'fastify';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import { cspNonce, withSecurity } from '../../middleware/fetch.js';
import { errorHandler, secure } from '../../middleware/index.js';
import { runChecks } from '../../src/core/scan.js';
import type { Warning } from '../../src/core/types.js';
import { express4, fastify4 } from '../helpers/versions.js';

const serious = (warnings: Warning[]) => warnings.filter((w) => w.severity !== 'info').map((w) => w.code);
const codes = (warnings: Warning[]) => [...new Set(warnings.map((w) => w.code))].sort();
const quiet = { error() {}, warn() {} };

/** Mistakes every bare app here makes: a session cookie, a form POST, an inline script. */
const BARE = [
  'CSP_MISSING',
  'CSRF_UNPROTECTED',
  'FRAMING_ALLOWED',
  'HSTS_MISSING',
  'HTTPS_REDIRECT_MISSING',
  'NOSNIFF_MISSING',
  'SESSION_COOKIE_INSECURE',
];

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('%s', (_name, express) => {
  const build = (hardened: boolean) => {
    const app = express();
    if (hardened) app.use(secure());
    app.use(express.json());
    app.get('/', (_req, res) => {
      res.cookie('connect.sid', 's%3Aabc');
      res.send(`<script nonce="${res.locals.cspNonce ?? ''}">1</script>`);
    });
    app.post('/', (_req, res) => res.redirect(303, '/'));
    if (hardened) app.use(errorHandler({ logger: quiet }));
    return app;
  };

  it('a bare app reports the expected codes', async () => {
    const found = codes(await runChecks(build(false)));
    for (const code of [...BARE, 'DEBUG_ERRORS_EXPOSED', 'POWERED_BY_EXPOSED']) expect(found).toContain(code);
  });

  it('the same app with secure() and errorHandler() reports nothing at warning or above', async () => {
    expect(serious(await runChecks(build(true)))).toEqual([]);
  });
});

describe.each([
  ['Fastify 5', FastifyLatest],
  ['Fastify 4', fastify4],
])('%s', (_name, Fastify) => {
  const build = async (hardened: boolean) => {
    const app = Fastify();
    if (hardened) await app.register(fastifySecure);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    app.get('/', async (request, reply) => {
      reply.header('set-cookie', 'sessionid=abc; Path=/');
      return reply.type('text/html').send(`<script nonce="${request.cspNonce ?? ''}">1</script>`);
    });
    app.post('/', async () => ({ ok: true }));
    return app;
  };

  it('a bare app reports the expected codes', async () => {
    const found = codes(await runChecks(await build(false)));
    for (const code of BARE) expect(found).toContain(code);
  });

  it('the same app with the secure plugin reports nothing at warning or above', async () => {
    const app = await build(true);
    expect(serious(await runChecks(app))).toEqual([]);
    const res = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect([res.headers['set-cookie']].flat()).toEqual([
      'sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
    expect(res.body).toMatch(/nonce="[A-Za-z0-9_-]{24}"/);
    expect(res.headers['content-security-policy']).toContain(
      `'nonce-${/nonce="([^"]+)"/.exec(res.body)![1]}'`,
    );
  });

  // Why the plugin sets its headers on the raw response rather than in Fastify's reply headers
  // (which cost a little less): a reply written on reply.raw never sees the latter.
  it('secures a hijacked reply written on the raw response, and lets a route override a header', async () => {
    const app = Fastify();
    await app.register(fastifySecure);
    app.get('/events', (_request, reply) => {
      reply.hijack();
      reply.raw.setHeader('Set-Cookie', 'sessionid=abc; Path=/');
      reply.raw.writeHead(200, { 'Content-Type': 'text/event-stream' });
      reply.raw.end('data: 1\n\n');
    });
    app.get('/embed', (_request, reply) => reply.header('X-Frame-Options', 'SAMEORIGIN').send('ok'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const https = { 'x-forwarded-proto': 'https' };
      const events = await fetch(`${base}/events`, { headers: https });
      expect(await events.text()).toBe('data: 1\n\n');
      expect(events.headers.get('x-frame-options')).toBe('DENY');
      expect(events.headers.get('strict-transport-security')).toMatch(/^max-age=/);
      expect(events.headers.get('content-security-policy')).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
      expect(events.headers.getSetCookie()).toEqual([
        'sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
      ]);
      const embed = await fetch(`${base}/embed`, { headers: https });
      expect(embed.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    } finally {
      await app.close();
    }
  });

  it('refuses bad options at register time', async () => {
    const app = Fastify();
    await expect(app.register(fastifySecure, { hsts: { maxAge: -1 } })).rejects.toThrow(
      /^Strict-Transport-Security: maxAge: -1 must be a whole number/,
    );
  });

  // The plugin carries the marks fastify-plugin used to set (the adapter loads no package): what
  // Fastify does with them is what users relied on.
  it('covers the routes of the instance it is registered on and of its other plugins', async () => {
    const app = Fastify();
    await app.register(fastifySecure);
    app.get('/', async () => 'root');
    await app.register(async (child) => {
      child.get('/child', async () => 'child');
    });
    for (const url of ['/', '/child']) {
      const res = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toMatch(/^max-age=/);
    }
  });

  it('registers under its name, so other plugins can depend on it', async () => {
    const app = Fastify();
    await app.register(fastifySecure);
    expect(app.hasPlugin('checksecure')).toBe(true);
    const dependent = Object.assign(async () => {}, {
      [Symbol.for('plugin-meta')]: { name: 'needs-checksecure', dependencies: ['checksecure'] },
    });
    await expect(app.register(dependent)).resolves.toBeDefined();
    await expect(Fastify().register(dependent)).rejects.toThrow(/checksecure/);
  });

  it('is refused by a Fastify older than 4, with the version it needs', async () => {
    const app = Fastify();
    Object.defineProperty(app, 'version', { value: '3.29.5' });
    await expect(app.register(fastifySecure)).rejects.toThrow(
      "fastify-plugin: checksecure - expected '>=4' fastify version, '3.29.5' is installed",
    );
  });
});

describe('Hono through the fetch adapter', () => {
  const build = () => {
    const app = new Hono();
    app.get('/', (c) => {
      c.header('Set-Cookie', 'session=abc; Path=/');
      return c.html(`<script nonce="${cspNonce(c.req.raw) ?? ''}">1</script>`);
    });
    app.post('/', (c) => c.text('ok'));
    return app;
  };

  it('a bare app reports the expected codes', async () => {
    const found = codes(await runChecks({ fetch: build().fetch }));
    for (const code of BARE) expect(found).toContain(code);
  });

  it('the same app wrapped with withSecurity reports nothing at warning or above', async () => {
    const handler = withSecurity(build().fetch);
    expect(serious(await runChecks({ fetch: handler }))).toEqual([]);
    const res = await handler(new Request('https://example.com/'));
    const nonce = /nonce="([^"]+)"/.exec(await res.text())![1]!;
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(res.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
    expect(res.headers.getSetCookie()).toEqual(['session=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
  });

  it('redirects plain HTTP and refuses cross-site POSTs', async () => {
    const handler = withSecurity(build().fetch, { httpsRedirect: { hosts: ['example.com'] } });
    const redirect = await handler(
      new Request('http://example.com/a?b=1', { headers: { host: 'example.com' } }),
    );
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('https://example.com/a?b=1');
    const refused = await handler(
      new Request('https://example.com/', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expect(refused.status).toBe(403);
  });

  it('reads the host from the Request URL when no Host header came with it', async () => {
    const handler = withSecurity(() => new Response('ok'), { allowedHosts: ['bank.example'] });
    const redirect = await handler(new Request('http://BANK.example:8080/a?b=1'));
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('https://bank.example:8080/a?b=1');
    expect((await handler(new Request('https://attacker.example/'))).status).toBe(400);
    expect((await handler(new Request('https://bank.example/'))).status).toBe(200);
  });

  it('copies immutable responses instead of failing', async () => {
    const handler = withSecurity(() => Response.redirect('https://example.com/next', 302));
    const res = await handler(new Request('https://example.com/'));
    expect(res.status).toBe(302);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('withSecurity answers as the handler does', () => {
  it('synchronously for a synchronous handler, and with a promise for an async one', async () => {
    const request = () => new Request('https://example.com/');
    const sync = withSecurity(() => new Response('ok'))(request());
    expect(sync).toBeInstanceOf(Response);
    expect((sync as Response).headers.get('x-content-type-options')).toBe('nosniff');
    const later = withSecurity(async () => new Response('ok'))(request());
    expect(later).toBeInstanceOf(Promise);
    expect((await later).headers.get('x-content-type-options')).toBe('nosniff');
  });
});
