import type { Report } from '../core/types.js';

/**
 * One report for the step out of one per scanned target: the findings, checks, assumptions,
 * notes, unscanned pages and accepted findings of each, in order.
 *
 * @example
 * const report = mergeReports(['https://a.example', 'https://b.example'], [reportA, reportB]);
 */
export function mergeReports(labels: readonly string[], reports: readonly Report[]): Report {
  return {
    version: 1,
    target: labels.join(', '),
    targetKind: reports[0]?.targetKind ?? 'url',
    warnings: reports.flatMap((r) => r.warnings),
    checks: reports.flatMap((r) => r.checks),
    assumptions: [...new Set(reports.flatMap((r) => r.assumptions))],
    notes: reports.flatMap((r) => r.notes ?? []),
    unscanned: reports.flatMap((r) => r.unscanned ?? []),
    ...(reports.some((r) => r.accepted) ? { accepted: reports.flatMap((r) => r.accepted ?? []) } : {}),
    pages: reports.flatMap((r) => r.pages ?? []),
    durationMs: reports.reduce((n, r) => n + r.durationMs, 0),
  };
}
