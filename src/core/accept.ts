import { pathMatcher } from './accept-path.js';
import type { Acceptance, AcceptedWarning, Warning } from './types.js';

/** The findings that still count, those the accept list accepts, and the acceptances that expired. */
export interface AcceptOutcome {
  warnings: Warning[];
  accepted: AcceptedWarning[];
  /** One per acceptance past its `until` date: its findings count again. */
  notes: string[];
}

/** A finding on these pages, the first page its `url` (`pages` only when more than one). */
function onPages(warning: Warning, pages: readonly string[]): Warning {
  const { pages: _all, ...rest } = warning;
  return { ...rest, url: pages[0]!, ...(pages.length > 1 ? { pages: [...pages] } : {}) };
}

/**
 * Splits findings by the config's `accept` list: a finding is accepted on the pages where an
 * acceptance of its code holds (every page, or those whose path its `paths` globs match) and
 * that has not expired; `today` (YYYY-MM-DD) past an acceptance's `until` makes its findings
 * count again, with a note. Pure, so that it runs on each page's findings before they are
 * grouped per site, and so that tests choose the day.
 *
 * @example
 * const { warnings, accepted, notes } = applyAcceptances(report.warnings, [{ code: 'HSTS_MISSING', reason: 'set by the CDN' }], '2026-12-05');
 */
export function applyAcceptances(
  warnings: readonly Warning[],
  acceptances: readonly Acceptance[],
  today: string,
): AcceptOutcome {
  const notes: string[] = [];
  const live = acceptances.flatMap((acceptance, i) => {
    if (acceptance.until !== undefined && acceptance.until < today) {
      notes.push(
        `accept.${i} (${acceptance.code}, ${JSON.stringify(acceptance.reason)}) expired on ${acceptance.until}: its findings count again`,
      );
      return [];
    }
    const matches = acceptance.paths ? pathMatcher(acceptance.paths) : () => true;
    return [{ acceptance, matches }];
  });
  if (live.length === 0) return { warnings: [...warnings], accepted: [], notes };

  const kept: Warning[] = [];
  const accepted: AcceptedWarning[] = [];
  for (const warning of warnings) {
    const candidates = live.filter((l) => l.acceptance.code === warning.code);
    if (candidates.length === 0) {
      kept.push(warning);
      continue;
    }
    // The first acceptance that holds on a page gives its reason there.
    const byAcceptance = new Map<Acceptance, string[]>();
    const counted: string[] = [];
    for (const page of warning.pages ?? [warning.url]) {
      const holding = candidates.find((c) => c.matches(page));
      if (!holding) counted.push(page);
      else byAcceptance.set(holding.acceptance, [...(byAcceptance.get(holding.acceptance) ?? []), page]);
    }
    if (counted.length > 0)
      kept.push(counted.length === (warning.pages?.length ?? 1) ? warning : onPages(warning, counted));
    for (const [acceptance, pages] of byAcceptance)
      accepted.push({
        ...onPages(warning, pages),
        reason: acceptance.reason,
        ...(acceptance.until !== undefined ? { until: acceptance.until } : {}),
      });
  }
  return { warnings: kept, accepted, notes };
}
