import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import { withSecurity } from '../../middleware/fetch.js';
import { secure } from '../../middleware/index.js';
import { nodeListener } from '../helpers/node-listener.js';

interface H2Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

/** One request over a fresh cleartext HTTP/2 connection, as a proxy speaking h2 to the app would. */
function h2(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<H2Answer>((resolve, reject) => {
    const client = http2.connect(base);
    client.on('error', reject);
    const req = client.request({
      ':method': init.method ?? 'GET',
      ':path': path,
      'x-forwarded-proto': 'https',
      ...init.headers,
    });
    let headers: http2.IncomingHttpHeaders = {};
    let body = '';
    req.on('response', (h) => (headers = h));
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      client.close();
      resolve({ status: Number(headers[':status']), headers, body });
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  process.off('warning', onWarning);
  warnings.length = 0;
  await Promise.all(closers.splice(0).map((close) => close()));
});

const REPORTS = { cspReport: { path: '/csp', sink: () => {}, maxBodyBytes: 100 } };

/** What secure() must do on an HTTP/2 response, whichever server runs it. */
async function expectSecuredOverHttp2(base: string): Promise<void> {
  process.on('warning', onWarning);
  const page = await h2(base, '/');
  expect(page.status).toBe(200);
  expect(page.headers['strict-transport-security']).toMatch(/^max-age=/);
  expect(page.headers['x-frame-options']).toBe('DENY');
  expect(page.headers['content-security-policy']).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
  expect(page.headers['set-cookie']).toEqual(['sid=1; Path=/; Secure; HttpOnly; SameSite=Lax']);
  const csrf = await h2(base, '/', {
    method: 'POST',
    headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
    body: 'a=1',
  });
  expect(csrf.status).toBe(403);
  // A report over the cap is refused; on HTTP/2 without the Connection header it cannot carry.
  const huge = await h2(base, '/csp', {
    method: 'POST',
    headers: { 'content-type': 'application/csp-report', 'content-length': '1000' },
    body: 'x'.repeat(1000),
  });
  expect(huge.status).toBe(413);
  expect(huge.headers.connection).toBeUndefined();
  expect(warnings.map((w) => w.message)).toEqual([]);
}

describe('secure() on HTTP/2', () => {
  it('as the Fastify plugin, on a Fastify http2 server', async () => {
    const app = Fastify({ http2: true });
    await app.register(fastifySecure, REPORTS);
    app.get('/', async (_request, reply) => reply.header('set-cookie', 'sid=1; Path=/').send('hi'));
    app.post('/', async () => 'done');
    await app.listen({ port: 0, host: '127.0.0.1' });
    closers.push(() => app.close());
    await expectSecuredOverHttp2(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  });

  it('as middleware, on a node:http2 server (its compatibility API)', async () => {
    // The compatibility API's request and response stand in for node:http's, as Node means them to.
    const middleware = secure(REPORTS) as unknown as (req: unknown, res: unknown, next: () => void) => void;
    const server = http2.createServer((req, res) =>
      middleware(req, res, () => {
        res.setHeader('Set-Cookie', 'sid=1; Path=/');
        res.end(req.method === 'POST' ? 'done' : 'hi');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    await expectSecuredOverHttp2(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
});

describe('cookies an HTTP/2 app sends past the compatibility response', () => {
  it('through res.stream.respond() are hardened as through writeHead, none lost', async () => {
    const middleware = secure() as unknown as (req: unknown, res: unknown, next: () => void) => void;
    const server = http2.createServer((req, res) =>
      middleware(req, res, () => {
        res.stream.respond({
          ':status': 200,
          'Set-Cookie': ['sid=1; Path=/', 'theme=dark'],
          'content-type': 'text/plain',
        });
        res.stream.end('hi');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const page = await h2(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toEqual([
      'sid=1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'theme=dark',
    ]);
    expect(page.headers['cache-control']).toBe('no-store, max-age=0');
  });
});

describe('an HTTP/2 answer sent through the stream itself', () => {
  const serve = async (answer: (res: http2.Http2ServerResponse) => void) => {
    const middleware = secure() as unknown as (req: unknown, res: unknown, next: () => void) => void;
    const server = http2.createServer((req, res) => middleware(req, res, () => answer(res)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    return h2(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, '/');
  };

  it("carries the response's security headers, from a frozen object the app keeps as it was", async () => {
    const given = Object.freeze({ ':status': 200, 'set-cookie': 'sid=1', 'content-type': 'text/plain' });
    const page = await serve((res) => {
      res.stream.respond(given);
      res.stream.end('hi');
    });
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['strict-transport-security']).toMatch(/^max-age=/);
    expect(page.headers['content-security-policy']).toMatch(/'nonce-/);
    expect(page.headers['set-cookie']).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax']);
    expect(given).toEqual({ ':status': 200, 'set-cookie': 'sid=1', 'content-type': 'text/plain' });
  });

  it('hardens the cookie of a file answer (respondWithFile)', async () => {
    const page = await serve((res) =>
      res.stream.respondWithFile(fileURLToPath(import.meta.url), { 'set-cookie': 'sid=file' }),
    );
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toEqual(['sid=file; Secure; HttpOnly; SameSite=Lax']);
    expect(page.headers['cache-control']).toBe('no-store, max-age=0');
  });
});

describe('the host of an HTTP/2 request is its :authority', () => {
  const HOSTS = { allowedHosts: ['bank.example'], logger: { warn() {} } };
  const servers: [string, () => Promise<string>][] = [
    [
      'node:http2',
      async () => {
        const middleware = secure(HOSTS) as unknown as (req: unknown, res: unknown, next: () => void) => void;
        const server = http2.createServer((req, res) => middleware(req, res, () => res.end('done')));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        closers.push(() => new Promise((resolve) => server.close(resolve)));
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      },
    ],
    [
      'Fastify http2',
      async () => {
        const app = Fastify({ http2: true });
        await app.register(fastifySecure, HOSTS);
        app.get('/', async () => 'done');
        await app.listen({ port: 0, host: '127.0.0.1' });
        closers.push(() => app.close());
        return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      },
    ],
    [
      'Hono on @hono/node-server',
      async () => {
        const app = new Hono();
        app.all('*', (c) => c.text('done'));
        const server = http2.createServer(nodeListener(getRequestListener(withSecurity(app.fetch, HOSTS))));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        closers.push(() => new Promise((resolve) => server.close(resolve)));
        return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      },
    ],
  ];

  for (const [name, start] of servers) {
    it(`${name}: a browser's request (no host header) is let in; a forged :authority, or one that disagrees with host, is refused`, async () => {
      const base = await start();
      expect((await h2(base, '/', { headers: { ':authority': 'bank.example' } })).status).toBe(200);
      expect((await h2(base, '/', { headers: { ':authority': 'evil.example' } })).status).toBe(400);
      // The app reads one, a proxy the other: password-reset links to evil.example.
      const both = await h2(base, '/', { headers: { ':authority': 'evil.example', host: 'bank.example' } });
      expect(both.status).toBe(400);
      const swapped = await h2(base, '/', {
        headers: { ':authority': 'bank.example', host: 'evil.example' },
      });
      expect(swapped.status).toBe(400);
      expect(
        (await h2(base, '/', { headers: { ':authority': 'bank.example', host: 'bank.example' } })).status,
      ).toBe(200);
    });
  }
});
