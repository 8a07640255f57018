/**
 * The target could not be scanned: unreachable, timed out, too many redirects, not a response.
 * The CLI turns it into exit status 2 with its one-line message; `cause` is the error it wraps
 * (undici's, the app's own), for a caller that wants its code or stack.
 */
export class TargetError extends Error {
  override name = 'TargetError';
}

/**
 * The TargetError for pages a scan could not read, or undefined when it read them all: what
 * runChecks() and the matchers reject with, since their answer (warnings, a pass) would read as
 * a verdict on pages never judged. With one page, the message is the one the page's GET gave.
 *
 * @example
 * const error = unscannedError(report.unscanned ?? []);
 * if (error) throw error;
 */
export function unscannedError(
  unscanned: readonly { url: string; reason: string }[],
): TargetError | undefined {
  const [first, ...more] = unscanned;
  if (!first) return undefined;
  const rest =
    more.length === 0 ? '' : ` (and ${more.length} more ${more.length === 1 ? 'page' : 'pages'} not read)`;
  return new TargetError(`GET ${first.url}: ${first.reason}${rest}`);
}

/** An option or config value is invalid; the message starts with the option name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Thrown by `ctx.skip(reason)` inside a check: the check is reported as skipped, not errored. */
export class SkipCheck extends Error {
  override name = 'SkipCheck';
}

// Certificates no public CA vouches for: most often a local or staging site's own, which the user
// can trust rather than scan around.
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

/** A one-line description of any thrown value, for reports (never a stack trace). */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code = (error as { code?: unknown }).code;
    let text = error.message || error.name;
    if (typeof code === 'string' && !text.includes(code)) text += ` (${code})`;
    if (typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code))
      text += '; if the certificate is your own, trust its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem';
    // A TargetError or ConfigError carries its cause for callers, and names it already.
    if (cause instanceof Error && cause.message && !oneLine(text).includes(oneLine(cause.message)))
      text += `: ${cause.message}`;
    return oneLine(text);
  }
  return oneLine(String(error));
}

/**
 * What the CLI and the Action say when something throws outside any request of theirs: an app
 * scanned in-process (a timer, a promise it left unhandled), since their own errors are caught.
 *
 * @example
 * process.on('uncaughtException', (e) => console.error(`checksecure: ${uncaughtMessage(e)}`));
 */
export function uncaughtMessage(error: unknown): string {
  return `the scan stopped on an error thrown outside a request (by the app under test, when it runs in-process): ${describeError(error)}`;
}

/** `runChecks()` could not judge everything: some checks errored, so an empty list would lie. */
export class CheckError extends Error {
  override name = 'CheckError';
  constructor(
    message: string,
    /** The errored checks with their reasons. */
    readonly errored: { name: string; reason?: string }[],
  ) {
    super(message);
  }
}
