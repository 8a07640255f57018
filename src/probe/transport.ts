import type { ProbeRequest } from '../core/types.js';

/** A response as one transport received it, before it becomes an `Exchange`. */
export interface RawResponse {
  status: number;
  headers: Record<string, string[]>;
  body: string;
  bodyTruncated: boolean;
}

/** Sends one request and returns the response without following redirects. */
export interface Transport {
  send(request: ProbeRequest, timeoutMs: number): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Collects a body stream up to `cap` bytes, then stops reading so an endless body cannot hold us. */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array | string>,
  cap: number,
  stop: () => void,
): Promise<{ bytes: Buffer; bodyTruncated: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of chunks) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (size + buf.length > cap) {
      parts.push(buf.subarray(0, cap - size));
      size = cap;
      truncated = true;
      break;
    }
    parts.push(buf);
    size += buf.length;
  }
  if (truncated) stop();
  return { bytes: Buffer.concat(parts, size), bodyTruncated: truncated };
}
