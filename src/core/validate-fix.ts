import { SECURE_PARTS } from '../../middleware/secure-parts.js';
import { nearest } from '../util/edit-distance.js';
import { shown } from '../util/shown.js';
import { ConfigError } from './errors.js';
import type { FixSpec } from './types.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PARTS: ReadonlySet<string> = new Set(Object.keys(SECURE_PARTS));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value &&
  typeof value === 'object' &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/** Where a value is not JSON (a function, NaN, a Date, a cycle), or undefined when it is. */
function notJson(value: unknown, where: string, seen: Set<object>): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is ${shown(value)}`;
  if (typeof value !== 'object') return `${where} is ${shown(value)}`;
  if (seen.has(value)) return `${where} refers back to itself`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) {
        const found = notJson(item, `${where}[${i}]`, seen);
        if (found) return found;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return `${where} is ${shown(value)}, not a plain object`;
    for (const [key, item] of Object.entries(value)) {
      // Written into a snippet as an object literal, this key would set the prototype instead.
      if (key === '__proto__') return `${where} has a __proto__ key`;
      const found = notJson(item, `${where}.${key}`, seen);
      if (found) return found;
    }
    return undefined;
  } finally {
    seen.delete(value);
  }
}

function optionalString(value: Record<string, unknown>, key: string, where: string): void {
  if (value[key] !== undefined && typeof value[key] !== 'string')
    throw new ConfigError(`${where}.${key} must be a string, not ${shown(value[key])}`);
}

/**
 * Checks a fix a check declares or yields, and throws a `ConfigError` whose message starts with
 * `where` unless it is `{ part, options? }` with a part of secure() and JSON options, or
 * `{ middleware, snippet, imports? }`.
 *
 * @example
 * validateFix({ part: 'hstss' }, 'check hsts: messages.HSTS_MISSING.fix');
 * // ConfigError: check hsts: messages.HSTS_MISSING.fix.part "hstss" is not a part of secure() (did you mean hsts?)
 */
export function validateFix(value: unknown, where: string): asserts value is FixSpec {
  if (!isPlainObject(value))
    throw new ConfigError(
      `${where} must be { part, options } or { middleware, snippet }, not ${shown(value)}`,
    );
  if ('part' in value) {
    if (typeof value.part !== 'string' || !PARTS.has(value.part)) {
      const near = nearest(value.part, PARTS);
      throw new ConfigError(
        `${where}.part ${shown(value.part)} is not a part of secure() (${near ? `did you mean ${near}?` : `one of ${[...PARTS].join(', ')}`})`,
      );
    }
    if (value.options !== undefined) {
      const wrong = notJson(value.options, `${where}.options`, new Set());
      if (wrong) throw new ConfigError(`${wrong}: fix options must be JSON`);
    }
    optionalString(value, 'comment', where);
    optionalString(value, 'label', where);
    return;
  }
  for (const key of ['middleware', 'snippet'])
    if (typeof value[key] !== 'string')
      throw new ConfigError(`${where}.${key} must be a string, not ${shown(value[key])}`);
  if (value.imports === undefined) return;
  if (!Array.isArray(value.imports))
    throw new ConfigError(`${where}.imports must be a list of { from, default?, names? }`);
  for (const [i, what] of (value.imports as unknown[]).entries()) {
    const at = `${where}.imports[${i}]`;
    if (!isPlainObject(what) || typeof what.from !== 'string')
      throw new ConfigError(`${at} must be { from, default?, names? }, not ${shown(what)}`);
    const bound = [what.default, ...(Array.isArray(what.names) ? (what.names as unknown[]) : [])];
    if (
      (what.names !== undefined && !Array.isArray(what.names)) ||
      bound.some((name) => name !== undefined && (typeof name !== 'string' || !IDENTIFIER.test(name)))
    )
      throw new ConfigError(`${at}: default and names must be identifiers`);
  }
}
