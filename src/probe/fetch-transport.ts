import type { ProbeRequest } from '../core/types.js';
import { decodedText } from './content-encoding.js';
import { toHeaderMap } from './header-map.js';
import { readCapped, type RawResponse, type Transport } from './transport.js';

/** A Web-standard handler: Hono's `app.fetch`, Next.js middleware, a Worker's `fetch`. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Calls a fetch handler directly with a `Request`, the way its runtime would. The request URL
 * carries the scheme and host the probe wants the app to see, since such apps read `request.url`.
 */
export class FetchTransport implements Transport {
  readonly #handler: FetchHandler;
  readonly #maxBodyBytes: number;

  constructor(handler: FetchHandler, maxBodyBytes: number) {
    this.#handler = handler;
    this.#maxBodyBytes = maxBodyBytes;
  }

  async send(req: ProbeRequest, timeoutMs: number): Promise<RawResponse> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no complete answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
    });
    try {
      const headers = { ...req.headers };
      const host = headers.host;
      delete headers.host;
      const url = new URL(req.url);
      if (host) url.host = host;
      const request = new Request(url, {
        method: req.method,
        headers,
        body: req.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const response = await Promise.race([Promise.resolve().then(() => this.#handler(request)), deadline]);
      if (!(response instanceof Response)) {
        throw new TypeError(`the fetch handler returned ${describe(response)}, not a Response`);
      }
      const read = response.body
        ? readCapped(response.body as unknown as AsyncIterable<Uint8Array>, this.#maxBodyBytes, () => {
            void response.body?.cancel().catch(() => {});
          })
        : Promise.resolve({ bytes: Buffer.alloc(0), bodyTruncated: false });
      const { bytes, bodyTruncated } = await Promise.race([read, deadline]);
      const map = toHeaderMap(response.headers);
      // Decoding is part of the exchange: a slow one ends at the deadline, which aborts it.
      const text = await Promise.race([
        decodedText(map['content-encoding'], bytes, bodyTruncated, this.#maxBodyBytes, controller.signal),
        deadline,
      ]);
      return { status: response.status, headers: map, ...text };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {}
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return typeof value;
}
