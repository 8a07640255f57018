import type { Report } from '../core/types.js';
import { crawlSummary, pageLine } from './crawl-summary.js';
import { markdownCell } from './escape.js';

/**
 * The crawl's pages as a collapsed list for a job summary or comment, within `budget` (as
 * `size` counts): what was judged is there for whoever asks, without pushing the findings
 * down. Nothing without a crawl. Every URL is the site's text, so escaped.
 *
 * @example
 * crawledPages(report, 10_000, (s) => s.length); // ['', '<details><summary>crawled 3 pages: …</summary>', …]
 */
export function crawledPages(report: Report, budget: number, size: (text: string) => number): string[] {
  const summary = crawlSummary(report);
  if (!summary) return [];
  const open = ['', `<details><summary>${markdownCell(summary)}</summary>`, ''];
  const close = ['', '</details>'];
  let used = [...open, ...close].reduce((n, line) => n + size(line) + 1, 0) + 40;
  const items: string[] = [];
  const pages = report.pages ?? [];
  for (const page of pages) {
    const item = `- ${markdownCell(
      pageLine(page, (url) => url),
      400,
    )}`;
    if (used + size(item) + 1 > budget) break;
    items.push(item);
    used += size(item) + 1;
  }
  if (items.length < pages.length) items.push(`- …and ${pages.length - items.length} more.`);
  return [...open, ...items, ...close];
}
