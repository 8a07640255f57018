import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { cspNonce, withSecurity } from '../../middleware/fetch.js';
import { nodeListener } from '../helpers/node-listener.js';

/** What a test reads of a response, however it was served. */
interface Seen {
  status: number;
  header(name: string): string | undefined;
  cookies: string[];
  text: string;
}

type HonoEnv = { Bindings: { outgoing?: http.ServerResponse } };

function app(): Hono {
  const hono = new Hono();
  hono.get('/', (c) => c.html(`<script nonce="${cspNonce(c.req.raw) ?? ''}">1</script>`));
  hono.get('/relaxed', (c) => {
    c.header('Content-Security-Policy', "script-src 'self'");
    return c.text('own policy');
  });
  hono.get('/leaky', (c) => {
    c.header('X-Powered-By', 'PHP/5.4');
    c.header('Set-Cookie', 'session=abc; Path=/');
    return c.text('leaky');
  });
  return hono;
}

/**
 * The same wrapped handler two ways: called as a fetch handler (Workers, Bun, Deno), and served
 * by @hono/node-server, where withSecurity sets the headers on the Node response instead.
 */
const runners: Record<string, (handler: Hono['fetch'], path: string) => Promise<Seen>> = {
  'a plain fetch call': async (handler, path) => {
    const res = await handler(new Request(`https://example.com${path}`));
    return {
      status: res.status,
      header: (name) => res.headers.get(name) ?? undefined,
      cookies: res.headers.getSetCookie(),
      text: await res.text(),
    };
  },
  '@hono/node-server': async (handler, path) => {
    const res = await request(http.createServer(nodeListener(getRequestListener(handler))))
      .get(path)
      .set('Host', 'example.com')
      .set('X-Forwarded-Proto', 'https');
    const cookies = res.headers['set-cookie'] as unknown as string[] | undefined;
    return {
      status: res.status,
      header: (name) => res.headers[name],
      cookies: cookies ?? [],
      text: res.text,
    };
  },
};

for (const [name, run] of Object.entries(runners)) {
  describe(`withSecurity through ${name}`, () => {
    it('sends the headers, and the nonce in the policy is the one the page was given', async () => {
      const res = await run(withSecurity(app().fetch), '/');
      const nonce = /nonce="([^"]+)"/.exec(res.text)![1]!;
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(res.header('content-security-policy')).toContain(`'nonce-${nonce}'`);
      expect(res.header('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
      expect(res.header('x-frame-options')).toBe('DENY');
    });

    it("lets a route's own header win, as after the Express middleware", async () => {
      const res = await run(withSecurity(app().fetch), '/relaxed');
      expect(res.header('content-security-policy')).toBe("script-src 'self'");
      expect(res.header('x-content-type-options')).toBe('nosniff');
    });

    it('removes X-Powered-By and hardens the Set-Cookie the handler sends', async () => {
      const res = await run(withSecurity(app().fetch), '/leaky');
      expect(res.text).toBe('leaky');
      expect(res.header('x-powered-by')).toBeUndefined();
      expect(res.cookies).toEqual(['session=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
    });

    it('gives every response a nonce of its own', async () => {
      const handler = withSecurity(app().fetch);
      const policies = new Set<string | undefined>();
      for (let i = 0; i < 5; i++) policies.add((await run(handler, '/')).header('content-security-policy'));
      expect(policies.size).toBe(5);
    });
  });
}

describe('withSecurity under @hono/node-server', () => {
  it('covers a response the handler writes to the Node response itself', async () => {
    const hono = new Hono<HonoEnv>();
    hono.get('/stream', (c) => {
      const outgoing = c.env.outgoing!;
      outgoing.writeHead(200, { 'Content-Type': 'text/plain', 'Set-Cookie': 'sid=1; Path=/' });
      outgoing.end('streamed');
      return RESPONSE_ALREADY_SENT;
    });
    const handler = withSecurity(hono.fetch) as Parameters<typeof getRequestListener>[0];
    const res = await request(http.createServer(nodeListener(getRequestListener(handler))))
      .get('/stream')
      .set('X-Forwarded-Proto', 'https');
    expect(res.text).toBe('streamed');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
    expect(res.headers['set-cookie']).toEqual(['sid=1; Path=/; Secure; HttpOnly; SameSite=Lax']);
  });

  it('still answers a gate itself (a plain-HTTP redirect) without touching the Node response', async () => {
    const handler = withSecurity(app().fetch, { httpsRedirect: { hosts: ['example.com'] } });
    const res = await request(http.createServer(nodeListener(getRequestListener(handler))))
      .get('/a?b=1')
      .set('Host', 'example.com');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://example.com/a?b=1');
    expect(res.headers['content-security-policy']).toBeUndefined();
  });
});

describe('withSecurity under @hono/node-server over HTTP/2', () => {
  it('sets the headers on the HTTP/2 response and hardens its cookies', async () => {
    const hono = new Hono();
    hono.get('/', (c) => {
      c.header('Set-Cookie', 'session=abc; Path=/');
      return c.html(`<script nonce="${cspNonce(c.req.raw) ?? ''}">1</script>`);
    });
    const listener = getRequestListener(withSecurity(hono.fetch));
    const server = http2.createServer(listener as unknown as (req: unknown, res: unknown) => void);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = http2.connect(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const { headers, body } = await new Promise<{ headers: http2.IncomingHttpHeaders; body: string }>(
        (resolve, reject) => {
          const stream = client.request({ ':path': '/', 'x-forwarded-proto': 'https' });
          let headers: http2.IncomingHttpHeaders = {};
          let body = '';
          stream.on('response', (h) => (headers = h));
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (body += chunk));
          stream.on('end', () => resolve({ headers, body }));
          stream.on('error', reject);
        },
      );
      const nonce = /nonce="([^"]+)"/.exec(body)![1]!;
      expect(headers[':status']).toBe(200);
      expect(headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['set-cookie']).toEqual(['session=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
