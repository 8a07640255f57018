import { describeError } from '../core/errors.js';

const codeOf = (error: unknown): string | undefined => {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof cause === 'string' ? cause : undefined;
};

/** OpenSSL's words for a first record that is not TLS at all: the server answered in plain HTTP. */
const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
]);

/** Whether `host:port` completes a TLS handshake (any certificate): a quick look, on failure only. */
async function speaksTls(url: URL, timeoutMs: number): Promise<boolean> {
  // Loaded on this failure path only: an in-process scan never needs node:tls.
  const tls = await import('node:tls');
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 80),
      // Only whether it speaks TLS is asked here; the scan itself checks the certificate.
      rejectUnauthorized: false,
    });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/**
 * Why a request to `url` failed, in one line a user can act on: OpenSSL's "wrong version number"
 * becomes "answered in plain HTTP, not TLS" with the http:// URL meant, a plain request that a
 * TLS port hung up on says so (when `probeTls` allows a handshake to find out), and refused
 * connections and names that do not resolve say what to look at. Anything else is described as
 * it is.
 *
 * @example
 * await explainRequestError(error, 'https://127.0.0.1:3000/'); // '127.0.0.1:3000 answered in plain HTTP, not TLS: did you mean http://127.0.0.1:3000/?'
 */
export async function explainRequestError(
  error: unknown,
  url: string,
  options: { probeTls?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return describeError(error);
  }
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : '';
  if (
    parsed.protocol === 'https:' &&
    ((code !== undefined && NOT_TLS.has(code)) || /wrong version number/i.test(message))
  ) {
    const meant = new URL(parsed.href);
    meant.protocol = 'http:';
    return `${parsed.host} answered in plain HTTP, not TLS: did you mean ${meant.href}?`;
  }
  if (code === 'ECONNREFUSED')
    return `nothing listens on ${parsed.host} (ECONNREFUSED): is the server running, on that port?`;
  if (code === 'ENOTFOUND')
    return `${parsed.hostname} does not resolve (ENOTFOUND): check the spelling, or the DNS or VPN it needs`;
  if (code === 'EAI_AGAIN')
    return `${parsed.hostname} could not be resolved just now (EAI_AGAIN): the DNS server did not answer`;
  if (
    options.probeTls &&
    parsed.protocol === 'http:' &&
    (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') &&
    (await speaksTls(parsed, Math.min(options.timeoutMs ?? 2000, 2000)))
  ) {
    const meant = new URL(parsed.href);
    meant.protocol = 'https:';
    return `${parsed.host} speaks TLS, not plain HTTP (it hung up on the plain request): did you mean ${meant.href}?`;
  }
  return describeError(error);
}
