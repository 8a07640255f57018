import { optionFail, optionsObject } from '../matchers/validate-options.js';
import type { CspViolationFilter, CspViolationsExpectation } from './types.js';

const MATCHER = 'toHaveNoCspViolations';
const DISPOSITIONS = ['enforce', 'report', 'any'] as const;

/**
 * The matcher's options, checked: a typo must fail the test, never widen what passes (an
 * `ignroe` that were skipped would be harmless, a `disposition: 'enforced'` read as 'any'
 * would not). Throws, so the test fails with `.not` in front as well.
 *
 * @example
 * expectationOptions({ ignore: [/googletagmanager/], disposition: 'enforce' });
 */
export function expectationOptions(value: unknown): Required<CspViolationsExpectation> {
  const options = optionsObject(
    MATCHER,
    value,
    ['ignore', 'disposition'],
    "{ ignore: ['inline'], disposition: 'enforce' }",
  );
  const { ignore = [], disposition = 'any' } = options;
  if (!Array.isArray(ignore))
    optionFail(`${MATCHER}: ignore`, ignore, 'must be an array of strings, RegExps or functions');
  for (const filter of ignore as unknown[]) {
    if (
      typeof filter === 'string' ? filter === '' : !(filter instanceof RegExp) && typeof filter !== 'function'
    )
      optionFail(
        `${MATCHER}: ignore`,
        filter,
        'must be a non-empty string, a RegExp or a function (violation) => boolean',
      );
  }
  if (!DISPOSITIONS.includes(disposition as never))
    optionFail(
      `${MATCHER}: disposition`,
      disposition,
      `must be one of ${DISPOSITIONS.map((d) => `'${d}'`).join(', ')}`,
    );
  return {
    ignore: ignore as CspViolationFilter[],
    disposition: disposition as Required<CspViolationsExpectation>['disposition'],
  };
}
