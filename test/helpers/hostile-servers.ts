import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** A hostile server on 127.0.0.1 and how a scan of it must end. */
export interface Hostile {
  name: string;
  /** What each connection gets; called once per connection. */
  onSocket: (socket: net.Socket) => void;
  /** 'target': the scan cannot read the site (exit 2, TargetError); 'report': it reads a report. */
  ends: 'target' | 'report';
  /** The clear error a target failure names. */
  message?: RegExp;
  /** Builds what the server sends before it listens, so that no request waits for it. */
  prepare?: () => void;
}

/** Reads one request head off a socket, then answers it. */
function onRequest(socket: net.Socket, answer: (head: string) => void): void {
  let head = '';
  socket.on('data', (chunk: Buffer) => {
    head += chunk.toString('latin1');
    const end = head.indexOf('\r\n\r\n');
    if (end !== -1) {
      const request = head.slice(0, end);
      head = '';
      answer(request);
    }
  });
}

/** Writes chunks forever, as fast as the reader takes them, until the socket closes. */
function endless(socket: net.Socket, chunk: Buffer): void {
  const pump = () => {
    while (!socket.destroyed && socket.write(chunk));
  };
  socket.on('drain', pump);
  pump();
}

/** Writes a byte at a time every `ms`. */
function trickle(socket: net.Socket, text: string, ms: number): void {
  let i = 0;
  const timer = setInterval(() => (i < text.length ? socket.write(text[i++]!) : clearInterval(timer)), ms);
  socket.on('close', () => clearInterval(timer));
}

const ok = (socket: net.Socket, headers: string, body: Buffer | string) => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  // latin1: each char one byte, so a test can put raw bytes (invalid UTF-8) in a header.
  socket.write(
    `HTTP/1.1 200 OK\r\n${headers}Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
    'latin1',
  );
  socket.end(bytes);
};

const TEN_MIB = Buffer.alloc(10 * 1024 * 1024, 'a');
// A TLS 1.2 ServerHello record header and a bit of its body: what a TLS port says to a plain request.
const TLS_HELLO = Buffer.from(
  '160303003d020000390303' + 'ab'.repeat(32) + '00c02f000011ff01000100000b000403000102',
  'hex',
);

let layered: Buffer | undefined;
/**
 * A page gzipped 8,000 times over (stored blocks: built in about a second, 260 KiB on the
 * wire), which took 5 to 20 s of decoding per request when every coding was undone.
 */
export function gzippedOver(): Buffer {
  if (!layered) {
    layered = Buffer.from('<p>layers</p>');
    for (let i = 0; i < 8000; i++) layered = zlib.gzipSync(layered, { level: 0 });
  }
  return layered;
}

/** The hostile servers of issue 8, each a real socket server with its own misbehaviour. */
export const HOSTILE: readonly Hostile[] = [
  {
    name: 'a redirect loop',
    onSocket: (s) =>
      onRequest(s, (head) => {
        const to = head.startsWith('GET /a ') ? '/b' : '/a';
        s.end(`HTTP/1.1 302 Found\r\nLocation: ${to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      }),
    ends: 'target',
    message: /more than 10 redirects/,
  },
  {
    name: '100 chained redirects',
    onSocket: (s) =>
      onRequest(s, (head) => {
        const n = Number(/^GET \/(\d*)/.exec(head)?.[1] || 0);
        const to = n < 100 ? `/${n + 1}` : undefined;
        if (to)
          s.end(`HTTP/1.1 301 Moved\r\nLocation: ${to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        else ok(s, 'Content-Type: text/html\r\n', 'end');
      }),
    ends: 'target',
    message: /more than 10 redirects/,
  },
  {
    name: 'a server that never answers',
    onSocket: () => {},
    ends: 'target',
    message: /no complete answer within 1 s/,
  },
  {
    name: 'headers a byte per second',
    onSocket: (s) => trickle(s, `HTTP/1.1 200 OK\r\nX-Slow: ${'a'.repeat(100)}\r\n\r\n`, 1000),
    ends: 'target',
    message: /no complete answer within 1 s/,
  },
  {
    name: 'an endless body',
    onSocket: (s) =>
      onRequest(s, () => {
        s.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n');
        endless(s, Buffer.alloc(64 * 1024, 'x'));
      }),
    ends: 'report',
  },
  {
    name: 'a 10 MiB body',
    onSocket: (s) => onRequest(s, () => ok(s, 'Content-Type: text/html\r\n', TEN_MIB)),
    ends: 'report',
  },
  {
    name: 'a body gzipped 8,000 times',
    onSocket: (s) =>
      onRequest(s, () =>
        ok(
          s,
          `Content-Type: text/html\r\nContent-Encoding: ${Array(8000).fill('gzip').join(', ')}\r\n`,
          gzippedOver(),
        ),
      ),
    ends: 'report',
    prepare: gzippedOver,
  },
  {
    name: '2,000 Set-Cookie headers',
    onSocket: (s) =>
      onRequest(s, () =>
        ok(s, Array.from({ length: 2000 }, (_, i) => `Set-Cookie: c${i}=v\r\n`).join(''), '<p>cookies</p>'),
      ),
    ends: 'report',
  },
  {
    name: "headers over undici's limit",
    onSocket: (s) =>
      onRequest(s, () =>
        ok(s, Array.from({ length: 400 }, (_, i) => `X-Big-${i}: ${'x'.repeat(1000)}\r\n`).join(''), 'x'),
      ),
    ends: 'target',
    message: /the response headers exceed 256 KiB/,
  },
  {
    name: 'invalid UTF-8 in headers and body',
    onSocket: (s) =>
      onRequest(s, () =>
        ok(
          s,
          'Content-Type: text/html\r\nX-Bad: \xff\xfe\xc3\x28\r\nSet-Cookie: s\xe9ssion=\xff\r\n',
          Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x70, 0x3e]),
        ),
      ),
    ends: 'report',
  },
  {
    name: 'a connection reset mid-response',
    onSocket: (s) =>
      onRequest(s, () => {
        s.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial');
        setTimeout(() => s.resetAndDestroy(), 20);
      }),
    ends: 'target',
    message: /GET http:\/\/127\.0\.0\.1:\d+\/: /,
  },
  {
    name: 'TLS spoken on a plain port',
    onSocket: (s) => onRequest(s, () => s.end(TLS_HELLO)),
    ends: 'target',
    message: /GET http:\/\/127\.0\.0\.1:\d+\/: /,
  },
  {
    name: 'HTTP/0.9 garbage',
    onSocket: (s) => onRequest(s, () => s.end('<html>hello, no status line</html>\n')),
    ends: 'target',
    message: /GET http:\/\/127\.0\.0\.1:\d+\/: /,
  },
];

/** Starts a hostile server; `close()` also destroys the connections it still holds. */
export async function startHostile(h: Hostile): Promise<{ url: string; close: () => Promise<void> }> {
  h.prepare?.();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    h.onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
