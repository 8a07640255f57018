import type { PageSource, Report, ScannedPage } from '../core/types.js';

const WORDS: Record<PageSource, [string, string]> = {
  start: ['start', 'start'],
  link: ['link', 'links'],
  form: ['form', 'forms'],
  sitemap: ['sitemap', 'sitemap'],
  robots: ['robots.txt sitemap', 'robots.txt sitemap'],
};

/** Whether the report's pages came from a crawl: a page found by anything but the start paths. */
const crawled = (report: Report): boolean => (report.pages ?? []).some((page) => page.via !== 'start');

/**
 * One line on what the crawl judged, by how the pages were found; undefined without a crawl.
 *
 * @example
 * crawlSummary(report); // 'crawled 50 pages: 1 start, 44 links, 5 sitemap'
 */
export function crawlSummary(report: Report): string | undefined {
  if (!crawled(report)) return undefined;
  const pages = report.pages ?? [];
  const counts = new Map<PageSource, number>();
  for (const page of pages) counts.set(page.via, (counts.get(page.via) ?? 0) + 1);
  const parts = (Object.keys(WORDS) as PageSource[])
    .filter((via) => counts.has(via))
    .map((via) => `${counts.get(via)} ${WORDS[via][counts.get(via) === 1 ? 0 : 1]}`);
  return `crawled ${pages.length} ${pages.length === 1 ? 'page' : 'pages'}: ${parts.join(', ')}`;
}

/**
 * A page as a list shows it: its URL (through `show`), how it was found and from where.
 *
 * @example
 * pageLine({ url: 'https://shop.example/a', via: 'link', from: 'https://shop.example/' }, (u) => u);
 * // 'https://shop.example/a (link from https://shop.example/)'
 */
export function pageLine(page: ScannedPage, show: (url: string) => string): string {
  return `${show(page.url)} (${page.via}${page.from === undefined ? '' : ` from ${show(page.from)}`})`;
}
