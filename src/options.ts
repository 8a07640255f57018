import { ConfigError } from './errors.js';
import type { CheckInput } from './registry.js';
import type { Severity } from './types.js';

/** Options of `scan()` and `runChecks()`; the config file uses the same names. */
export interface ScanOptions {
  /** Paths to request on the target, each starting with `/`. Default `['/']`. */
  paths?: string[];
  /** Extra request headers, e.g. a session cookie or `Authorization` for logged-in pages. */
  headers?: Record<string, string>;
  /** Seconds before a request is abandoned. Default 10. */
  timeout?: number;
  /** Bytes of each body read at most. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed per request. Default 10. */
  maxRedirects?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /**
   * Judge a local target as served over HTTPS by a TLS-terminating proxy, sending
   * `X-Forwarded-Proto: https`. Default true for in-process apps, `localhost` and `127.0.0.1`.
   */
  assumeHttps?: boolean;
  /** Names of session cookies. Default: any cookie whose name contains sess, sid, login or auth. */
  sessionCookies?: string[];
  /** Paths (prefixes, or regular expressions) whose responses must not be cached. */
  confidentialPaths?: (string | RegExp)[];
  /** Endpoints for the cross-site POST probe. Default: the probed paths. */
  csrf?: { paths?: string[] };
  /** The checks to run. Default `defaultChecks`. */
  checks?: readonly CheckInput[];
  /** Codes to leave out of the results. */
  skip?: string[];
  /** Per-check options, by check name, read by checks as `ctx.checkOptions`. */
  checkOptions?: Record<string, unknown>;
  /** Called after each request with the number answered so far (the CLI's progress line). */
  onProgress?: (requestsDone: number) => void;
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  paths: string[];
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  concurrency: number;
  assumeHttps: boolean | undefined;
  sessionCookies: string[] | undefined;
  confidentialPaths: (string | RegExp)[];
  csrfPaths: string[] | undefined;
  skip: Set<string>;
  checkOptions: Record<string, unknown>;
  onProgress: ((requestsDone: number) => void) | undefined;
}

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const CRLF = /[\r\n\0]/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function fail(option: string, value: unknown, why: string): never {
  throw new ConfigError(`${option}: ${JSON.stringify(value)} ${why}`);
}

function number(option: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(option, value, `must be a number from ${min} to ${max}`);
  }
  return value;
}

function paths(option: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) fail(option, value, 'must be a non-empty array of paths');
  for (const p of value) {
    if (typeof p !== 'string' || !p.startsWith('/') || CRLF.test(p) || /\s/.test(p)) {
      fail(option, p, 'must be a path that starts with "/" and has no spaces or line breaks');
    }
  }
  return [...new Set(value as string[])];
}

/**
 * Validates options once, before any request: a CR/LF in a header, a path without a leading
 * slash or an unknown code fails here with the option's name, never halfway through a scan.
 */
export function resolveOptions(options: ScanOptions, knownCodes: ReadonlySet<string>): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options', options, 'must be an object');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (!HEADER_NAME.test(name)) fail('headers', name, 'is not a valid header name');
    if (typeof value !== 'string' || CRLF.test(value)) {
      fail(`headers.${name}`, value, 'must be a string without CR, LF or NUL');
    }
    headers[name.toLowerCase()] = value;
  }
  const skip = new Set<string>();
  for (const code of options.skip ?? []) {
    if (!knownCodes.has(code)) fail('skip', code, 'is not a code of any enabled check (see --list)');
    skip.add(code);
  }
  if (options.assumeHttps !== undefined && typeof options.assumeHttps !== 'boolean') {
    fail('assumeHttps', options.assumeHttps, 'must be true or false');
  }
  const sessionCookies = options.sessionCookies;
  if (
    sessionCookies !== undefined &&
    (!Array.isArray(sessionCookies) || sessionCookies.some((n) => typeof n !== 'string' || n === ''))
  ) {
    fail('sessionCookies', sessionCookies, 'must be an array of cookie names');
  }
  const confidentialPaths = options.confidentialPaths ?? [];
  for (const p of confidentialPaths) {
    if (!(p instanceof RegExp) && (typeof p !== 'string' || !p.startsWith('/'))) {
      fail('confidentialPaths', p, 'must be a path starting with "/" or a RegExp');
    }
  }
  return {
    paths: paths('paths', options.paths) ?? ['/'],
    headers,
    timeoutMs: number('timeout', options.timeout, 10, 0.001, 600) * 1000,
    maxBodyBytes: number('maxBodyBytes', options.maxBodyBytes, 1024 * 1024, 0, 64 * 1024 * 1024),
    maxRedirects: number('maxRedirects', options.maxRedirects, 10, 0, 50),
    concurrency: Math.floor(number('concurrency', options.concurrency, 8, 1, 256)),
    assumeHttps: options.assumeHttps,
    sessionCookies,
    confidentialPaths,
    csrfPaths: paths('csrf.paths', options.csrf?.paths),
    skip,
    checkOptions: options.checkOptions ?? {},
    onProgress: typeof options.onProgress === 'function' ? options.onProgress : undefined,
  };
}
