import { afterEach } from 'vitest';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  url: string;
  /** Every request the server saw, for asserting what the probe sent. */
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 with a random port. */
export async function serve(listener: http.RequestListener): Promise<Served> {
  const requests: Served['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A site hardened by hand, the way the middleware bundle will do it: the reference for "a
 * hardened site gives no warning at warning or above".
 */
export const hardenedSite: http.RequestListener = (req, res) => {
  const host = req.headers.host ?? '';
  if (req.headers['x-forwarded-proto'] === 'http') {
    res.writeHead(301, { location: `https://${host}${req.url}` }).end();
    return;
  }
  if (host !== '' && !/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request');
    return;
  }
  const nonce = randomBytes(18).toString('base64');
  res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
  res.setHeader(
    'content-security-policy',
    `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; report-uri /csp`,
  );
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=()');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
  if (req.method === 'POST') {
    const site = req.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('cross-site request refused');
      return;
    }
  }
  if (req.url?.includes('%')) {
    try {
      decodeURIComponent(req.url);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request');
      return;
    }
  }
  res.setHeader('set-cookie', '__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax');
  res.setHeader('cache-control', 'no-store');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>ok</title><script nonce="${nonce}">1</script><a href="/about">about</a>`);
};

/**
 * A site with twelve distinct error codes, more than GitHub shows error annotations for in one
 * step: for the tests of how annotations are grouped and capped.
 */
export const manyErrorsSite: http.RequestListener = (req, res) => {
  if (req.method === 'POST') return void res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
  if ((req.url ?? '').includes('%'))
    return void res
      .writeHead(500, { 'content-type': 'text/html' })
      .end('Error: boom\n    at Object.<anonymous> (/srv/app/index.js:10:5)');
  if (req.headers.origin) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  res.setHeader('Set-Cookie', ['sid=1', '__Host-x=1; Path=/sub']);
  res.setHeader('Content-Security-Policy', "script-src 'unsafe-inline' *; object-src *; base-uri *");
  res.setHeader('Strict-Transport-Security', 'max-age=abc');
  res
    .writeHead(200, { 'content-type': 'text/html' })
    .end('<script src="http://cdn.example/x.js"></script><form method="post" action="/x"></form>');
};

/** What a test file opens per test: closed after each test, whether it passed or failed. */
export interface PerTest {
  /** serve(), closed after the test. */
  serve(listener: http.RequestListener): Promise<Served>;
  /** Closes `opened` (a Fastify instance, a server) after the test; returns it. */
  closeLater<T extends { close(): unknown }>(opened: T): T;
}

/**
 * Registers one afterEach that closes what each test opened through the returned functions:
 * the per-check test files each repeated that set-up.
 *
 * @example
 * const opened = openedPerTest();
 * it('…', async () => { const served = await opened.serve(site); … });
 */
export function openedPerTest(): PerTest {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((item) => item.close()));
  });
  return {
    serve: async (listener) => {
      const served = await serve(listener);
      open.push(served);
      return served;
    },
    closeLater: (opened) => {
      open.push(opened);
      return opened;
    },
  };
}
