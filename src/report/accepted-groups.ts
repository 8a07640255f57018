import type { AcceptedWarning } from '../core/types.js';

/** Accepted findings of one code under one acceptance: the pages it holds on, its reason and end. */
export interface AcceptedGroup {
  code: string;
  severity: AcceptedWarning['severity'];
  pages: string[];
  reason: string;
  until?: string;
  /** The accepted findings it stands for. */
  findings: number;
}

/**
 * The accepted findings as people read them: one entry per code and acceptance (reason and
 * end date), with every page it was accepted on, in the order first seen.
 *
 * @example
 * groupAccepted(report.accepted ?? []).map((g) => `${g.code}: ${g.reason}`)
 */
export function groupAccepted(accepted: readonly AcceptedWarning[]): AcceptedGroup[] {
  const groups = new Map<string, AcceptedGroup>();
  for (const w of accepted) {
    const key = JSON.stringify([w.code, w.reason, w.until ?? null]);
    const group = groups.get(key);
    const pages = w.pages ?? [w.url];
    if (group) {
      for (const page of pages) if (!group.pages.includes(page)) group.pages.push(page);
      group.findings += 1;
    } else
      groups.set(key, {
        code: w.code,
        severity: w.severity,
        pages: [...new Set(pages)],
        reason: w.reason,
        ...(w.until !== undefined ? { until: w.until } : {}),
        findings: 1,
      });
  }
  return [...groups.values()];
}
