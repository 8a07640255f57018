import zlib from 'node:zlib';
import { readCapped } from './transport.js';

/** A body with its Content-Encoding undone, capped as the wire body is. */
export interface DecodedBody {
  body: Buffer;
  /** The decoded body was cut at the cap, or the encoded one arrived cut short. */
  truncated: boolean;
}

type Decoder = () => zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress;

// A body cut at the cap still decodes as far as it goes: flush instead of demanding the end.
const FLUSH = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_FLUSH = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

function decoderFor(coding: string, body: Buffer): Decoder | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return () => zlib.createGunzip(FLUSH);
    case 'deflate':
      // HTTP's deflate is zlib-wrapped (RFC 9110), but some servers send the raw stream: a zlib
      // header is a CM of 8 whose two bytes, read as a number, are a multiple of 31.
      return body.length >= 2 && (body[0]! & 0x0f) === 8 && ((body[0]! << 8) | body[1]!) % 31 === 0
        ? () => zlib.createInflate(FLUSH)
        : () => zlib.createInflateRaw(FLUSH);
    case 'br':
      return () => zlib.createBrotliDecompress(BROTLI_FLUSH);
    default:
      return undefined;
  }
}

/**
 * The most content codings undone on one body: 5, as curl (since CVE-2022-32206) and undici's
 * fetch allow. Each coding is one more pass over up to `cap` bytes, and a body gzipped thousands
 * of times over (a few hundred KiB on the wire) would otherwise keep a scan busy for minutes.
 */
export const MAX_CODINGS = 5;

/**
 * The codings a response's Content-Encoding lists, in the order they were applied, lower-case,
 * `identity` left out.
 *
 * @example
 * contentCodings(['gzip, Identity', 'br']) // ['gzip', 'br']
 */
export function contentCodings(encoding: readonly string[] | undefined): string[] {
  return (encoding ?? [])
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/**
 * Runs one decoder over `input`, keeping at most `cap` bytes of its output: readCapped stops
 * reading (and the loop's exit destroys the stream) once the cap is reached, since a small body
 * can inflate a thousandfold. An abort destroys the stream, so zlib stops working on it.
 */
async function decodeOnce(
  decoder: Decoder,
  input: Buffer,
  cap: number,
  signal: AbortSignal | undefined,
): Promise<DecodedBody> {
  const stream = decoder();
  const stop = () => stream.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    stream.end(input);
    const { bytes, bodyTruncated } = await readCapped(stream, cap, () => stream.destroy());
    return { body: bytes, truncated: bodyTruncated };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * Undoes a response's Content-Encoding (gzip, deflate, br; a list is undone from the last coding
 * applied to the first), so that the checks read the page rather than its compressed bytes.
 * Servers may compress whatever the request asked for. The decoded body is capped at `cap` bytes,
 * as the wire body is. Returns undefined when there is nothing to undo, when there are more than
 * MAX_CODINGS codings, or when a coding is unknown or its data corrupt: the caller keeps the body
 * as it came. Rejects with the signal's reason once `signal` aborts (the request's deadline).
 *
 * @example
 * const decoded = await decodeContent(['gzip'], compressed, 1024 * 1024, AbortSignal.timeout(10_000));
 */
export async function decodeContent(
  encoding: readonly string[] | undefined,
  body: Buffer,
  cap: number,
  signal?: AbortSignal,
): Promise<DecodedBody | undefined> {
  const codings = contentCodings(encoding);
  if (codings.length === 0 || codings.length > MAX_CODINGS || body.length === 0) return undefined;
  let current: DecodedBody = { body, truncated: false };
  for (const coding of codings.reverse()) {
    signal?.throwIfAborted();
    const decoder = decoderFor(coding, current.body);
    if (!decoder) return undefined;
    try {
      const next = await decodeOnce(decoder, current.body, cap, signal);
      current = { body: next.body, truncated: current.truncated || next.truncated };
    } catch {
      if (signal?.aborted) throw signal.reason;
      return undefined;
    }
  }
  return current;
}

/**
 * A transport's body as the checks read it: decoded when its Content-Encoding can be undone,
 * else as it came, as UTF-8 text either way. Rejects once `signal` aborts.
 *
 * @example
 * const { body, bodyTruncated } = await decodedText(headers['content-encoding'], bytes, false, cap, signal);
 */
export async function decodedText(
  encoding: readonly string[] | undefined,
  bytes: Buffer,
  truncated: boolean,
  cap: number,
  signal?: AbortSignal,
): Promise<{ body: string; bodyTruncated: boolean }> {
  const decoded = await decodeContent(encoding, bytes, cap, signal);
  return decoded
    ? { body: decoded.body.toString('utf8'), bodyTruncated: truncated || decoded.truncated }
    : { body: bytes.toString('utf8'), bodyTruncated: truncated };
}
