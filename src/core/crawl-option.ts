import { arrayOf, refuse, strictObject, wholeNumber, type Rule } from './option-rules.js';
import type { CrawlOptions, ResolvedOptions } from './types.js';

/** Pages a crawl judges when no number is given: a site's main pages, in seconds. */
export const DEFAULT_CRAWL_PAGES = 100;
/** More would hold every page's body in memory at once for one report. */
export const MAX_CRAWL_PAGES = 10_000;

const pages = wholeNumber(1, MAX_CRAWL_PAGES);

/**
 * A picomatch glob on the URL path: it must name a path, as the pages it selects have one.
 * Exported so the CLI checks `--crawl-include`/`--crawl-exclude` under the flag's own name.
 *
 * @example
 * crawlGlob('/blog/**', '--crawl-include'); // '/blog/**'
 */
export const crawlGlob: Rule<string> = (value, where) => {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\s\p{Cc}]/u.test(value))
    refuse(where, value, 'must be a glob on the URL path that starts with "/" (e.g. "/blog/**")');
  return value;
};

const shape = strictObject({
  pages,
  include: arrayOf(crawlGlob, 'globs on the URL path'),
  exclude: arrayOf(crawlGlob, 'globs on the URL path'),
});

/**
 * The `crawl` option: `true` (up to 100 pages), a number of pages, or `CrawlOptions`.
 * `false` is accepted and means no crawl, so a config can turn it off explicitly.
 */
export const crawlOption: Rule<boolean | number | CrawlOptions> = (value, where) => {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return pages(value, where);
  if (value && typeof value === 'object' && !Array.isArray(value)) return shape(value, where);
  return refuse(
    where,
    value,
    `must be true, a number of pages from 1 to ${MAX_CRAWL_PAGES}, or { pages, include, exclude }`,
  );
};

/** The checked `crawl` option as the probe uses it. */
export function resolveCrawl(value: boolean | number | CrawlOptions | undefined): ResolvedOptions['crawl'] {
  if (value === undefined || value === false) return undefined;
  if (value === true) return { pages: DEFAULT_CRAWL_PAGES, include: [], exclude: [] };
  if (typeof value === 'number') return { pages: value, include: [], exclude: [] };
  return {
    pages: value.pages ?? DEFAULT_CRAWL_PAGES,
    include: value.include ?? [],
    exclude: value.exclude ?? [],
  };
}
