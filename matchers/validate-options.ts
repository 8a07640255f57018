/**
 * Matcher option validation. A matcher that ignored a typo would turn the assertion into one
 * that always passes (or, under `.not`, always fails the other way), so every bad option throws:
 * a thrown error fails the test whether or not `.not` is in front, and in asymmetric use too.
 * Messages start with the matcher and option name, quote the value and suggest the likely one.
 */
import { nearest } from '../src/util/edit-distance.js';
import { shown } from '../src/util/shown.js';

export class MatcherOptionError extends TypeError {
  override name = 'MatcherOptionError';
}

/** Throws `matcher: option: "value" why`. */
export function optionFail(where: string, value: unknown, why: string): never {
  throw new MatcherOptionError(`${where}: ${shown(value)} ${why}`);
}

/** ` (did you mean "x"?)` when a candidate is close to `value`, else the empty string. */
export function didYouMean(value: unknown, candidates: Iterable<string>): string {
  const near = nearest(value, candidates);
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}

/**
 * An options object with only the keys a matcher knows; `undefined` is `{}`.
 *
 * @example
 * optionsObject('toHaveHsts', { maxage: 1 }, ['maxAge'], '{ maxAge: 31536000 }')
 * // throws: toHaveHsts: "maxage" is not an option (did you mean "maxAge"?)
 */
export function optionsObject(
  matcher: string,
  value: unknown,
  known: readonly string[],
  example: string,
): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    optionFail(matcher, value, `must be an options object, e.g. ${example}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      optionFail(
        matcher,
        key,
        `is not an option${nearest(key, known) === undefined ? ` (known: ${known.join(', ')})` : didYouMean(key, known)}`,
      );
  }
  return value as Record<string, unknown>;
}

/** A boolean option; `undefined` stays undefined. */
export function booleanOption(where: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') optionFail(where, value, 'must be true or false');
  return value;
}

/**
 * Refuses arguments beyond those a matcher takes: `toPreventCaching({ paths: ['/account'] })`
 * would otherwise assert less than its writer believes.
 */
export function noMoreArguments(matcher: string, extra: readonly unknown[], takes: string): void {
  if (extra.length > 0)
    optionFail(matcher, extra.length === 1 ? extra[0] : extra, `is an argument too many: it takes ${takes}`);
}
