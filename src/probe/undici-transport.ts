import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import buildConnector from 'undici/lib/core/connect.js';
import { Agent } from './undici-lite.js';
import type { ProbeRequest } from '../core/types.js';
import { decodedText } from './content-encoding.js';
import type { RawResponse, Transport } from './transport.js';

const MAX_HEADER_BYTES = 256 * 1024;

/**
 * The header map of undici's parsed headers, whose names are already lower-case and whose values
 * are a string, or an array of strings for a repeated header: toHeaderMap's checks for every
 * shape a user may hand in cost a fifth of the transport's own time here, for nothing.
 */
function headerMapOf(received: Record<string, string | string[] | undefined>): Record<string, string[]> {
  const map = Object.create(null) as Record<string, string[]>;
  const names = Object.keys(received);
  for (let i = 0; i < names.length; i++) {
    const value = received[names[i]!];
    if (typeof value === 'string') map[names[i]!] = [value];
    else if (Array.isArray(value)) map[names[i]!] = value;
  }
  return map;
}

/**
 * Sends requests to a URL target through one undici `Agent`, whose connection limit bounds the
 * requests in flight per origin and whose close() releases every socket when the scan ends.
 */
export class UndiciTransport implements Transport {
  readonly #agent: Agent;
  readonly #maxBodyBytes: number;

  constructor(options: { concurrency: number; timeoutMs: number; maxBodyBytes: number }) {
    this.#maxBodyBytes = options.maxBodyBytes;
    const connect = buildConnector({ timeout: options.timeoutMs });
    this.#agent = new Agent({
      connections: options.concurrency,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // undici names the TLS server after a request's Host header when the URL holds an IP
      // address, so the host-header probe's attacker.example became the name the certificate was
      // checked against. An IP address has no server name to send (RFC 6066): the certificate is
      // checked against the address itself, as a browser does.
      connect: (opts, callback) =>
        connect(isIP(opts.hostname) === 0 ? opts : { ...opts, servername: undefined }, callback),
      // Browsers accept far more than undici's 16 KiB default (Chrome: 256 KiB); so do we.
      maxHeaderSize: MAX_HEADER_BYTES,
    });
  }

  /**
   * One exchange through undici's dispatch API, with a handler of our own: the body is collected
   * straight from the parser's chunks up to the cap (no stream, no async iterator, no
   * AbortController per request), and one deadline covers the whole exchange, decoding the body
   * included, since per-chunk timeouts alone would let a trickling body run forever.
   */
  send(req: ProbeRequest, timeoutMs: number): Promise<RawResponse> {
    const cap = this.#maxBodyBytes;
    const url = new URL(req.url);
    return new Promise<RawResponse>((resolve, reject) => {
      let controller: Dispatcher.DispatchController | undefined;
      /** The answer is in (or failed): nothing more is read. */
      let settled = false;
      /** Set while its body is decoded, which the deadline covers too. */
      let decoding: AbortController | undefined;
      let status = 0;
      let headers: Record<string, string[]> = {};
      let chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (error: unknown, response?: RawResponse) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(response!);
      };
      const settle = (error: Error | undefined) => {
        if (settled) return;
        settled = true;
        if (error) return finish(error);
        // Most pages arrive in one chunk: read it in place rather than copy it first.
        const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
        const encoding = headers['content-encoding'];
        if (encoding === undefined)
          return finish(undefined, {
            status,
            headers,
            body: bytes.toString('utf8'),
            bodyTruncated: truncated,
          });
        decoding = new AbortController();
        decodedText(encoding, bytes, truncated, cap, decoding.signal).then(
          (body) => finish(undefined, { status, headers, ...body }),
          finish,
        );
      };
      const timer = setTimeout(() => {
        if (decoding) {
          // A small body can take long to inflate: the request's deadline ends that too.
          const error = new Error(`the body was not decoded within ${timeoutMs / 1000} s`);
          finish(error);
          decoding.abort(error);
          return;
        }
        const error = new Error(`no complete answer within ${timeoutMs / 1000} s`);
        settle(error);
        controller?.abort(error);
      }, timeoutMs);
      this.#agent.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: req.method,
          headers: req.headers,
          body: req.body ?? null,
          // The certificate is checked against the host the URL names, never a Host header the
          // probe forges (the host-header check's attacker.example): undici takes SNI from Host.
          ...(url.protocol === 'https:' && isIP(url.hostname) === 0 ? { servername: url.hostname } : {}),
        },
        {
          onRequestStart(c) {
            controller = c;
            // Timed out while waiting for a connection: do not send it at all.
            if (settled) c.abort(new Error('abandoned'));
          },
          onResponseStart(_c, statusCode, received) {
            // A 1xx informational answer comes first and is followed by the real one.
            status = statusCode;
            headers = headerMapOf(received);
            chunks = [];
            size = 0;
          },
          onResponseData(c, chunk) {
            if (truncated || settled) return;
            if (size + chunk.length > cap) {
              chunks.push(chunk.subarray(0, cap - size));
              size = cap;
              truncated = true;
              settle(undefined);
              // Enough read: stop the rest (an endless body ends here).
              c.abort(new Error('body cap reached'));
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          },
          onResponseEnd() {
            settle(undefined);
          },
          onResponseError(_c, error) {
            if ((error as { code?: string }).code === 'UND_ERR_HEADERS_OVERFLOW') {
              settle(new Error(`the response headers exceed ${MAX_HEADER_BYTES / 1024} KiB`));
            } else settle(error);
          },
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}
