/**
 * Option validation, done once when a middleware is created. Every message starts with the
 * header or option name and quotes the bad value, so a typo is found at boot, not at request time.
 */
import { nearest } from '../src/util/edit-distance.js';
import { shown } from '../src/util/shown.js';

// Shared with the CLI (--explain), which suggests a code the same way.
export { nearest, shown };

export class MiddlewareOptionError extends TypeError {
  override name = 'MiddlewareOptionError';
}

export function fail(where: string, value: unknown, why: string): never {
  throw new MiddlewareOptionError(`${where}: ${shown(value)} ${why}`);
}

const UNSAFE = /[\r\n\0]/;
/** Visible ASCII plus space and tab: what a header value may hold without surprises. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** A string that will end up in a header: no CR/LF/NUL (header injection), printable ASCII. */
export function headerText(where: string, value: unknown): string {
  if (typeof value !== 'string') fail(where, value, 'must be a string');
  if (UNSAFE.test(value)) fail(where, value, 'contains CR, LF or NUL, which would inject headers');
  if (!HEADER_VALUE.test(value)) fail(where, value, 'must be printable ASCII');
  return value;
}

export function bool(where: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(where, value, 'must be true or false');
  return value;
}

export function integer(
  where: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(
      where,
      value,
      `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`,
    );
  }
  return value;
}

export function oneOf<T extends string>(
  where: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const near = nearest(value, allowed);
    fail(where, value, `is not one of ${allowed.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`);
  }
  return value as T;
}

/** Refuses option keys the middleware does not know, with the likely intended one. */
export function knownKeys(where: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    fail(where, options, 'must be an options object');
  for (const key of Object.keys(options)) {
    // Every middleware accepts a logger for its security events (silent by default).
    if (key === 'logger') {
      const logger = (options as { logger?: { warn?: unknown } }).logger;
      if (
        logger !== undefined &&
        (!logger || typeof logger !== 'object' || typeof logger.warn !== 'function')
      ) {
        fail(`${where}: logger`, logger, 'must be a logger with warn() (console or pino)');
      }
      continue;
    }
    if (!known.includes(key)) {
      const near = nearest(key, known);
      fail(
        where,
        key,
        `is not an option${near ? ` (did you mean ${near}?)` : ` (known: ${known.join(', ')})`}`,
      );
    }
  }
}

/** A path to match exactly or by RegExp; strings must start with "/". */
export function pathList(where: string, value: unknown): (string | RegExp)[] {
  if (!Array.isArray(value)) fail(where, value, 'must be an array of paths or regular expressions');
  for (const p of value) {
    if (p instanceof RegExp) continue;
    headerText(where, p);
    if (!(p as string).startsWith('/')) fail(where, p, 'must start with "/"');
  }
  return value as (string | RegExp)[];
}

/** A non-empty array of hosts; a single host given as a string is refused with the list it meant. */
export function hostList(where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    fail(
      where,
      value,
      typeof value === 'string'
        ? `must be an array of hosts: [${JSON.stringify(value)}]`
        : 'must list at least one host',
    );
  return value as string[];
}

/** A host name with an optional port, or a leading-dot suffix (".example.com" for every subdomain). */
export function hostPattern(where: string, value: unknown): string {
  headerText(where, value);
  const host = (value as string).toLowerCase();
  if (
    !/^\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/.test(
      host,
    )
  ) {
    fail(where, value, 'is not a host name (example.com, .example.com for subdomains, or host:port)');
  }
  return host;
}

/**
 * For a middleware that has no options: anything passed is refused rather than ignored, since a
 * caller who passes `{ enabled: false }` or `'1; mode=block'` believes it changed something.
 */
export function noOptions(where: string, given: unknown, instead: string): void {
  if (given !== undefined) fail(where, given, `takes no options: ${instead}`);
}
