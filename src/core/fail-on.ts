import type { Severity, Warning } from './types.js';

/** The lowest severity that fails a run, or `never`. */
export type FailOn = Severity | 'never';

export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * True when any warning is at or above the threshold. A finding a baseline already had
 * (`baseline: 'unchanged'`), or one on pages it did not judge (`'not-compared'`), does not count:
 * with a baseline, a run fails on what it introduced.
 *
 * @example
 * failsAt([{ severity: 'info' } as Warning], 'warning') // false
 */
export function failsAt(
  warnings: readonly Pick<Warning, 'severity' | 'baseline'>[],
  failOn: FailOn,
): boolean {
  if (failOn === 'never') return false;
  return warnings.some(
    (w) => (w.baseline === undefined || w.baseline === 'new') && RANK[w.severity] >= RANK[failOn],
  );
}

/**
 * True when a run fails: a warning at or above the threshold (a new one, with a baseline), or
 * (unless `never`) a check that errored or a page that could not be read, since what was not
 * judged is not a pass, baseline or not.
 *
 * @example
 * runFails({ warnings: [], checks: [{ name: 'csrf', status: 'errored' }] }, 'warning') // true
 */
export function runFails(
  report: {
    warnings: readonly Pick<Warning, 'severity' | 'baseline'>[];
    checks: readonly { status: string }[];
    unscanned?: readonly unknown[];
  },
  failOn: FailOn,
): boolean {
  if (failOn === 'never') return false;
  return (
    failsAt(report.warnings, failOn) ||
    report.checks.some((c) => c.status === 'errored') ||
    (report.unscanned?.length ?? 0) > 0
  );
}
