import { ConfigError } from '../core/errors.js';
import { refuse, wholeNumber, type Rule } from '../core/option-rules.js';
import { CREDENTIALS_REFUSED, hasCredentials, hideCredentials } from './url-credentials.js';

/** Sites scanned at once unless `siteConcurrency` says otherwise. */
export const DEFAULT_SITE_CONCURRENCY = 4;

/** The most sites at once: each already keeps `concurrency` requests in flight. */
export const MAX_SITE_CONCURRENCY = 32;

/**
 * The key a URL is known by for duplicates: what URL() makes of it, without the fragment no
 * request carries, so that `HTTPS://A.example`, `https://a.example/` and `https://a.example/#top`
 * are one site; undefined when it is not an http(s) URL.
 */
export function siteKey(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  url.hash = '';
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** The config's `targets`: a non-empty list of distinct http(s) URLs. */
export const targetsRule: Rule<string[]> = (value, where) => {
  if (!Array.isArray(value) || value.length === 0)
    refuse(where, value, 'must be a non-empty array of http:// or https:// URLs');
  const seen = new Map<string, number>();
  value.forEach((item: unknown, i) => {
    const key = typeof item === 'string' ? siteKey(item) : undefined;
    if (key === undefined)
      refuse(
        `${where}.${i}`,
        typeof item === 'string' ? hideCredentials(item) : item,
        'must be an http:// or https:// URL',
      );
    if (hasCredentials(key)) throw new ConfigError(`${where}.${i}: the URL ${CREDENTIALS_REFUSED}`);
    const first = seen.get(key);
    // A site listed twice would be scanned twice and reported twice.
    if (first !== undefined)
      throw new ConfigError(
        `${where}.${i}: ${JSON.stringify(item)} is ${where}.${first} again; list each site once`,
      );
    seen.set(key, i);
  });
  return value as string[];
};

/** Sites scanned at once, the config's `siteConcurrency` and the CLI's `--site-concurrency`. */
export const siteConcurrencyRule: Rule<number> = wholeNumber(1, MAX_SITE_CONCURRENCY);
