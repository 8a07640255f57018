import type http from 'node:http';
import { Agent, request } from 'undici';

/** One request as the server received it, to replay it. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Records each request a server receives (method, path, headers but the connection's own, and
 * body) into `into`, when given: what a scan sent, for replayFloor to send again.
 */
export function recordRequest(req: http.IncomingMessage, into: Sent[] | undefined): void {
  if (!into) return;
  const {
    host: _h,
    connection: _c,
    'content-length': _l,
    ...headers
  } = req.headers as Record<string, string>;
  const entry: Sent = { method: req.method!, url: req.url!, headers, body: '' };
  into.push(entry);
  req.on('data', (chunk: Buffer) => (entry.body += chunk.toString()));
}

/**
 * The floor: the very requests a scan sent, in the order the server saw them, replayed directly
 * with undici at the same concurrency, each body read; resolves to the milliseconds it took.
 */
export async function replayFloor(base: string, sent: readonly Sent[], concurrency: number): Promise<number> {
  const agent = new Agent({ connections: concurrency });
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sent.length) {
        const r = sent[next++]!;
        const res = await request(base + r.url, {
          dispatcher: agent,
          method: r.method as 'GET',
          headers: r.headers,
          body: r.body === '' ? null : r.body,
        });
        await res.body.text();
      }
    }),
  );
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}
