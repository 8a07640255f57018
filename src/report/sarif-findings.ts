import type { Warning } from '../core/types.js';

/** A finding on one page, as a SARIF result states it. */
export interface PageFinding<W extends Warning = Warning> {
  /** The warning (an accepted one with its reason), with `url` the page and no `pages`. */
  warning: W;
  /** What was seen: only the first page's is known, so only its result says it. */
  evidence?: string;
}

/**
 * A grouped finding back as one finding per page: code scanning keys an alert on its result's
 * fingerprint, which holds the page, so one result per distinct location keeps every alert
 * the identity it had before findings were grouped (none closed, none opened by the change).
 *
 * @example
 * sarifFindings([{ ...hsts, pages: [root, about] }]).length; // 2
 */
export function sarifFindings<W extends Warning>(warnings: readonly W[]): PageFinding<W>[] {
  return warnings.flatMap(({ pages, ...warning }) =>
    (pages ?? [warning.url]).map((url) => ({
      warning: { ...warning, url } as W,
      ...(url === warning.url && warning.evidence !== undefined ? { evidence: warning.evidence } : {}),
    })),
  );
}
