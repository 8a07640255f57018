import type { Warning } from '../core/types.js';
import { markdownCell } from './escape.js';

/**
 * The URL cell of a finding's row: its page, or for a finding on several pages the first and
 * the count, so that a row stays one line however many pages the crawl judged.
 *
 * @example
 * pagesCell({ ...hsts, pages: [a, b, c] }, 50); // "http://x/ and 2 more (3 of 50 pages)"
 */
export function pagesCell(w: Warning, judged: number): string {
  const pages = w.pages ?? [];
  const url = markdownCell(w.url, 120);
  if (pages.length <= 1) return url;
  return `${url} and ${pages.length - 1} more (${pages.length}${judged >= pages.length ? ` of ${judged}` : ''} pages)`;
}
