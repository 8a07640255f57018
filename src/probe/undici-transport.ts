import { Agent, request } from './undici-lite.js';
import type { ProbeRequest } from '../types.js';
import { toHeaderMap } from './header-map.js';
import { readCapped, type RawResponse, type Transport } from './transport.js';

const MAX_HEADER_BYTES = 256 * 1024;

/**
 * Sends requests to a URL target through one undici `Agent`, whose connection limit bounds the
 * requests in flight per origin and whose close() releases every socket when the scan ends.
 */
export class UndiciTransport implements Transport {
  readonly #agent: Agent;
  readonly #maxBodyBytes: number;

  constructor(options: { concurrency: number; timeoutMs: number; maxBodyBytes: number }) {
    this.#maxBodyBytes = options.maxBodyBytes;
    this.#agent = new Agent({
      connections: options.concurrency,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.timeoutMs },
      // Browsers accept far more than undici's 16 KiB default (Chrome: 256 KiB); so do we.
      maxHeaderSize: MAX_HEADER_BYTES,
    });
  }

  async send(req: ProbeRequest, timeoutMs: number): Promise<RawResponse> {
    // One deadline for the whole exchange: per-chunk timeouts alone let a trickling body run
    // forever. A plain timer cleared on completion, not AbortSignal.timeout(): that one stays
    // armed (and referenced by a finalization registry) until it fires, on every request.
    const controller = new AbortController();
    const signal = controller.signal;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await request(this.#agent, req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body ?? null,
        signal,
      });
      // A declared length within the cap is read whole, without an async iterator per chunk;
      // anything else (no length, or more than the cap) is read up to the cap and cut off.
      const declared = Number(res.headers['content-length']);
      const { body, bodyTruncated } =
        declared >= 0 && declared <= this.#maxBodyBytes
          ? { body: await res.body.text(), bodyTruncated: false }
          : await readCapped(res.body, this.#maxBodyBytes, () => res.body.destroy());
      return { status: res.statusCode, headers: toHeaderMap(res.headers), body, bodyTruncated };
    } catch (error) {
      if (signal.aborted) throw new Error(`no complete answer within ${timeoutMs / 1000} s`);
      if ((error as { code?: string }).code === 'UND_ERR_HEADERS_OVERFLOW') {
        throw new Error(`the response headers exceed ${MAX_HEADER_BYTES / 1024} KiB`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#agent.destroy();
  }
}
