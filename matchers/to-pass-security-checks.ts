import { defaultChecks } from '../src/checks/index.js';
import { failsAt } from '../src/core/fail-on.js';
import { SEVERITIES } from '../src/core/options.js';
import { codesOf } from '../src/core/registry.js';
import type { Severity } from '../src/core/types.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { didYouMean, noMoreArguments, optionFail, optionsObject } from './validate-options.js';

export interface SecurityChecksExpectation {
  /** Codes to leave out. */
  skip?: string[];
  /** The lowest severity that fails. Default 'warning'. ('never' would assert nothing.) */
  failOn?: Severity;
}

function validExpectation(expected: unknown): SecurityChecksExpectation {
  const options = optionsObject(
    'toPassSecurityChecks',
    expected,
    ['skip', 'failOn'],
    "{ skip: ['CSP_NO_REPORTING'], failOn: 'warning' }",
  );
  const { failOn, skip } = options;
  // 'never' is valid for the CLI, which reports; here it would make an assertion that passes on anything.
  if (failOn === 'never')
    optionFail(
      'toPassSecurityChecks: failOn',
      failOn,
      `would pass on anything: use ${SEVERITIES.join(', ')}`,
    );
  if (
    failOn !== undefined &&
    (typeof failOn !== 'string' || !(SEVERITIES as readonly string[]).includes(failOn))
  )
    optionFail(
      'toPassSecurityChecks: failOn',
      failOn,
      `is not a severity (${SEVERITIES.join(', ')})${didYouMean(failOn, SEVERITIES)}`,
    );
  if (skip !== undefined) {
    if (!Array.isArray(skip))
      optionFail(
        'toPassSecurityChecks: skip',
        skip,
        `must be an array of codes${typeof skip === 'string' ? `: [${JSON.stringify(skip)}]` : ''}`,
      );
    const codes = [...codesOf(defaultChecks).keys()];
    for (const code of skip)
      if (typeof code !== 'string' || !codes.includes(code))
        optionFail(
          'toPassSecurityChecks: skip',
          code,
          `is not a code of any check${didYouMean(code, codes)}`,
        );
  }
  return options;
}

/**
 * The whole registry finds nothing at or above `failOn`. On a response in hand the checks that
 * need active probes are skipped; on an app, URL or handler they all run.
 *
 * @example
 * await expect(app).toPassSecurityChecks({ skip: ['CSP_NO_REPORTING'] });
 */
export function toPassSecurityChecks(
  this: MatcherContext,
  received: unknown,
  options?: SecurityChecksExpectation,
  ...extra: unknown[]
) {
  noMoreArguments('toPassSecurityChecks', extra, 'one options object');
  const expected = validExpectation(options);
  const failOn = expected.failOn ?? 'warning';
  return evaluate(this, received, {
    name: 'toPassSecurityChecks',
    expected: Object.keys(expected).length ? JSON.stringify(expected) : '',
    claim: `pass every security check (nothing at or above ${failOn})`,
    checks: defaultChecks,
    options: { skip: expected.skip ?? [] },
    fails: (_code, severity) => failsAt([{ severity }], failOn),
    headers: [],
    // On a response the probe checks cannot run: that is expected, not a failure.
    ignoreSkipped: true,
  });
}
