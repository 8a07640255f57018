import net from 'node:net';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetError } from '../../src/core/errors.js';
import { scan } from '../../src/core/scan.js';
import { serve } from '../helpers/server.js';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A raw TCP server that answers every connection its own way. */
async function raw(onSocket: (socket: net.Socket) => void): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = server.close.bind(server);
  server.close = (cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const TIMEOUT = 1; // seconds

async function expectTargetError(target: unknown, message: RegExp) {
  const started = Date.now();
  const error = await scan(target as never, { timeout: TIMEOUT }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TargetError);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toMatch(/\n/);
  expect(Date.now() - started).toBeLessThan(TIMEOUT * 1000 * 3 + 1000);
}

describe('hostile servers end in a clear error within the timeout', () => {
  it('a server that never answers', async () => {
    await expectTargetError(await raw(() => {}), /no complete answer within 1 s/);
  });

  it('a server that sends headers a byte at a time, slowly', async () => {
    const url = await raw((socket) => {
      const text = 'HTTP/1.1 200 OK\r\nX-Slow: ' + 'a'.repeat(1000);
      let i = 0;
      const timer = setInterval(
        () => (i < text.length ? socket.write(text[i++]!) : clearInterval(timer)),
        200,
      );
      socket.on('close', () => clearInterval(timer));
    });
    await expectTargetError(url, /no complete answer within 1 s/);
  });

  it('a connection reset mid-response', async () => {
    const url = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
    await expectTargetError(url, /GET http:\/\/127\.0\.0\.1:\d+\/: /);
  });

  it('a connection closed before any byte', async () => {
    await expectTargetError(
      await raw((socket) => socket.destroy()),
      /GET http:\/\/127\.0\.0\.1:\d+\/: .*(closed|socket|reset)/i,
    );
  });

  it('endless headers', async () => {
    const url = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      const timer = setInterval(() => socket.write(`X-Junk: ${'x'.repeat(1000)}\r\n`), 1);
      socket.on('close', () => clearInterval(timer));
    });
    await expectTargetError(url, /the response headers exceed 256 KiB/);
  });

  it('HTTP/0.9-style garbage', async () => {
    await expectTargetError(
      await raw((socket) => socket.end('<html>hello, no status line</html>\n')),
      /GET http:\/\/127\.0\.0\.1/,
    );
  });

  it('a redirect loop', async () => {
    const site = await serve((req, res) =>
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end(),
    );
    await expectTargetError(site.url, /more than 10 redirects \(\/a → \/b → \/a → \/b → …\)/);
    await site.close();
  });

  it('100 chained redirects stop at maxRedirects', async () => {
    const site = await serve((req, res) => {
      const n = Number(req.url?.slice(1) || 0);
      res.writeHead(301, { location: `/${n + 1}` }).end();
    });
    await expectTargetError(site.url, /more than 10 redirects/);
    expect(site.requests.length).toBeLessThanOrEqual(12);
    await site.close();
  });

  it('an unreachable port', async () => {
    const url = await raw(() => {});
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 20));
    await expectTargetError(url, /ECONNREFUSED/);
  });

  it('an in-process app that never responds', async () => {
    const app = express();
    app.get('/', () => {});
    await expectTargetError(app, /no complete answer within 1 s/);
  });

  it('an in-process listener that throws, or whose promise rejects, without taking the process down', async () => {
    const sync = (_req: unknown, _res: unknown) => {
      throw new Error('listener exploded');
    };
    const rejecting = async (_req: unknown, _res: unknown) => {
      await Promise.resolve();
      throw new TypeError('handler rejected');
    };
    await expectTargetError(sync, /^GET http:\/\/127\.0\.0\.1:\d+\/: the app threw: listener exploded$/);
    await expectTargetError(rejecting, /the app threw: handler rejected/);
  });

  it('a fetch handler that declares no parameter, taken for a listener, says how to pass it', async () => {
    const html = () => new Response('<p>x</p>', { headers: { 'content-type': 'text/html' } });
    const message = /the app returned a Response, as a fetch handler does: pass it as \{ fetch: handler \}/;
    await expectTargetError(html, message);
    await expectTargetError(async () => html(), message);
  });

  it('an in-process listener that throws on POSTs only: the CSRF check errored with the reason', async () => {
    const report = await scan(
      (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
        if (req.method === 'POST') throw new Error('no POST here');
        res.writeHead(200, { 'content-type': 'text/html' }).end('<form method="post"></form>');
      },
      { timeout: TIMEOUT },
    );
    const csrf = report.checks.find((c) => c.name === 'csrf');
    expect(csrf).toMatchObject({ status: 'errored', reason: 'the app threw: no POST here' });
    expect(report.checks.find((c) => c.name === 'hsts')).toMatchObject({ status: 'warned' });
  });

  it('an http.Server handed over whose listener throws: reported on the request, its listeners given back', async () => {
    const http = await import('node:http');
    const listener: import('node:http').RequestListener = (req, res) => {
      if (req.method === 'POST') throw new Error('no POST here either');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<form method="post"></form>');
    };
    const server = http.createServer(listener);
    const counter = () => {};
    server.on('request', counter);
    const report = await scan(server, { timeout: TIMEOUT });
    expect(report.checks.find((c) => c.name === 'csrf')).toMatchObject({
      status: 'errored',
      reason: 'the app threw: no POST here either',
    });
    expect(server.listeners('request')).toEqual([listener, counter]);
  });

  it('an http.Server handed over that cannot listen: a target error, its listeners given back unguarded', async () => {
    const http = await import('node:http');
    const listener: import('node:http').RequestListener = (_req, res) => res.end('ok');
    const server = http.createServer(listener);
    // As a port the process may not bind would: listen() reports an error instead of listening.
    server.listen = function (this: import('node:http').Server) {
      process.nextTick(() =>
        this.emit('error', Object.assign(new Error('listen EACCES'), { code: 'EACCES' })),
      );
      return this;
    } as never;
    const scanning = scan(server, { timeout: TIMEOUT });
    await expect(scanning).rejects.toBeInstanceOf(TargetError);
    await expect(scanning).rejects.toThrow(
      'target: the in-process http.Server cannot listen on 127.0.0.1: listen EACCES',
    );
    expect(server.listeners('request')).toEqual([listener]);
  });

  it('a fetch handler that never resolves, or throws', async () => {
    await expectTargetError(
      { fetch: () => new Promise<Response>(() => {}) },
      /no complete answer within 1 s/,
    );
    await expectTargetError(
      { fetch: () => Promise.reject(new Error('handler exploded')) },
      /handler exploded/,
    );
    await expectTargetError(
      { fetch: () => 'not a response' as unknown as Response },
      /returned string, not a Response/,
    );
  });
});

describe('hostile bodies are capped, not hung on', () => {
  it('an endless body is read up to maxBodyBytes', async () => {
    const url = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = 'x'.repeat(16 * 1024);
      const timer = setInterval(() => socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), 1);
      socket.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const report = await scan(url, { timeout: 5, maxBodyBytes: 64 * 1024, checks: [] });
    expect(report.checks).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a 10 MiB body in-process and over a URL', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    const site = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(big));
    const report = await scan(site.url, { timeout: 5 });
    expect(report.checks.filter((c) => c.status === 'errored')).toEqual([]);
    await site.close();
    const app = express();
    app.get('/', (_req, res) => res.type('html').send(big));
    expect((await scan(app, { timeout: 5 })).checks.filter((c) => c.status === 'errored')).toEqual([]);
  });

  it('1 MiB of nested and stray tags is read in linear time, not minutes', async () => {
    // htmlparser2's Parser unshifts and searches its stack of open elements: this page took 70 s.
    const quarter = 256 * 1024;
    const body =
      '<meta http-equiv="refresh" content="0"><script src="https://cdn.other.net/x.js"></script>' +
      '<div>'.repeat((2 * quarter) / 5) +
      '</b>'.repeat(quarter / 4) +
      '</div>'.repeat(quarter / 6);
    const started = Date.now();
    const report = await scan({
      response: { url: 'https://example.com/', status: 200, headers: { 'content-type': 'text/html' }, body },
    });
    expect(report.checks.filter((c) => c.status === 'errored')).toEqual([]);
    expect(report.warnings.map((w) => w.code)).toContain('SRI_MISSING');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('2,000 Set-Cookie headers', async () => {
    const site = await serve((_req, res) => {
      res.setHeader(
        'set-cookie',
        Array.from({ length: 2000 }, (_, i) => `c${i}=v`),
      );
      res.end('ok');
    });
    const report = await scan(site.url, { timeout: 5 });
    expect(report.warnings.filter((w) => w.code === 'COOKIE_INSECURE')).toHaveLength(2000);
    await site.close();
  });
});

describe('informational answers', () => {
  it('a 103 Early Hints before the answer: the answer is what is judged', async () => {
    const url = await raw((socket) => {
      socket.on('data', () => {
        socket.write('HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\nX-Early: yes\r\n\r\n');
        socket.end(
          'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Frame-Options: DENY\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
        );
      });
    });
    // The 200's X-Frame-Options is read, not the 103's headers in its place.
    const report = await scan(url, { timeout: 5 });
    expect(report.checks.filter((c) => c.status === 'errored')).toEqual([]);
    expect(report.warnings.map((w) => w.code)).not.toContain('FRAMING_ALLOWED');
    expect(report.warnings.map((w) => w.code)).toContain('NOSNIFF_MISSING');
  });
});

describe('a probe that fails errors its check only', () => {
  it('POSTs that hang leave the csrf check errored and the rest passed', async () => {
    const site = await serve((req, res) => {
      if (req.method === 'POST') return; // never answer
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    const report = await scan(site.url, { timeout: TIMEOUT });
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName.csrf).toEqual({ name: 'csrf', status: 'errored', reason: 'no complete answer within 1 s' });
    expect(byName.debug).toMatchObject({ status: 'errored' });
    expect(byName.hsts).toMatchObject({ status: 'warned' });
    expect(byName.httpsRedirect).toMatchObject({ status: 'warned' });
    await site.close();
  });
});

describe('in-process header overflow', () => {
  it("names Node's header limit and the way around it", async () => {
    const app = express();
    app.get('/', (_req, res) => {
      res.setHeader(
        'set-cookie',
        Array.from({ length: 2000 }, (_, i) => `c${i}=v`),
      );
      res.end('ok');
    });
    await expectTargetError(
      app,
      /exceed Node's 16 KiB limit \(start node with --max-http-header-size, or scan the app over a URL\)/,
    );
  });
});

describe('a page that cannot be read, among pages that can', () => {
  const app = () => {
    const a = express();
    a.get('/slow', () => {}); // never answers
    a.get('/loop', (_req, res) => res.redirect(302, '/loop'));
    a.get('/', (_req, res) => res.type('html').send('<p>hi</p>'));
    return a;
  };

  it('is listed with its reason, and the other pages are judged', async () => {
    const report = await scan(app(), { paths: ['/', '/slow', '/loop'], timeout: TIMEOUT });
    expect(report.unscanned).toEqual([
      {
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/slow$/),
        reason: 'no complete answer within 1 s',
      },
      { url: expect.stringMatching(/\/loop$/), reason: expect.stringMatching(/^more than 10 redirects \(/) },
    ]);
    expect(new Set(report.warnings.map((w) => new URL(w.url).pathname))).toEqual(new Set(['/']));
    expect(report.warnings.map((w) => w.code)).toContain('POWERED_BY_EXPOSED');
    // The checks' own probes went to the page that answered: none of them timed out.
    expect(report.checks.filter((c) => c.status === 'errored')).toEqual([]);
  });

  it('runChecks() rejects, as before: its warnings would read as a verdict on the page never judged', async () => {
    const { runChecks } = await import('../../src/core/scan.js');
    const error = await runChecks(app(), { paths: ['/', '/slow'], timeout: TIMEOUT }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/slow: no complete answer within 1 s$/,
    );
  });
});
