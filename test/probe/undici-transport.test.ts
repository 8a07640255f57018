import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { UndiciTransport } from '../../src/probe/undici-transport.js';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A raw server that writes `chunks` (one write each, a tick apart) to every connection. */
async function answering(chunks: (string | Buffer)[]): Promise<string> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => {
      const write = (i: number): void => {
        if (i === chunks.length) return void socket.end();
        socket.write(chunks[i]!);
        setTimeout(() => write(i + 1), 5);
      };
      write(0);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function send(url: string, maxBodyBytes = 1024 * 1024) {
  const transport = new UndiciTransport({ concurrency: 1, timeoutMs: 2000, maxBodyBytes });
  try {
    return await transport.send({ method: 'GET', url, headers: {} }, 2000);
  } finally {
    await transport.close();
  }
}

describe('UndiciTransport', () => {
  it('maps hostile and repeated header names as data: lower-case, every value, no prototype', async () => {
    const url = await answering([
      'HTTP/1.1 200 OK\r\n__proto__: polluted\r\nConstructor: c\r\nX-Dup: a\r\nx-DUP: b\r\n' +
        'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
    ]);
    const { status, headers, body } = await send(url);
    expect(status).toBe(200);
    expect(Object.getPrototypeOf(headers)).toBeNull();
    expect(Object.hasOwn(headers, '__proto__')).toBe(true);
    expect(headers['__proto__']).toEqual(['polluted']);
    expect(headers['constructor']).toEqual(['c']);
    expect(headers['x-dup']).toEqual(['a', 'b']);
    expect(headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(body).toBe('ok');
  });

  it('joins a body that arrives in several chunks, a multi-byte character split between two', async () => {
    const text = Buffer.from('héllo wörld');
    const url = await answering([
      `HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\nConnection: close\r\n\r\n`,
      text.subarray(0, 2),
      text.subarray(2),
    ]);
    const { body, bodyTruncated } = await send(url);
    expect(body).toBe('héllo wörld');
    expect(bodyTruncated).toBe(false);
  });

  it('ends a slow decoding at the deadline: 70 KiB that inflate to 64 MiB', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
    const url = await answering([
      `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\nConnection: close\r\n\r\n`,
      bomb,
    ]);
    const small = await answering(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok']);
    const transport = new UndiciTransport({ concurrency: 1, timeoutMs: 50, maxBodyBytes: 64 * 1024 * 1024 });
    try {
      // A process's first request compiles undici's parser: not what this test times.
      await transport.send({ method: 'GET', url: small, headers: {} }, 5000);
      const started = Date.now();
      // The answer is in within a few milliseconds; inflating it takes far longer than 50.
      // The outcome, not the promise: a failure message would print the 64 MiB it decoded.
      const outcome = await transport.send({ method: 'GET', url, headers: {} }, 50).then(
        (raw) => `answered with ${raw.body.length} characters`,
        (error: Error) => error.message,
      );
      expect(outcome).toBe('the body was not decoded within 0.05 s');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await transport.close();
    }
  });

  it('cuts a body at maxBodyBytes, within one chunk or across several', async () => {
    const one = await answering([
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789',
    ]);
    expect(await send(one, 4)).toMatchObject({ body: '0123', bodyTruncated: true });
    const several = await answering([
      'HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n012',
      '345',
      '6789',
    ]);
    expect(await send(several, 5)).toMatchObject({ body: '01234', bodyTruncated: true });
  });
});
