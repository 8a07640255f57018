import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeContent } from '../../src/probe/content-encoding.js';
import { FetchTransport } from '../../src/probe/fetch-transport.js';
import { runChecks } from '../../src/core/scan.js';

const PAGE =
  '<!doctype html><html><head><script src="https://cdn.example.net/x.js"></script></head>' +
  '<body><p>é, the same after decoding</p></body></html>';
const text = (decoded: { body: Buffer } | undefined) => decoded?.body.toString('utf8');

describe('decodeContent', () => {
  it('undoes gzip, x-gzip, deflate (zlib-wrapped or raw) and br, in any case of the name', async () => {
    const page = Buffer.from(PAGE);
    const cases: [string, Buffer][] = [
      ['gzip', zlib.gzipSync(page)],
      ['X-GZIP', zlib.gzipSync(page)],
      ['deflate', zlib.deflateSync(page)],
      ['deflate', zlib.deflateRawSync(page)],
      ['Br', zlib.brotliCompressSync(page)],
    ];
    for (const [coding, body] of cases) {
      const decoded = await decodeContent([coding], body, 1024 * 1024);
      expect(text(decoded), coding).toBe(PAGE);
      expect(decoded!.truncated).toBe(false);
    }
  });

  it('undoes a list of codings from the last applied to the first', async () => {
    const both = zlib.brotliCompressSync(zlib.gzipSync(Buffer.from(PAGE)));
    expect(text(await decodeContent(['gzip, br'], both, 1024 * 1024))).toBe(PAGE);
    expect(text(await decodeContent(['gzip', 'br'], both, 1024 * 1024))).toBe(PAGE);
    expect(text(await decodeContent(['identity, gzip'], zlib.gzipSync(PAGE), 1024 * 1024))).toBe(PAGE);
  });

  it('leaves alone what it cannot undo: no coding, identity, an unknown coding, corrupt data, no body', async () => {
    const page = Buffer.from(PAGE);
    expect(await decodeContent(undefined, page, 1024)).toBeUndefined();
    expect(await decodeContent(['identity'], page, 1024)).toBeUndefined();
    expect(await decodeContent(['compress'], page, 1024)).toBeUndefined();
    expect(await decodeContent(['gzip'], page, 1024)).toBeUndefined();
    expect(await decodeContent(['br'], Buffer.from([0xff, 0xff, 0xff, 0xff]), 1024)).toBeUndefined();
    expect(await decodeContent(['gzip'], Buffer.alloc(0), 1024)).toBeUndefined();
  });

  it('stops a compression bomb at the cap', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(32 * 1024);
    const start = Date.now();
    const decoded = await decodeContent(['gzip'], bomb, 1024 * 1024);
    expect(decoded!.body.length).toBe(1024 * 1024);
    expect(decoded!.truncated).toBe(true);
    expect(Date.now() - start).toBeLessThan(2000);
    const brotli = await decodeContent(['br'], zlib.brotliCompressSync(Buffer.alloc(16 * 1024 * 1024)), 4096);
    expect(brotli).toMatchObject({ truncated: true });
    expect(brotli!.body.length).toBe(4096);
  });

  it('undoes at most 5 codings, as curl and fetch: a body with more is left as it came', async () => {
    let five = Buffer.from(PAGE);
    for (let i = 0; i < 5; i++) five = zlib.gzipSync(five);
    expect(text(await decodeContent([Array(5).fill('gzip').join(', ')], five, 1024 * 1024))).toBe(PAGE);
    const six = zlib.gzipSync(five);
    expect(await decodeContent([Array(6).fill('gzip').join(', ')], six, 1024 * 1024)).toBeUndefined();
    expect(await decodeContent(['gzip, gzip, gzip', 'gzip, gzip, gzip'], six, 1024 * 1024)).toBeUndefined();
  });

  it("stops decoding when its signal aborts, with the signal's reason", async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const deadline = new AbortController();
    const reason = new Error('deadline');
    setTimeout(() => deadline.abort(reason), 5);
    // The outcome, not the promise: a failure message would print the 64 MiB it decoded.
    const outcome = await decodeContent(['gzip'], bomb, 64 * 1024 * 1024, deadline.signal).then(
      (decoded) => `decoded ${decoded?.body.length} bytes`,
      (error: unknown) => error,
    );
    expect(outcome).toBe(reason);
    await expect(decodeContent(['gzip'], bomb, 1024, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('decodes a body cut short on the wire as far as it goes', async () => {
    // Varied text, so that half of its compressed form still holds some of it.
    const long = PAGE + Array.from({ length: 4000 }, (_, i) => `<p>${(i * 7919) % 104729}</p>`).join('');
    const cases: [string, Buffer][] = [
      ['gzip', zlib.gzipSync(long)],
      ['br', zlib.brotliCompressSync(Buffer.from(long))],
    ];
    for (const [coding, compressed] of cases) {
      const half = compressed.subarray(0, compressed.length >> 1);
      const decoded = text(await decodeContent([coding], half, 1024 * 1024));
      expect(decoded!.startsWith(PAGE), coding).toBe(true);
      expect(decoded!.length, coding).toBeLessThan(long.length);
    }
  });
});

/** A listener that compresses its page whatever the request accepts, as some servers do. */
function compressing(coding: 'gzip' | 'br'): http.RequestListener {
  const body = coding === 'gzip' ? zlib.gzipSync(PAGE) : zlib.brotliCompressSync(Buffer.from(PAGE));
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding });
    res.end(body);
  };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const sriMissing = (warnings: { code: string }[]) => warnings.some((w) => w.code === 'SRI_MISSING');

describe('checks read the decoded page, whatever the target', () => {
  it('over a URL', async () => {
    for (const coding of ['gzip', 'br'] as const) {
      const server = http.createServer(compressing(coding));
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      expect(sriMissing(await runChecks(url)), coding).toBe(true);
    }
  });

  it('in-process, a node:http listener and a fetch handler', async () => {
    for (const coding of ['gzip', 'br'] as const) {
      expect(sriMissing(await runChecks(compressing(coding))), coding).toBe(true);
    }
    const handler = (_request: Request) =>
      new Response(new Blob([PAGE]).stream().pipeThrough(new CompressionStream('gzip')), {
        headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' },
      });
    expect(sriMissing(await runChecks(handler))).toBe(true);
  });
});

describe("a fetch handler's request deadline", () => {
  it('ends a slow decoding: 70 KiB that inflate to 64 MiB', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const transport = new FetchTransport(
      () => new Response(bomb, { headers: { 'content-encoding': 'gzip' } }),
      64 * 1024 * 1024,
    );
    const started = Date.now();
    // The outcome, not the promise: a failure message would print the 64 MiB it decoded.
    const outcome = await transport.send({ method: 'GET', url: 'https://localhost/', headers: {} }, 50).then(
      (raw) => `answered with ${raw.body.length} characters`,
      (error: Error) => error.message,
    );
    expect(outcome).toBe('no complete answer within 0.05 s');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
