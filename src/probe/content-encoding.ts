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
 * Runs one decoder over `input`, keeping at most `cap` bytes of its output: readCapped stops
 * reading (and the loop's exit destroys the stream) once the cap is reached, since a small body
 * can inflate a thousandfold.
 */
async function decodeOnce(decoder: Decoder, input: Buffer, cap: number): Promise<DecodedBody> {
  const stream = decoder();
  stream.end(input);
  const { bytes, bodyTruncated } = await readCapped(stream, cap, () => stream.destroy());
  return { body: bytes, truncated: bodyTruncated };
}

/**
 * Undoes a response's Content-Encoding (gzip, deflate, br; a list is undone from the last coding
 * applied to the first), so that the checks read the page rather than its compressed bytes.
 * Servers may compress whatever the request asked for. The decoded body is capped at `cap` bytes,
 * as the wire body is. Returns undefined when there is nothing to undo, or when a coding is
 * unknown or its data corrupt: the caller keeps the body as it came.
 *
 * @example
 * const decoded = await decodeContent(['gzip'], compressed, 1024 * 1024);
 */
export async function decodeContent(
  encoding: readonly string[] | undefined,
  body: Buffer,
  cap: number,
): Promise<DecodedBody | undefined> {
  const codings = (encoding ?? [])
    .flatMap((value) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0 || body.length === 0) return undefined;
  let current: DecodedBody = { body, truncated: false };
  for (const coding of codings.reverse()) {
    const decoder = decoderFor(coding, current.body);
    if (!decoder) return undefined;
    try {
      const next = await decodeOnce(decoder, current.body, cap);
      current = { body: next.body, truncated: current.truncated || next.truncated };
    } catch {
      return undefined;
    }
  }
  return current;
}

/**
 * A transport's body as the checks read it: decoded when its Content-Encoding can be undone,
 * else as it came, as UTF-8 text either way.
 *
 * @example
 * const { body, bodyTruncated } = await decodedText(headers['content-encoding'], bytes, false, cap);
 */
export async function decodedText(
  encoding: readonly string[] | undefined,
  bytes: Buffer,
  truncated: boolean,
  cap: number,
): Promise<{ body: string; bodyTruncated: boolean }> {
  const decoded = await decodeContent(encoding, bytes, cap);
  return decoded
    ? { body: decoded.body.toString('utf8'), bodyTruncated: truncated || decoded.truncated }
    : { body: bytes.toString('utf8'), bodyTruncated: truncated };
}
