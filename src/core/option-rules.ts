/**
 * The rules options are checked by, shared by `scan()`, the config file and the checks that take
 * options, so that a value is accepted or refused the same way, with the same message, wherever
 * it is given. Every message starts with where the value is (`timeout`, `paths.0`,
 * `checkOptions.hsts.minMaxAge`) and quotes it.
 */
import { shown } from '../util/shown.js';
import { editDistance } from '../util/edit-distance.js';
import { ConfigError } from './errors.js';

/** Checks a value found at `where` and returns it as the scan uses it; throws a `ConfigError`. */
export type Rule<T = unknown> = (value: unknown, where: string) => T;

export function refuse(where: string, value: unknown, why: string): never {
  throw new ConfigError(`${where}: ${shown(value)} ${why}`);
}

/**
 * The candidate a typo most likely meant: the same up to case, else the nearest within two
 * edits (the CLI's flags use the same distance).
 *
 * @example
 * closest('tiemout', ['timeout', 'paths']) // 'timeout'
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === value.toLowerCase()) return candidate;
    const distance = editDistance(candidate, value);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

export const join = (where: string, key: string | number): string =>
  where ? `${where}.${key}` : String(key);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp);

/** A number from `min` to `max`. */
export const number =
  (min: number, max: number): Rule<number> =>
  (value, where) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      refuse(where, value, `must be a number from ${min} to ${max}`);
    return value;
  };

/** A whole number from `min` to `max` (no upper bound when `max` is omitted). */
export const wholeNumber =
  (min: number, max?: number): Rule<number> =>
  (value, where) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > (max ?? value))
      refuse(where, value, `must be a whole number from ${min}${max === undefined ? '' : ` to ${max}`}`);
    return value;
  };

export const boolean: Rule<boolean> = (value, where) => {
  if (typeof value !== 'boolean') refuse(where, value, 'must be true or false');
  return value;
};

/** One of `allowed`, with the one meant when the value is a near miss. */
export const oneOf =
  <T extends string>(allowed: readonly T[]): Rule<T> =>
  (value, where) => {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      const near = typeof value === 'string' ? closest(value, allowed) : undefined;
      refuse(where, value, `must be one of ${allowed.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`);
    }
    return value as T;
  };

/** A string with at least one character (`what` says what it names, for the message). */
export const text =
  (what: string): Rule<string> =>
  (value, where) => {
    if (typeof value !== 'string' || value === '') refuse(where, value, `must be ${what}`);
    return value;
  };

// Spaces and control characters would split or end the request line the path goes into.
const PATH = /^\/[^\s\p{Cc}]*$/u;

/** A path as the probe requests it. */
export const path: Rule<string> = (value, where) => {
  if (typeof value !== 'string' || !PATH.test(value))
    refuse(where, value, 'must be a path that starts with "/" and has no spaces or control characters');
  return value;
};

/** An array of `item`s, each checked at `where.i`; `nonEmpty` refuses `[]`. */
export const arrayOf =
  <T>(item: Rule<T>, what: string, nonEmpty = false): Rule<T[]> =>
  (value, where) => {
    if (!Array.isArray(value) || (nonEmpty && value.length === 0))
      refuse(where, value, `must be ${nonEmpty ? 'a non-empty array' : 'an array'} of ${what}`);
    return value.map((v, i) => item(v, join(where, i)));
  };

/** A function, e.g. a callback. */
export const callback: Rule<(...args: never[]) => unknown> = (value, where) => {
  if (typeof value !== 'function') refuse(where, value, 'must be a function');
  return value as (...args: never[]) => unknown;
};

/** An object whose values are each checked by `value` at `where.key`. */
export const recordOf =
  <T>(item: Rule<T>, what: string): Rule<Record<string, T>> =>
  (value, where) => {
    if (!isRecord(value)) refuse(where, value, `must be an object of ${what}`);
    const out: Record<string, T> = {};
    for (const [key, v] of Object.entries(value)) out[key] = item(v, join(where, key));
    return out;
  };

/**
 * An object with only the keys of `shape`: an unknown key is refused with the key meant (a typo
 * silently ignored would leave the user believing it took effect). Absent keys are not checked.
 */
export const strictObject =
  (shape: Readonly<Record<string, Rule>>): Rule<Record<string, unknown>> =>
  (value, where) => {
    if (!isRecord(value)) refuse(where || 'options', value, 'must be an object');
    knownKeys(value, Object.keys(shape), where);
    const out: Record<string, unknown> = {};
    for (const [key, rule] of Object.entries(shape))
      if (value[key] !== undefined) out[key] = rule(value[key], join(where, key));
    return out;
  };

/** Refuses a key that is not one of `known`, naming the one it most likely meant. */
export function knownKeys(value: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = closest(key, known);
    throw new ConfigError(`${join(where, key)} is not an option${near ? ` (did you mean ${near}?)` : ''}`);
  }
}
