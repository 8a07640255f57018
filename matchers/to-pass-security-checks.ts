import { defaultChecks } from '../src/checks/index.js';
import { failsAt, type FailOn } from '../src/fail-on.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';

export interface SecurityChecksExpectation {
  /** Codes to leave out. */
  skip?: string[];
  /** The lowest severity that fails. Default 'warning'. */
  failOn?: FailOn;
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
  expected: SecurityChecksExpectation = {},
) {
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
