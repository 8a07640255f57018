import http from 'node:http';
import Hapi from '@hapi/hapi';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import { withSecurity } from '../../middleware/fetch.js';
import { secure, type SecureOptions } from '../../middleware/index.js';
import { secure as hapiSecure } from '../../middleware/hapi.js';
import { secure as koaSecure } from '../../middleware/koa.js';
import { nodeListener } from '../helpers/node-listener.js';

// A page whose policy carries a nonce, stored by a shared cache, hands that nonce to every
// visitor: markup injected into it (a stored comment) could then carry a script that runs.
// Each app answers '/' with nothing said of caching, and '/cached' with its own Cache-Control.
const OWN = 'public, max-age=60';
type Build = (options: SecureOptions) => Promise<http.Server>;

const apps: Record<string, Build> = {
  'node:http': async (options) => {
    const guard = secure(options);
    return http.createServer((req, res) =>
      guard(req, res, () => {
        if (req.url === '/cached') res.setHeader('Cache-Control', OWN);
        res.end('<p>page</p>');
      }),
    );
  },
  Express: async (options) => {
    const app = express();
    app.use(secure(options));
    app.get('/', (_req, res) => res.send('<p>page</p>'));
    app.get('/cached', (_req, res) => res.set('Cache-Control', OWN).send('<p>page</p>'));
    return http.createServer(app);
  },
  Fastify: async (options) => {
    const app = Fastify();
    await app.register(fastifySecure, options);
    app.get('/', async (_req, reply) => reply.type('text/html').send('<p>page</p>'));
    app.get('/cached', async (_req, reply) =>
      reply.header('cache-control', OWN).type('text/html').send('<p>page</p>'),
    );
    await app.ready();
    return app.server;
  },
  Koa: async (options) => {
    const app = new Koa();
    app.use(koaSecure(options));
    app.use((ctx) => {
      if (ctx.path === '/cached') ctx.set('Cache-Control', OWN);
      ctx.body = '<p>page</p>';
    });
    return http.createServer(nodeListener(app.callback()));
  },
  hapi: async (options) => {
    const server = Hapi.server();
    await server.register({ plugin: hapiSecure, options });
    server.route({ method: 'GET', path: '/', handler: () => '<p>page</p>' });
    server.route({
      method: 'GET',
      path: '/cached',
      handler: (_r, h) => h.response('<p>page</p>').header('cache-control', OWN),
    });
    await server.initialize();
    return server.listener;
  },
  'fetch (Hono)': async (options) => {
    const app = new Hono();
    app.get('/', (c) => c.html('<p>page</p>'));
    app.get('/cached', (c) => c.html('<p>page</p>', 200, { 'Cache-Control': OWN }));
    return http.createServer(nodeListener(getRequestListener(withSecurity(app.fetch, options))));
  },
};

const HTTPS = { 'X-Forwarded-Proto': 'https' };

describe.each(Object.entries(apps))('a page with a nonce under %s', (_name, build) => {
  it('is kept out of shared caches when the app says nothing of caching', async () => {
    const res = await request(await build({}))
      .get('/')
      .set(HTTPS);
    expect(res.headers['content-security-policy']).toMatch(/'nonce-/);
    expect(String(res.headers['cache-control'])).toMatch(/^private\b/);
  });

  it("keeps the app's own Cache-Control: it asked for caching", async () => {
    const res = await request(await build({}))
      .get('/cached')
      .set(HTTPS);
    expect(res.headers['cache-control']).toBe(OWN);
  });

  it('is left alone without a nonce (no policy, or one without a nonce)', async () => {
    for (const options of [
      { contentSecurityPolicy: false },
      { contentSecurityPolicy: { preset: 'none', directives: { defaultSrc: ["'self'"] } } },
    ] as SecureOptions[]) {
      const res = await request(await build(options))
        .get('/')
        .set(HTTPS);
      expect(String(res.headers['cache-control'] ?? '')).not.toMatch(/private/);
    }
  });
});

describe('the cache rules a page with a nonce meets elsewhere', () => {
  it('a fetch handler without a Node server: a confidential path gets no-store, not private', async () => {
    const handler = withSecurity(
      () => new Response('<p>secret</p>', { headers: { 'content-type': 'text/html' } }),
      {
        noCache: { paths: ['/account'] },
      },
    );
    expect((await handler(new Request('https://example.com/account'))).headers.get('cache-control')).toBe(
      'no-store, max-age=0',
    );
    expect((await handler(new Request('https://example.com/'))).headers.get('cache-control')).toBe('private');
  });

  it("hapi: a route's cache options and a response's ttl() are the app's own, and win", async () => {
    const server = Hapi.server();
    await server.register({ plugin: hapiSecure });
    server.route({
      method: 'GET',
      path: '/api',
      options: { cache: { expiresIn: 600_000, privacy: 'public' } },
      handler: () => ({ a: 1 }),
    });
    server.route({ method: 'GET', path: '/ttl', handler: (_r, h) => h.response('x').ttl(60_000) });
    await server.initialize();
    const api = await request(server.listener).get('/api').set(HTTPS);
    expect(api.headers['cache-control']).toBe('max-age=600, must-revalidate, public');
    const ttl = await request(server.listener).get('/ttl').set(HTTPS);
    expect(ttl.headers['cache-control']).toBe('max-age=60, must-revalidate');
  });
});
