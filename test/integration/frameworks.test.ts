import http from 'node:http';
import express from 'express';
import Hapi from '@hapi/hapi';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { TargetError } from '../../src/core/errors.js';
import { runChecks, scan } from '../../src/core/scan.js';
import type { Warning } from '../../src/core/types.js';
import { hardenedSite, serve } from '../helpers/server.js';
import { nodeListener } from '../helpers/node-listener.js';

const codes = (warnings: Warning[]) => [...new Set(warnings.map((w) => w.code))].sort();

/** What every unhardened app with a session cookie and a POST handler shows. */
const BARE = [
  'COOP_MISSING',
  'CSP_MISSING',
  'CSRF_UNPROTECTED',
  'FRAMING_ALLOWED',
  'HSTS_MISSING',
  'HTTPS_REDIRECT_MISSING',
  'NOSNIFF_MISSING',
  'PERMISSIONS_POLICY_MISSING',
  'REFERRER_POLICY_MISSING',
];

describe('targets', () => {
  it('an unhardened Express app gives the expected codes', async () => {
    const app = express();
    app.use(express.json());
    app.get('/', (req, res) => {
      res.cookie('connect.sid', 's%3Aabc', { path: '/' });
      res.send(
        `<!doctype html><a href="https://${req.get('host')}/reset">reset</a><script src="https://cdn.other.net/lib.js"></script>`,
      );
    });
    app.post('/', (_req, res) => res.redirect(303, '/'));
    expect(codes(await runChecks(app))).toEqual(
      [
        ...BARE,
        'CONFIDENTIAL_CACHEABLE',
        'DEBUG_ERRORS_EXPOSED',
        'HOST_HEADER_REFLECTED',
        'POWERED_BY_EXPOSED',
        'SESSION_COOKIE_INSECURE',
        'SESSION_COOKIE_NOT_HTTPONLY',
        'SESSION_COOKIE_SAMESITE',
        'SRI_MISSING',
      ].sort(),
    );
  });

  it('a Fastify instance (not yet listening) is scanned in-process and stays usable', async () => {
    const app = Fastify();
    app.get('/', async (_req, reply) => reply.type('text/html').send('<p>hi</p>'));
    // A form endpoint, as @fastify/formbody would give it; without a parser Fastify answers 415 to both POSTs.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/', async () => ({ ok: true }));
    const report = await scan(app);
    expect(report.target).toBe('in-process Fastify app');
    expect(codes(report.warnings)).toEqual(BARE);
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    await app.close();
  });

  it('a Koa app is scanned in-process through its callback() and stays usable', async () => {
    const app = new Koa();
    app.use((ctx) => {
      ctx.type = 'html';
      ctx.body = ctx.method === 'POST' ? 'ok' : '<p>hi</p>';
    });
    const report = await scan(app);
    expect(report.target).toBe('in-process Koa app');
    expect(codes(report.warnings)).toEqual(BARE);
    expect((await scan({ app })).target).toBe('in-process Koa app');
    const site = await serve(nodeListener(app.callback()));
    expect((await fetch(site.url)).status).toBe(200);
    await site.close();
  });

  it('a hapi server is initialised and scanned through its listener, and stays usable', async () => {
    const server = Hapi.server();
    server.route({
      method: 'GET',
      path: '/',
      handler: (_request, h) => h.response('<p>hi</p>').type('text/html'),
    });
    server.route({ method: 'POST', path: '/', handler: () => 'ok' });
    const report = await scan(server);
    expect(report.target).toBe('in-process hapi server');
    expect(codes(report.warnings)).toEqual(BARE);
    expect(server.listener.listening).toBe(false);
    expect((await server.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    await server.stop();
  });

  it('a started hapi server is scanned as it runs and left listening', async () => {
    const server = Hapi.server({ port: 0, host: '127.0.0.1' });
    server.route({
      method: 'GET',
      path: '/',
      handler: (_request, h) => h.response('<p>hi</p>').type('text/html'),
    });
    await server.start();
    // initialize() throws on a started server: scanning must not call it.
    expect((await scan(server)).target).toBe('in-process hapi server');
    expect(server.listener.listening).toBe(true);
    await server.stop();
  });

  it('a Hono app is scanned through its fetch handler, as an object or as app.fetch', async () => {
    const app = new Hono();
    app.get('/', (c) => c.html('<p>hi</p>'));
    app.post('/', (c) => c.text('ok'));
    const asObject = await scan(app);
    expect(asObject.target).toBe('fetch handler');
    expect(codes(asObject.warnings)).toEqual(BARE);
    expect(codes(await runChecks({ fetch: app.fetch }))).toEqual(BARE);
    expect(codes(await runChecks(app.fetch))).toEqual(BARE);
  });

  it('a fetch handler sees https://localhost behind the assumed proxy, and http:// for the redirect probe', async () => {
    const seen: string[] = [];
    const handler = (request: Request) => {
      seen.push(`${request.method} ${request.url} ${request.headers.get('x-forwarded-proto')}`);
      const url = new URL(request.url);
      if (url.protocol === 'http:') return Response.redirect(`https://${url.host}${url.pathname}`, 301);
      return new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } });
    };
    const report = await scan({ fetch: handler });
    expect(report.warnings.map((w) => w.code)).not.toContain('HTTPS_REDIRECT_MISSING');
    expect(seen).toContain('GET https://localhost/ https');
    expect(seen).toContain('GET http://localhost/ http');
    expect(seen).toContain('GET https://attacker.example/ https');
  });

  it('a plain request listener and an http.Server are scanned in-process', async () => {
    const listener: http.RequestListener = (_req, res) => res.end('plain');
    expect((await scan(listener)).target).toBe('in-process request listener');
    const server = http.createServer(hardenedSite);
    expect((await runChecks(server)).filter((w) => w.severity !== 'info')).toEqual([]);
    expect(server.listening).toBe(false);
  });

  it('an http.Server that is already listening is used and left listening', async () => {
    const server = http.createServer(hardenedSite);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await scan(server);
    expect(server.listening).toBe(true);
    server.close();
  });

  it('explicit { url } and { app } forms work', async () => {
    const site = await serve(hardenedSite);
    expect((await scan({ url: site.url })).target).toBe(`${site.url}/`);
    expect((await scan({ app: hardenedSite })).target).toBe('in-process request listener');
    await site.close();
  });

  it('a URL with a path probes that path', async () => {
    const site = await serve(hardenedSite);
    await scan(`${site.url}/account?tab=1`);
    expect(site.requests.filter((r) => r.method === 'GET' && !r.headers.origin).map((r) => r.url)).toContain(
      '/account?tab=1',
    );
    await site.close();
  });

  it('probes every configured path, following same-host redirects and recording them', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/old') return res.writeHead(301, { location: '/new' }).end();
      hardenedSite(req, res);
    });
    const report = await scan(site.url, { paths: ['/', '/old', '/missing'], checks: [] });
    expect(report.checks).toEqual([]);
    expect(site.requests.map((r) => r.url).sort()).toEqual(['/', '/missing', '/new', '/old']);
    await site.close();
  });

  it.each([
    ['ftp://example.com/', /not an http:\/\/ or https:\/\/ URL/],
    ['not a url', /is not a valid URL/],
    ['https://user:pass@example.com/', /credentials in the URL/],
    [42, /is not a URL, an app, a fetch handler or a response/],
    [{ nothing: true }, /is not a URL, an app, a fetch handler or a response/],
    [null, /null is not a URL/],
  ])('refuses %j with a TargetError', async (target, message) => {
    await expect(scan(target as never)).rejects.toThrow(TargetError);
    await expect(scan(target as never)).rejects.toThrow(message);
  });

  it('passes custom request headers to every request', async () => {
    const site = await serve(hardenedSite);
    await scan(site.url, { headers: { Authorization: 'Bearer secret', Cookie: 'sid=1' } });
    expect(
      site.requests.every((r) => r.headers.authorization === 'Bearer secret' && r.headers.cookie === 'sid=1'),
    ).toBe(true);
    await site.close();
  });

  it('accepts captured responses of every basic shape', async () => {
    const headers = { 'strict-transport-security': 'max-age=63072000; includeSubDomains' };
    const fetchResponse = new Response('<p>x</p>', {
      headers: { ...headers, 'content-type': 'text/html', 'set-cookie': 'sid=1' },
    });
    const fromFetch = await scan(fetchResponse);
    expect(fromFetch.warnings.map((w) => w.code)).toContain('SESSION_COOKIE_NOT_HTTPONLY');
    expect(fromFetch.warnings.map((w) => w.code)).not.toContain('HSTS_MISSING');
    const plain = await scan({
      url: 'https://example.com/',
      status: 200,
      headers: { 'Strict-Transport-Security': ['max-age=1'] },
    });
    expect(plain.warnings.map((w) => w.code)).toContain('HSTS_MAX_AGE_LOW');
  });

  it('accepts a supertest response', async () => {
    const { default: request } = await import('supertest');
    const res = await request(hardenedSite).get('/').set('X-Forwarded-Proto', 'https');
    const report = await scan(res);
    expect(report.target).toMatch(/^captured response from http:\/\/127\.0\.0\.1/);
    expect(report.warnings.filter((w) => w.severity !== 'info')).toEqual([]);
  });
});
