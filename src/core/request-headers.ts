import { ConfigError } from '../core/errors.js';

// RFC 9110's token: what a header name may be. A name outside it is often a secret pasted where
// the name goes ("Bearer abc: x"), so such a name is never shown either.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// A field value: visible characters, spaces and tabs. CR, LF or NUL would inject headers; the
// transports refuse other control characters, some with the value in their error.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const NOT_SHOWN = 'it is not shown, as it may hold a secret';

/** How a header is named in a message: by its position, or by its name once that is a token. */
export interface HeaderLabels {
  /** E.g. `headers #2`, `--header #2`, `input headers: line 2`. */
  position: string;
  /** E.g. `headers.Cookie`, `--header Cookie`. */
  named: (name: string) => string;
}

/**
 * Checks one configured request header without ever quoting its value, nor its name unless the
 * name is a valid token: a header usually carries a credential, and a log masks a secret only
 * where it appears whole and unescaped.
 *
 * @example
 * checkHeader('Cookie', 'sid=1', { position: 'headers #1', named: (n) => `headers.${n}` });
 */
export function checkHeader(name: string, value: unknown, labels: HeaderLabels): void {
  if (!TOKEN.test(name))
    throw new ConfigError(
      `${labels.position}: the name is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~; ${NOT_SHOWN})`,
    );
  if (typeof value !== 'string' || !FIELD_VALUE.test(value))
    throw new ConfigError(
      `${labels.named(name)}: the value must be a string without CR, LF, NUL or other control characters (${NOT_SHOWN})`,
    );
}

/**
 * The `headers` option: an object of names and values, checked by `checkHeader` and returned
 * with lower-case names (the probe's own headers are lower-case, so the user's replace them).
 */
export function headersOption(value: unknown, where: string): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(
      `${where}: must be an object of header names and values, e.g. { Cookie: 'sid=…' } (what was given is not shown, as it may hold a secret)`,
    );
  const headers: Record<string, string> = {};
  Object.entries(value).forEach(([name, v], i) => {
    checkHeader(name, v, { position: `${where} #${i + 1}`, named: (n) => `${where}.${n}` });
    headers[name.toLowerCase()] = v as string;
  });
  return headers;
}
