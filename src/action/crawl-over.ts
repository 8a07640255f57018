import type { ScanOptions } from '../core/types.js';

/**
 * The scan's `crawl` from the `crawl` input over the config file's: a number replaces the
 * config's number of pages and keeps its globs; `true` keeps the config's crawl when it has one;
 * `false` turns it off.
 *
 * @example
 * crawlOver({ pages: 20, exclude: ['/admin/**'] }, 50); // { pages: 50, exclude: ['/admin/**'] }
 */
export function crawlOver(
  config: ScanOptions['crawl'],
  input: number | boolean | undefined,
): ScanOptions['crawl'] {
  if (input === undefined) return config;
  if (input === false) return false;
  const base = typeof config === 'object' ? config : undefined;
  if (input === true) return base ?? (typeof config === 'number' ? config : true);
  return { ...base, pages: input };
}
