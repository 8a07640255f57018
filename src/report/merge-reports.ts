import { regroupFindings } from '../core/group-findings.js';
import type { CheckState, CheckStatus, Report, Severity, Warning } from '../core/types.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

// A check errored on one site judged nothing there, so the combined run cannot call it passed;
// warned anywhere outranks passed, and skipped stays only when no site ran it.
const STATE_RANK: Record<CheckState, number> = { errored: 0, warned: 1, passed: 2, skipped: 3 };

/** The origin a URL belongs to, or the URL itself when it is not one (a report read from a file). */
function siteOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** The host of a URL (a plain-HTTP probe's finding is on its site), or the text itself. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * Whether a report judged nothing: an Action shard whose slice was empty ("nothing: this shard
 * has no URL-path pair") lists no page, no finding and no check. A report written before reports
 * listed their pages still has its checks.
 */
function judgedNothing(report: Report): boolean {
  return (
    (report.pages ?? []).length === 0 &&
    (report.unscanned ?? []).length === 0 &&
    report.warnings.length === 0 &&
    report.checks.length === 0
  );
}

/**
 * The sites a report covers: the origins of its pages and of the pages it could not read (its
 * target when it lists none, as reports did before `pages`), and none when it judged nothing.
 */
function sitesOf(report: Report): string[] {
  if (judgedNothing(report)) return [];
  const urls = [...(report.pages ?? []).map((p) => p.url), ...(report.unscanned ?? []).map((p) => p.url)];
  return urls.length > 0 ? urls.map(siteOf) : [report.target];
}

/** Each item once, by `key`, the first kept: a page two reports judged is one page. */
function once<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A note of one report among several, prefixed with its site when it does not name it already:
 * "the crawl stopped at 100 pages" alone would not say which site.
 */
function siteNote(note: string, report: Report, count: number): string {
  const sites = [...new Set(sitesOf(report))];
  // A report of several sites (a shard's) has prefixed its notes already, or cannot say whose.
  if (count < 2 || sites.length !== 1 || note.includes(sites[0]!)) return note;
  return `${sites[0]}: ${note}`;
}

/**
 * What a report's reasons are prefixed with among several: its target, since with many sites
 * "errored: timeout" alone would not say where to look. None for a report of several sites (a
 * shard's), which has put each site before its own reasons already: its target ("2 sites") would
 * say nothing.
 */
function reasonPrefix(report: Report, count: number): string {
  if (count < 2 || new Set(sitesOf(report)).size > 1) return '';
  return `${report.target}: `;
}

function mergeChecks(reports: readonly Report[]): CheckStatus[] {
  const byName = new Map<string, { status: CheckState; reasons: string[] }>();
  for (const report of reports) {
    // Read once per report, and only for one with a reason: sitesOf reads every page's URL.
    let prefix: string | undefined;
    for (const check of report.checks) {
      const seen = byName.get(check.name);
      const reason =
        check.reason === undefined
          ? undefined
          : (prefix ??= reasonPrefix(report, reports.length)) + check.reason;
      if (!seen) {
        byName.set(check.name, { status: check.status, reasons: reason === undefined ? [] : [reason] });
        continue;
      }
      if (STATE_RANK[check.status] < STATE_RANK[seen.status]) {
        seen.status = check.status;
        seen.reasons = [];
      }
      if (check.status === seen.status && reason !== undefined && !seen.reasons.includes(reason))
        seen.reasons.push(reason);
    }
  }
  return [...byName].map(([name, { status, reasons }]) =>
    reasons.length > 0 ? { name, status, reason: reasons.join('; ') } : { name, status },
  );
}

/**
 * One report out of several: a scan of many sites, the Action's scans, or the JSON reports of a
 * matrix's shards, as one scan of them all would have written it. Every finding keeps the URL of
 * its site; findings of one site that are one finding as the scan groups them (a site's pages
 * dealt over shards, or scanned by two reports) are regrouped into one holding the union of
 * their pages, and a page, unscanned page or note two reports share is kept once, so counts
 * and "N of M pages" are the merged set's. Accepted findings and the baseline's fixed ones are
 * kept from each the same way; a check's status is its worst on any site (errored on one is
 * errored); the target says how many sites were judged, a report that judged nothing (an
 * Action shard with an empty slice) counting none.
 *
 * @example
 * const report = mergeReports([reportA, reportB]);
 * report.target // '2 sites'
 */
export function mergeReports(
  reports: readonly Report[],
  options: { durationMs?: number; target?: string } = {},
): Report {
  const judged = reports.filter((r) => !judgedNothing(r));
  const sites = new Set(judged.flatMap(sitesOf));
  const targets = [...new Set(judged.map((r) => r.target))];
  const kinds = [...new Set(judged.map((r) => r.targetKind))];
  const bySite = (w: Warning) => hostOf(w.url);
  const warnings: Warning[] = regroupFindings(
    reports.map((r) => r.warnings),
    bySite,
  ).sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  // Accepted findings stay one per page, as a scan lists them: a page is their scope.
  const accepted = regroupFindings(
    reports.map((r) => r.accepted ?? []),
    (w) => w.url,
  );
  const baselines = reports.flatMap((r) => (r.baseline ? [r.baseline] : []));
  const baselineTargets = [...new Set(baselines.map((b) => b.target))];
  return {
    version: 1,
    target:
      options.target ??
      (targets.length === 1 ? targets[0]! : `${sites.size} ${sites.size === 1 ? 'site' : 'sites'}`),
    targetKind: kinds.length === 1 ? kinds[0]! : 'url',
    warnings,
    checks: mergeChecks(reports),
    assumptions: [...new Set(reports.flatMap((r) => r.assumptions))],
    notes: [
      ...new Set(reports.flatMap((r) => (r.notes ?? []).map((note) => siteNote(note, r, reports.length)))),
    ],
    unscanned: once(
      reports.flatMap((r) => r.unscanned ?? []),
      (p) => p.url,
    ),
    // Reports that did not list their pages (written before reports did) merge into one that
    // does not either: an empty list would say they judged nothing.
    ...(reports.length > 0 && reports.every((r) => !r.pages)
      ? {}
      : {
          pages: once(
            reports.flatMap((r) => r.pages ?? []),
            (p) => p.url,
          ),
        }),
    ...(accepted.length > 0 || reports.some((r) => r.accepted) ? { accepted } : {}),
    ...(baselines.length > 0
      ? {
          baseline: {
            target: baselineTargets.length === 1 ? baselineTargets[0]! : `${baselineTargets.length} reports`,
            fixed: regroupFindings(
              baselines.map((b) => b.fixed),
              bySite,
            ),
          },
        }
      : {}),
    // A report that does not say its time (0) makes the total unknown, not smaller; one that
    // judged nothing took none.
    durationMs:
      options.durationMs ??
      (judged.every((r) => r.durationMs > 0) ? judged.reduce((n, r) => n + r.durationMs, 0) : 0),
  };
}
