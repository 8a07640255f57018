import { ConfigError } from '../core/errors.js';
import { knownKeys } from '../core/option-rules.js';
import { checkHeader } from '../core/request-headers.js';
import type { ResolvedCsrfToken } from '../core/types.js';

// Headers the probe sets for both POSTs: the cookies go with both (a browser sends them), and
// Origin and Sec-Fetch-* are what the two differ in.
const PROBE_HEADERS = new Set([
  'cookie',
  'origin',
  'host',
  'sec-fetch-site',
  'sec-fetch-mode',
  'sec-fetch-dest',
  'content-type',
  'content-length',
  'transfer-encoding',
]);

function fail(option: string, why: string): never {
  throw new ConfigError(`${option}: ${why}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * Validates a token, from the options or from the function that fetched it. Values are never
 * shown in a message: they are secrets.
 *
 * @example
 * resolveCsrfToken({ headers: { 'X-CSRF-Token': 't' } }, 'csrf.sameOrigin') // { headers: { 'x-csrf-token': 't' }, form: [] }
 */
export function resolveCsrfToken(value: unknown, option: string): ResolvedCsrfToken {
  if (!isRecord(value)) fail(option, 'must be { headers?, form? } or a function that returns them');
  knownKeys(value, ['headers', 'form'], option);
  const headers: Record<string, string> = {};
  const form: [string, string][] = [];
  for (const [key, target] of [
    ['headers', 'header'],
    ['form', 'field'],
  ] as const) {
    const entries = value[key];
    if (entries === undefined) continue;
    if (!isRecord(entries)) fail(`${option}.${key}`, `must be an object of ${target} names to strings`);
    Object.entries(entries).forEach(([name, text], i) => {
      if (key === 'form') {
        if (typeof text !== 'string') fail(`${option}.form.${name}`, 'must be a string');
        form.push([name, text]);
        return;
      }
      // The rule every configured header is checked by: a token name, a value without controls,
      // neither ever shown.
      checkHeader(name, text, {
        position: `${option}.headers #${i + 1}`,
        named: (n) => `${option}.headers.${n}`,
      });
      if (PROBE_HEADERS.has(name.toLowerCase())) {
        fail(
          `${option}.headers.${name}`,
          name.toLowerCase() === 'cookie'
            ? 'cookies go with both POSTs, as a browser sends them: set them in headers, or let the token function GET the page that sets them'
            : 'the probe sets this header itself',
        );
      }
      headers[name.toLowerCase()] = text as string;
    });
  }
  return { headers, form };
}
