import type { Report, ScannedPage, Warning } from '../core/types.js';

/** What a comparison reads of an earlier report: see readBaseline() for how it is checked. */
export interface BaselineReport {
  version: 1;
  target: string;
  warnings: Warning[];
  pages?: ScannedPage[];
}

/** The host of a URL (scheme dropped: a plain-HTTP probe's finding is on the same site), or ''. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The path and query of a URL: what stays the same when a preview moves to another origin. */
function placeOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/**
 * Whether a report covers several sites: its start pages (or, in a report without pages, its
 * findings) are on more than one host. Only then does the host tell findings apart; a single
 * site's host is dropped, since the base branch's preview usually lives at another URL.
 */
function spansSites(report: Pick<BaselineReport, 'warnings' | 'pages'>): boolean {
  const start = (report.pages ?? []).filter((page) => page.via === 'start').map((page) => page.url);
  const urls = start.length > 0 ? start : report.warnings.map((w) => w.url);
  return new Set(urls.map(hostOf)).size > 1;
}

/** The pages a finding holds on: a grouped finding lists them, a single-page one has its url. */
const pagesOf = (w: Warning) => (w.pages && w.pages.length > 0 ? w.pages : [w.url]);

/**
 * The identity of a finding on one page. The message is left out: the same code on the same
 * page is the same finding even when a detail changed (max-age 300 → 600), so a pull request
 * that tunes a value without fixing it is not told it introduced a problem.
 */
function keyOf(w: Warning, page: string, bySite: boolean): string {
  return JSON.stringify([w.check, w.code, bySite ? hostOf(page) : '', placeOf(page)]);
}

/**
 * The pages a report judged, by comparison key, or undefined for a report without `pages` (one
 * written before reports listed them), which is then taken to have judged every page. An empty
 * list is a run that judged none (a shard with nothing to scan, every site down): taken for
 * every page, it would call each finding of the other report fixed.
 */
function judgedBy(report: Pick<BaselineReport, 'pages'>, bySite: boolean): Set<string> | undefined {
  if (!report.pages) return undefined;
  const key = (url: string) => JSON.stringify([bySite ? hostOf(url) : '', placeOf(url)]);
  // A start path that redirected was judged too: its probes' findings are named by it.
  return new Set(
    report.pages.flatMap((page) => (page.requested ? [key(page.url), key(page.requested)] : [key(page.url)])),
  );
}

const judges = (judged: Set<string> | undefined, page: string, bySite: boolean) =>
  !judged || judged.has(JSON.stringify([bySite ? hostOf(page) : '', placeOf(page)]));

/**
 * The report compared with an earlier one (`--format json` output), on the pages both judged: a
 * crawl's page set differs from run to run, and a finding on a page only one run reached says
 * nothing about the change. Each finding is marked `new` when it holds on a page both judged
 * where the earlier report did not have it, `not-compared` when none of its pages was judged by
 * the earlier report (it never fails the run), else `unchanged`; `baseline.fixed` lists what the
 * earlier report had that is gone from a page this run judged (a grouped finding gone from some
 * of its pages is listed with those pages; one the config accepts now is not gone: it is in
 * `accepted`, neither fixed nor new). `--fail-on` then counts new findings only.
 *
 * @example
 * const compared = compareWithBaseline(await scan(app), await readBaseline('base.json', '--baseline'));
 * compared.warnings.filter((w) => w.baseline === 'new');
 */
export function compareWithBaseline(report: Report, earlier: BaselineReport): Report {
  const bySite = spansSites(report) || spansSites(earlier);
  const judgedBefore = judgedBy(earlier, bySite);
  const judgedNow = judgedBy(report, bySite);
  const before = new Set(earlier.warnings.flatMap((w) => pagesOf(w).map((page) => keyOf(w, page, bySite))));
  // A finding the config accepts now is still there, only not counted: accepting it fixes nothing.
  const present = [...report.warnings, ...(report.accepted ?? [])];
  const now = new Set(present.flatMap((w) => pagesOf(w).map((page) => keyOf(w, page, bySite))));
  const warnings = report.warnings.map((w): Warning => {
    const compared = pagesOf(w).filter((page) => judges(judgedBefore, page, bySite));
    const baseline =
      compared.length === 0
        ? 'not-compared'
        : compared.every((page) => before.has(keyOf(w, page, bySite)))
          ? 'unchanged'
          : 'new';
    return { ...w, baseline };
  });
  const fixed: Warning[] = [];
  for (const w of earlier.warnings) {
    const gone = pagesOf(w).filter(
      (page) => judges(judgedNow, page, bySite) && !now.has(keyOf(w, page, bySite)),
    );
    if (gone.length === 0) continue;
    // An earlier report's own marks say nothing about this comparison.
    const { baseline: _mark, pages: _pages, ...rest } = w;
    fixed.push({ ...rest, url: gone[0]!, ...(gone.length > 1 ? { pages: gone } : {}) });
  }
  return { ...report, warnings, baseline: { target: earlier.target, fixed } };
}
