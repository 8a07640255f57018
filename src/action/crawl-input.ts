import { DEFAULT_CRAWL_PAGES, MAX_CRAWL_PAGES } from '../core/crawl-option.js';
import { ConfigError } from '../core/errors.js';

/**
 * The `crawl` input: `true` for the default number of pages, a number of pages, or `false`
 * (and empty) for none, when the config file's `crawl` applies.
 *
 * @example
 * crawlInput('50'); // 50
 * crawlInput('true'); // true
 */
export function crawlInput(value: string): number | boolean | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^(true|yes)$/i.test(text)) return true;
  if (/^(false|no)$/i.test(text)) return false;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_CRAWL_PAGES)
    throw new ConfigError(
      `input crawl: "${text.slice(0, 100)}" is not true, false or a number of pages from 1 to ${MAX_CRAWL_PAGES} (true means ${DEFAULT_CRAWL_PAGES})`,
    );
  return n;
}
