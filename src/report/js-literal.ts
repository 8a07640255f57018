import type { FixValue } from '../core/types.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// What a single-quoted literal would have to escape: the quote, backslashes, line breaks and the
// other control characters, which JSON's double-quoted form escapes.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPES = /['\\\u0000-\u001f]/;

const quoted = (text: string, double: boolean) =>
  double || NEEDS_ESCAPES.test(text) ? JSON.stringify(text) : `'${text}'`;

function print(value: FixValue, double: boolean): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return quoted(value, double);
  if (Array.isArray(value)) {
    const list = value as readonly FixValue[];
    // CSP keywords carry their quotes ('self'): such a list reads best in double quotes
    // throughout, as helmet's and MDN's examples write directives.
    const inDouble = list.some((item) => typeof item === 'string' && item.includes("'"));
    return `[${list.map((item) => print(item, inDouble)).join(', ')}]`;
  }
  const entries = Object.entries(value as { readonly [key: string]: FixValue });
  if (entries.length === 0) return '{}';
  const fields = entries.map(
    ([key, item]) => `${IDENTIFIER.test(key) ? key : quoted(key, false)}: ${print(item, false)}`,
  );
  return `{ ${fields.join(', ')} }`;
}

/**
 * A JSON value as a JavaScript literal, written as the snippets write code: single quotes, keys
 * bare where they are identifiers, spaces inside braces.
 *
 * @example
 * jsLiteral({ hosts: ['example.com'] }); // "{ hosts: ['example.com'] }"
 * jsLiteral({ scriptSrc: ["'self'", 'https://cdn.example'] }); // `{ scriptSrc: ["'self'", "https://cdn.example"] }`
 */
export function jsLiteral(value: FixValue): string {
  return print(value, false);
}
