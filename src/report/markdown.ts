import type { Report, Severity } from '../core/types.js';
import { acceptedMarkdown } from './accepted-markdown.js';
import { crawledPages } from './crawled-pages-markdown.js';
import { markdownCell } from './escape.js';
import { baselineMarkdown } from './baseline-markdown.js';
import { pagesCell } from './pages-cell.js';

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

export interface MarkdownOptions {
  /** Rows beyond this are counted, not listed. Default: as many as `maxLength` allows. */
  maxRows?: number;
  /**
   * The most characters (UTF-16 code units, which never undercount GitHub's characters) the text
   * may have, measured after escaping. Rows that do not fit are counted in a closing
   * "…and N more" line. Default 1,000,000 (a job summary holds 1 MiB).
   */
  maxLength?: number;
  /** Markdown appended to the "…and N more" line, such as a link to the full report. */
  more?: string;
  /**
   * How `maxLength` is counted: `'utf16'` (default; never undercounts GitHub's characters, so
   * right for comments) or `'utf8'` bytes (for a job summary, whose limit is 1 MiB of bytes).
   */
  unit?: 'utf16' | 'utf8';
}

/**
 * The table the Action puts in job summaries and PR comments, one row per finding (one on many
 * pages says how many, of the pages judged). Everything from the scanned site is escaped: no HTML, no @mentions, no table breakout. The text is built to fit `maxLength`.
 *
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY, formatMarkdown(report));
 */
export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 1_000_000;
  const size =
    options.unit === 'utf8' ? (text: string) => Buffer.byteLength(text) : (text: string) => text.length;
  const lengthOf = (lines: readonly string[]) => lines.reduce((n, line) => n + size(line) + 1, 0);
  const count = (s: Severity) => report.warnings.filter((w) => w.severity === s).length;
  const head = [
    `### checksecure: ${markdownCell(report.target)}`,
    '',
    report.warnings.length === 0
      ? 'No findings. ✅'
      : `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info.`,
  ];
  // What a pull request introduced and fixed comes first: it is what its reviewer acts on.
  head.push(...baselineMarkdown(report, maxLength / 4, size));
  const troubled = report.checks.filter((c) => c.status === 'errored');
  const unscanned = report.unscanned ?? [];
  // Notes (why a page was judged as it was) and errored checks share the room with the rows,
  // a quarter of it each at most; unscanned pages an eighth.
  const notes = fit(
    (report.notes ?? []).map((note) => `> ${markdownCell(note, 300)}`),
    maxLength / 4,
    (n) => `> …and ${n} more ${n === 1 ? 'note' : 'notes'}.`,
    size,
  );
  if (notes.length > 0) head.push('', ...notes);
  head.push(...crawledPages(report, maxLength / 8, size));
  const tail =
    troubled.length === 0
      ? []
      : [
          '',
          '**Checks that errored:**',
          ...fit(
            troubled.map((c) => `- \`${c.name}\`: ${markdownCell(c.reason ?? '')}`),
            maxLength / 4,
            (n) => `- …and ${n} more.`,
            size,
          ),
        ];
  // Pages that could not be read were not judged: said as plainly as a check that errored.
  if (unscanned.length > 0)
    tail.push(
      '',
      '**Pages not scanned:**',
      ...fit(
        unscanned.map((p) => `- GET ${markdownCell(p.url, 120)}: ${markdownCell(p.reason)}`),
        maxLength / 8,
        (n) => `- …and ${n} more.`,
        size,
      ),
    );
  // A skipped check judged nothing: its reason (a login wall, a refused same-origin POST) says
  // what to change for it to judge, as the text report says it.
  const skipped = report.checks.filter((c) => c.status === 'skipped');
  if (skipped.length > 0)
    tail.push(
      '',
      '**Checks skipped:**',
      ...fit(
        skipped.map((c) => `- \`${c.name}\`: ${markdownCell(c.reason ?? '')}`),
        maxLength / 8,
        (n) => `- …and ${n} more.`,
        size,
      ),
    );
  // Accepted findings do not count: collapsed, after all that does.
  tail.push(...acceptedMarkdown(report.accepted ?? [], maxLength / 8, size));
  // Room for the closing line with the largest count it could state.
  const moreLine = (n: number) => `…and ${n} more.${options.more ? ` ${options.more}` : ''}`;
  let used = lengthOf(head) + lengthOf(tail) + size(moreLine(report.warnings.length)) + 2;

  const rows: string[] = [];
  if (report.warnings.length > 0) {
    const header = ['', '| severity | code | URL | finding | fix |', '|---|---|---|---|---|'];
    used += lengthOf(header);
    const maxRows = options.maxRows ?? Infinity;
    const judged = report.pages?.length ?? 0;
    for (const w of report.warnings) {
      if (rows.length >= maxRows) break;
      const row = `| ${ICON[w.severity]} | \`${w.code}\`${w.baseline === 'new' ? ' 🆕' : ''} | ${pagesCell(w, judged)} | ${markdownCell(w.message)} | ${w.fix ? `\`${markdownCell(w.fix.middleware, 80)}\`` : ''} |`;
      const rowSize = size(row) + 1;
      if (used + rowSize > maxLength) break;
      rows.push(row);
      used += rowSize;
    }
    head.push(...header, ...rows);
    if (rows.length < report.warnings.length) head.push('', moreLine(report.warnings.length - rows.length));
  }
  return `${[...head, ...tail].join('\n')}\n`;
}

/** As many of `lines` as fit in `budget` characters, then a line that counts the rest. */
function fit(
  lines: readonly string[],
  budget: number,
  rest: (n: number) => string,
  size: (text: string) => number,
): string[] {
  const kept: string[] = [];
  let used = size(rest(lines.length)) + 1;
  for (const line of lines) {
    if (used + size(line) + 1 > budget) break;
    kept.push(line);
    used += size(line) + 1;
  }
  return kept.length < lines.length ? [...kept, rest(lines.length - kept.length)] : kept;
}
