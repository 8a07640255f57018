import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as mw from '../../middleware/index.js';
import { addressKey } from '../../middleware/client-address.js';
import { MAX_REPORT_BYTES, parseCspReports } from '../../middleware/csp-violation.js';
import { logText } from '../../src/util/log-text.js';
import { partsOf } from '../../middleware/part.js';
import type { RequestView } from '../../middleware/types.js';
import { reportsCommand } from '../../src/cli/reports.js';
import { cli } from '../helpers/cli.js';

// Issue 18, item 8: the CSP report endpoint under abuse (disk, rate table, proxies, log lines).

const tempDir = () => mkdtemp(path.join(tmpdir(), 'csp-abuse-'));
const legacy = (fields: Record<string, unknown>) =>
  JSON.stringify({ 'csp-report': { 'effective-directive': 'script-src-elem', ...fields } });
// No character a terminal or a log viewer would obey (controls, line separators, bidi overrides).
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The endpoint of a cspReport() middleware, called directly: fast enough for 20,000 clients. */
function endpointOf(options: mw.CspReportOptions) {
  const endpoint = partsOf(mw.cspReport(options))!.find((p) => p.endpoint)!.endpoint!;
  const body = Buffer.from(legacy({ 'blocked-uri': 'inline' }));
  return (remoteAddress: string, headers: Record<string, string> = {}) => {
    const view: RequestView = {
      method: 'POST',
      path: endpoint.path,
      url: endpoint.path,
      header: (name) => headers[name],
      encrypted: false,
      remoteAddress,
    };
    return endpoint.receive(view, 'application/csp-report', body).status;
  };
}

/** POSTs bytes as they are (supertest would serialise a Buffer as JSON). */
function postRaw(app: http.RequestListener, type: string, body: Buffer): Promise<number> {
  const server = http.createServer(app);
  return new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      const req = http.request(
        { port, host: '127.0.0.1', method: 'POST', path: '/csp-reports', headers: { 'Content-Type': type } },
        (res) => {
          res.resume();
          server.close();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (error) => {
        server.close();
        reject(error);
      });
      req.end(body);
    });
  });
}

describe('one report body writes about its own size, never more', () => {
  it('refuses a body that is not UTF-8 (JSON always is) instead of storing replacement characters', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file);
    const a = express();
    a.use(mw.cspReport({ sink, rateLimit: false }));
    // A report-to batch whose URLs are bytes that are not UTF-8: each would become U+FFFD (3 bytes).
    const invalid = Buffer.alloc(600, 0xff);
    const parts: Buffer[] = [Buffer.from('[')];
    for (let i = 0; i < 100; i++) {
      parts.push(Buffer.from(`${i ? ',' : ''}{"type":"csp-violation","body":{"blockedURL":"`), invalid);
      parts.push(Buffer.from('"}}'));
    }
    parts.push(Buffer.from(']'));
    const body = Buffer.concat(parts);
    expect(body.length).toBeLessThan(64 * 1024);
    const status = await postRaw(a, 'application/reports+json', body);
    await sink.close();
    const written = (await stat(file).catch(() => ({ size: 0 }))).size;
    expect(written).toBeLessThanOrEqual(body.length);
    expect(status).toBe(400);
  });

  it('cuts each stored field to its limit in stored bytes, escapes and multi-byte characters counted', async () => {
    const received: mw.CspViolation[] = [];
    const a = express();
    a.use(mw.cspReport({ sink: (r) => received.push(r), rateLimit: false }));
    const body = legacy({
      'blocked-uri': `https://a.example/${'é'.repeat(3000)}`,
      'document-uri': `https://a.example/${'\u0001'.repeat(2000)}`,
      'source-file': `https://a.example/${'😀'.repeat(1500)}`,
      'script-sample': 'x'.repeat(3000),
      'original-policy': `script-src ${"'sha256-x' ".repeat(600)}`,
      'effective-directive': 'd'.repeat(3000),
    });
    expect(body.length).toBeLessThan(64 * 1024);
    await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(body)
      .expect(204);
    const [r] = received;
    const stored = (s: string | undefined) => Buffer.byteLength(JSON.stringify(s ?? '')) - 2;
    expect(stored(r!.blockedUrl)).toBeLessThanOrEqual(2048);
    expect(stored(r!.documentUrl)).toBeLessThanOrEqual(2048);
    expect(stored(r!.sourceFile)).toBeLessThanOrEqual(2048);
    expect(stored(r!.sample)).toBeLessThanOrEqual(256);
    expect(stored(r!.originalPolicy)).toBeLessThanOrEqual(4096);
    expect(stored(r!.effectiveDirective)).toBeLessThanOrEqual(64);
    // A cut never splits a surrogate pair (which JSON would then store as a 6-byte escape).
    expect(r!.sourceFile).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(r!.sourceFile!.startsWith('https://a.example/😀😀')).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(16 * 1024);
  });

  it('keeps a report with every field at its worst under MAX_REPORT_BYTES', () => {
    for (const unit of ['\u0001', '"', 'é', '€', '😀', '\ud800', 'a\udc00']) {
      const worst = unit.repeat(20_000);
      const body = Object.fromEntries(
        ['documentURL', 'blockedURL', 'effectiveDirective', 'originalPolicy', 'disposition']
          .concat(['sourceFile', 'referrer', 'sample'])
          .map((k) => [k, worst]),
      );
      const numbers = {
        lineNumber: -Number.MAX_VALUE,
        columnNumber: 5e-324,
        statusCode: 1.2345678901234567e-100,
      };
      const [r] = parseCspReports(
        [{ type: 'csp-violation', url: worst, user_agent: worst, body: { ...body, ...numbers } }],
        '2026-01-01T00:00:00.000Z',
      )!;
      expect(Buffer.byteLength(JSON.stringify(r)) + 1).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    }
  });

  it('writes no more than the body and a few bytes a report, for a full batch of valid reports', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file);
    const a = express();
    a.use(mw.cspReport({ sink, rateLimit: false }));
    const entry = (i: number) => ({
      type: 'csp-violation',
      body: i % 2 ? {} : { blockedURL: '\u0001\ud800"é'.repeat(40), sample: '\u0002'.repeat(40) },
    });
    const body = JSON.stringify(Array.from({ length: 100 }, (_, i) => entry(i)));
    expect(Buffer.byteLength(body)).toBeLessThan(64 * 1024);
    await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/reports+json')
      .send(body)
      .expect(204);
    await sink.close();
    expect((await stat(file)).size).toBeLessThanOrEqual(Buffer.byteLength(body) + 100 * 64);
  });
});

describe('jsonlSink keeps the disk bounded', () => {
  const report = (i: number): mw.CspViolation => ({
    receivedAt: '2026-01-01T00:00:00.000Z',
    documentUrl: `https://shop.example/page/${i}`,
    blockedUrl: 'https://evil.example/x.js',
    effectiveDirective: 'script-src-elem',
    lineNumber: i,
  });
  const lines = async (file: string) =>
    (await readFile(file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as mw.CspViolation);

  it('refuses a second open sink on the same file, whose rotations would undo the bound', async () => {
    const dir = await tempDir();
    const first = mw.jsonlSink(path.join(dir, 'r.jsonl'));
    expect(() => mw.jsonlSink(path.join(dir, '.', 'r.jsonl'))).toThrow(
      /^jsonlSink: file: .* is already written by another jsonlSink/,
    );
    await first.close();
    await mw.jsonlSink(path.join(dir, 'r.jsonl')).close();
  });

  it('checks its options when created, naming the option', () => {
    const make = (options: unknown) => () => mw.jsonlSink('/tmp/x.jsonl', options as mw.JsonlSinkOptions);
    expect(make({ maxBytes: 10 })).toThrow(/^jsonlSink: maxBytes: 10 must be a whole number from 65536/);
    expect(make({ maxBytes: '1mb' })).toThrow(/^jsonlSink: maxBytes: /);
    expect(make({ keep: -1 })).toThrow(/^jsonlSink: keep: -1 must be a whole number from 0/);
    expect(make({ maxByte: 1 })).toThrow(
      /^jsonlSink: "maxByte" is not an option \(did you mean maxBytes\?\)/,
    );
    expect(() => mw.jsonlSink('')).toThrow(/^jsonlSink: file: "" must be a file path/);
  });

  it('rotates file -> file.1 -> file.2 at maxBytes, keeping `keep` old files and the newest reports', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file, { maxBytes: 64 * 1024, keep: 2 });
    for (let i = 0; i < 2000; i++) sink(report(i));
    await sink.close();
    expect((await readdir(dir)).sort()).toEqual(['csp.jsonl', 'csp.jsonl.1', 'csp.jsonl.2']);
    for (const name of ['csp.jsonl', 'csp.jsonl.1', 'csp.jsonl.2'])
      expect((await stat(path.join(dir, name))).size).toBeLessThanOrEqual(64 * 1024);
    // Oldest to newest, without a gap: .2, .1, then the file itself ends with the last report.
    const kept = [...(await lines(`${file}.2`)), ...(await lines(`${file}.1`)), ...(await lines(file))].map(
      (r) => r.lineNumber!,
    );
    expect(kept.at(-1)).toBe(1999);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 2000 - kept.length + i));
    expect(kept.length).toBeLessThan(2000);
    expect(sink.dropped).toBe(0);
  });

  it('with keep: 0, drops and counts reports once the file is full', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file, { maxBytes: 64 * 1024, keep: 0 });
    for (let i = 0; i < 2000; i++) sink(report(i));
    await sink.close();
    expect(await readdir(dir)).toEqual(['csp.jsonl']);
    expect((await stat(file)).size).toBeLessThanOrEqual(64 * 1024);
    const kept = await lines(file);
    expect(kept[0]!.lineNumber).toBe(0);
    expect(kept.length + sink.dropped).toBe(2000);
    expect(sink.dropped).toBeGreaterThan(1000);
  });

  it('counts a file it finds already over maxBytes, and bounds the default too', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    await writeFile(file, `${JSON.stringify(report(-1))}\n`.repeat(1000));
    const sink = mw.jsonlSink(file, { maxBytes: 64 * 1024, keep: 1 });
    sink(report(0));
    await sink.close();
    expect((await lines(file)).map((r) => r.lineNumber)).toEqual([0]);
    expect((await lines(`${file}.1`)).length).toBe(1000);
    // jsonlSink(file) alone still works, now with a bounded default.
    const plain = mw.jsonlSink(path.join(dir, 'plain.jsonl'));
    plain(report(1));
    await plain.close();
    expect(await lines(path.join(dir, 'plain.jsonl'))).toEqual([report(1)]);
  });

  it('counts reports it could not write (a directory that does not exist) and after close', async () => {
    const dir = await tempDir();
    const sink = mw.jsonlSink(path.join(dir, 'missing', 'csp.jsonl'));
    sink(report(0));
    sink(report(1));
    await sink.close();
    sink(report(2));
    expect(sink.dropped).toBe(3);
  });
});

describe('the rate table holds under a flood of addresses', () => {
  afterEach(() => vi.useRealTimers());

  it('counts an IPv6 client by its /64: 20,000 addresses of one network share one limit', () => {
    const post = endpointOf({});
    const statuses = Array.from({ length: 20_000 }, (_, i) =>
      post(`2001:db8:1:2:${(i >> 16) & 0xffff}:1:${(i >> 8) & 0xff}:${i & 0xff}`),
    );
    expect(statuses.slice(0, 60).every((s) => s === 204)).toBe(true);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    // Another /64 is another client; an IPv4-mapped address is the IPv4 client.
    expect(post('2001:db8:1:3::1')).toBe(204);
    const mapped = endpointOf({ rateLimit: { max: 1 } });
    expect(mapped('::ffff:203.0.113.9')).toBe(204);
    expect(mapped('203.0.113.9')).toBe(429);
    expect(mapped('::FFFF:203.0.113.9')).toBe(429);
  });

  it('counts reports, not bodies: a body of 100 reports uses 100 of the allowance', () => {
    const received: unknown[] = [];
    const endpoint = partsOf(mw.cspReport({ rateLimit: { max: 60 }, sink: (r) => received.push(r) }))!.find(
      (p) => p.endpoint,
    )!.endpoint!;
    const batch = Buffer.from(
      JSON.stringify(
        Array.from({ length: 100 }, () => ({
          type: 'csp-violation',
          body: { documentURL: 'https://shop.example/', effectiveDirective: 'script-src-elem' },
        })),
      ),
    );
    const view: RequestView = {
      method: 'POST',
      path: endpoint.path,
      url: endpoint.path,
      header: () => undefined,
      encrypted: false,
      remoteAddress: '203.0.113.5',
    };
    // The first body is cut at the limit and says so; the next is refused before it is read.
    expect(endpoint.receive(view, 'application/reports+json', batch).status).toBe(429);
    expect(received).toHaveLength(60);
    expect(endpoint.receive(view, 'application/reports+json', batch).status).toBe(429);
    expect(received).toHaveLength(60);
  });

  it('never lets a flood of new addresses reset the count of a client over its limit', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
    const post = endpointOf({ rateLimit: { max: 5, windowSeconds: 60 }, maxClients: 1000 });
    const busy = Array.from({ length: 6 }, () => post('198.51.100.1'));
    expect(busy.at(-1)).toBe(429);
    const flood = Array.from({ length: 20_000 }, (_, i) =>
      post(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`),
    );
    expect(post('198.51.100.1')).toBe(429);
    // The table is full of clients inside their window: new ones share one spare allowance.
    expect(flood.filter((s) => s === 204)).toHaveLength(999 + 5);
    // A window later the table has room again and the busy client may report.
    vi.setSystemTime(new Date('2026-01-01T00:01:01Z'));
    expect(post('198.51.100.1')).toBe(204);
    expect(post('10.200.0.1')).toBe(204);
  });
});

describe('addressKey and logText', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['192.000.002.001', '192.0.2.1'],
    ['192.0.2.1:8443', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:0201', '192.0.2.1'],
    ['[::ffff:192.0.2.1]:80', '192.0.2.1'],
    ['2001:DB8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['1:2:3:4:5:6:192.0.2.1', '1:2:3:4::/64'],
    ['256.0.0.1', undefined],
    ['1.2.3', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['1:2:3:4:5:6:7::8', undefined],
    ['12345::', undefined],
    ['unknown', undefined],
    ['', undefined],
  ])('addressKey(%j) is %j', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('logText shows what a terminal would obey and leaves the rest alone', () => {
    expect(logText('https://a.example/p?q=1#x \\ é 😀')).toBe('https://a.example/p?q=1#x \\ é 😀');
    expect(logText('a\tb\nc\rd\x1b[2Je\x7f\x9b\u2028\u202e\u2066')).toBe(
      'a\\x09b\\x0ac\\x0dd\\x1b[2Je\\x7f\\x9b\\u2028\\u202e\\u2066',
    );
  });
});

describe('trustProxy: the client behind a proxy, from X-Forwarded-For', () => {
  it('checks the option when created', () => {
    expect(() => mw.cspReport({ trustProxy: 'yes' as unknown as boolean })).toThrow(
      /^cspReport: trustProxy: "yes" must be true, false or the number of proxies/,
    );
    expect(() => mw.cspReport({ trustProxy: 0 })).toThrow(/^cspReport: trustProxy: 0 must be /);
    expect(() => mw.cspReport({ trustProxy: 1.5 })).toThrow(/^cspReport: trustProxy: 1.5 must be /);
  });

  async function serve(options: mw.CspReportOptions) {
    const handler = mw.cspReport({ rateLimit: { max: 2 }, sink: () => {}, ...options });
    const server = http.createServer((req, res) => handler(req, res, () => res.end('app')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const agent = new http.Agent({ keepAlive: true });
    const post = (xff?: string, extra: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            agent,
            port,
            host: '127.0.0.1',
            method: 'POST',
            path: '/csp-reports',
            headers: {
              'Content-Type': 'application/csp-report',
              ...(xff === undefined ? {} : { 'X-Forwarded-For': xff }),
              ...extra,
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(legacy({ 'blocked-uri': 'inline' }));
      });
    const close = () => {
      agent.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { post, close };
  }

  it('by default counts the socket address: a forged X-Forwarded-For changes nothing', async () => {
    const { post, close } = await serve({});
    expect([await post('203.0.113.1'), await post('203.0.113.2'), await post('203.0.113.3')]).toEqual([
      204, 204, 429,
    ]);
    await close();
  });

  it('with trustProxy: 1 (or true), takes the right-most entry, never the one the client wrote', async () => {
    for (const trustProxy of [1, true]) {
      const { post, close } = await serve({ trustProxy });
      expect(await post('198.51.100.7')).toBe(204);
      expect(await post('198.51.100.7')).toBe(204);
      // The client controls what it sends, so it may prepend anything: the proxy appends the truth.
      expect(await post('203.0.113.99, 198.51.100.7')).toBe(429);
      expect(await post('1.1.1.1,2.2.2.2, 198.51.100.7:51234')).toBe(429);
      // Another client behind the same proxy has a bucket of its own.
      expect(await post('198.51.100.8')).toBe(204);
      // IPv6 clients by their /64, with or without brackets and a port.
      expect(await post('2001:db8:5:6::1')).toBe(204);
      expect(await post('[2001:db8:5:6::2]:443')).toBe(204);
      expect(await post('2001:db8:5:6:ffff::3')).toBe(429);
      await close();
    }
  });

  it('with trustProxy: 2, skips the inner proxy and takes the entry the outer proxy wrote', async () => {
    const { post, close } = await serve({ trustProxy: 2 });
    expect(await post('198.51.100.7, 10.0.0.2')).toBe(204);
    expect(await post('forged, 198.51.100.7, 10.0.0.3')).toBe(204);
    expect(await post('203.0.113.50, 198.51.100.7, 10.0.0.2')).toBe(429);
    expect(await post('198.51.100.9, 10.0.0.2')).toBe(204);
    await close();
  });

  it('falls back to the socket when the entry is not an address, and clientKey still overrides', async () => {
    const junk = await serve({ trustProxy: 1 });
    expect([await junk.post('garbage-1'), await junk.post('garbage-2'), await junk.post()]).toEqual([
      204, 204, 429,
    ]);
    await junk.close();
    const keyed = await serve({ trustProxy: 1, clientKey: (v) => v.header('x-client') ?? '' });
    expect(await keyed.post('198.51.100.7', { 'X-Client': 'a' })).toBe(204);
    expect(await keyed.post('198.51.100.8', { 'X-Client': 'a' })).toBe(204);
    expect(await keyed.post('198.51.100.9', { 'X-Client': 'a' })).toBe(429);
    await keyed.close();
  });
});

describe('text from a report is escaped before it is logged or printed', () => {
  const hostile = `https://evil.example/x\n2026-01-01T00:00:00Z ERROR admin login failed\x1b[31m\rred\u202eevil`;

  it('logs one line: message and fields escaped, the sink still gets the report as sent', async () => {
    const received: mw.CspViolation[] = [];
    const calls: [Record<string, unknown>, string][] = [];
    const a = express();
    a.use(
      mw.cspReport({
        sink: (r) => received.push(r),
        logger: { warn: (fields, message) => calls.push([fields, message]) },
      }),
    );
    await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(legacy({ 'blocked-uri': hostile, 'document-uri': 'https://shop.example/\u2028x' }))
      .expect(204);
    const [[fields, message]] = calls as [[Record<string, unknown>, string]];
    expect(message).not.toMatch(OBEYED);
    expect(message).toContain(
      'x\\x0a2026-01-01T00:00:00Z ERROR admin login failed\\x1b[31m\\x0dred\\u202eevil',
    );
    for (const value of Object.values(fields))
      if (typeof value === 'string') expect(value).not.toMatch(OBEYED);
    expect(fields.blockedUrl).toBe(
      'https://evil.example/x\\x0a2026-01-01T00:00:00Z ERROR admin login failed\\x1b[31m\\x0dred\\u202eevil',
    );
    expect(received[0]!.blockedUrl).toBe(hostile);
  });

  it('checksecure reports prints one escaped line per entry, and valid JSON', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file);
    const report = (blockedUrl: string): mw.CspViolation => ({
      receivedAt: '2026-01-01T00:00:00.000Z',
      documentUrl: 'https://shop.example/\u2028x',
      blockedUrl,
      effectiveDirective: 'script-src-elem\u009b31m',
    });
    sink(report(hostile));
    sink(report('inline'));
    await sink.close();

    for (const run of [
      async () => {
        let out = '';
        expect(await reportsCommand([file], (t) => (out += t))).toBe(0);
        return out;
      },
      async () => (await cli(['reports', file])).stdout,
    ]) {
      const out = await run();
      const lines = out.split('\n');
      for (const line of lines) expect(line).not.toMatch(OBEYED);
      const blocked = lines.indexOf('By blocked URI:');
      expect(lines.slice(blocked + 1, blocked + 3)).toEqual([
        '  1  https://evil.example/x\\x0a2026-01-01T00:00:00Z ERROR admin login failed\\x1b[31m\\x0dred\\u202eevil',
        '  1  inline',
      ]);
      expect(lines).toContain('  2  script-src-elem\\x9b31m');
      expect(lines).toContain('  2  https://shop.example/\\u2028x');
    }

    let json = '';
    await reportsCommand([file, '--format', 'json'], (t) => (json += t));
    expect(json).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    const parsed = JSON.parse(json) as { byBlocked: [string, number][]; byDirective: [string, number][] };
    expect(parsed.byBlocked).toContainEqual([hostile, 1]);
    expect(parsed.byDirective).toEqual([['script-src-elem\u009b31m', 2]]);
  });
});
