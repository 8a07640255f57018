import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request with its target sent byte for byte (a fragment, an absolute-form URL, dot
 * segments), as a router or static server receives it: an HTTP client library would normalise
 * the target before sending, and the test would prove nothing.
 */
export function rawRequest(
  server: http.Server,
  target: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: target, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * The status line's code of the answer to `head` written byte for byte on a fresh socket (two
 * Host fields, an absolute-form target with another Host): what no client library sends.
 */
export async function rawExchange(
  server: http.Server,
  head: string,
): Promise<{ status: number; text: string }> {
  // A server supertest drives is not listening itself: it then listens until the test closes it.
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(head));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text }),
    );
  });
}
