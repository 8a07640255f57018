import zlib from 'node:zlib';

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

/** Runs one decoder over `input`, keeping at most `cap` bytes of its output. */
function decodeOnce(decoder: Decoder, input: Buffer, cap: number): Promise<DecodedBody> {
  return new Promise((resolve, reject) => {
    const stream = decoder();
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      if (done) return;
      done = true;
      resolve({ body: Buffer.concat(parts, size), truncated });
    };
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length > cap) {
        parts.push(chunk.subarray(0, cap - size));
        size = cap;
        // A small body can expand a thousandfold: stop inflating once the cap is reached.
        stream.destroy();
        finish(true);
        return;
      }
      parts.push(chunk);
      size += chunk.length;
    });
    stream.on('end', () => finish(false));
    stream.on('error', (error) => {
      if (!done) {
        done = true;
        reject(error);
      }
    });
    stream.end(input);
  });
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
