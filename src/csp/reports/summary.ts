/** Distinct values counted per table: past it new values are not counted, and the summary says so. */
const MAX_KEYS = 10_000;

/** What `checksecure reports FILE` counts. */
export interface ReportSummary {
  total: number;
  /** Lines that were not a JSON report (a torn last line, garbage). */
  skipped: number;
  byDirective: [string, number][];
  byBlocked: [string, number][];
  byPage: [string, number][];
  /** Present when a table met more distinct values than it keeps: its counts cover the first 10,000. */
  capped?: true;
}

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

/**
 * Counts CSP reports by directive, blocked URI and page one line at a time, in memory bounded by
 * the number of distinct values kept (10,000 per table), not by the number of reports.
 *
 * @example
 * const summary = new ReportSummariser();
 * summary.line('{"effectiveDirective":"img-src"}');
 * summary.result(10).byDirective; // [['img-src', 1]]
 */
export class ReportSummariser {
  readonly #directive = new Map<string, number>();
  readonly #blocked = new Map<string, number>();
  readonly #page = new Map<string, number>();
  #total = 0;
  #skipped = 0;
  #capped = false;

  #bump(map: Map<string, number>, key: unknown): void {
    const k = typeof key === 'string' && key !== '' ? key.slice(0, 300) : '(unknown)';
    const n = map.get(k);
    if (n !== undefined) map.set(k, n + 1);
    else if (map.size < MAX_KEYS) map.set(k, 1);
    else this.#capped = true;
  }

  /** Counts one line of the file; a line that is not a JSON object is counted as skipped. */
  line(text: string): void {
    if (text.trim() === '') return;
    let report: unknown;
    try {
      report = JSON.parse(text);
    } catch {
      this.#skipped++;
      return;
    }
    if (!report || typeof report !== 'object' || Array.isArray(report)) {
      this.#skipped++;
      return;
    }
    const r = report as Record<string, unknown>;
    this.#total++;
    this.#bump(this.#directive, r.effectiveDirective);
    this.#bump(this.#blocked, r.blockedUrl);
    let pageUrl = r.documentUrl;
    // Query strings make every page unique; the path is what a fix targets.
    if (typeof pageUrl === 'string') pageUrl = pageUrl.split(/[?#]/)[0];
    this.#bump(this.#page, pageUrl);
  }

  /** Lines skipped without being read (longer than any report). */
  skip(count: number): void {
    this.#skipped += count;
  }

  result(n: number): ReportSummary {
    return {
      total: this.#total,
      skipped: this.#skipped,
      byDirective: top(this.#directive, n),
      byBlocked: top(this.#blocked, n),
      byPage: top(this.#page, n),
      ...(this.#capped ? { capped: true as const } : {}),
    };
  }
}
