import { isValidSource } from '../headers/csp.js';
import { urlMatches } from '../headers/csp-match.js';

/** What sourcesFor found: the sources to add, and the URLs no source expression can name narrowly. */
export interface AllowSources {
  /** Sorted, without duplicates: `'self'`, schemes such as `data:`, then `scheme://host[:port][/path]`. */
  sources: string[];
  /** URLs a policy could allow only by a whole scheme (an IPv6 literal, a URL without a host): listed, never widened. */
  unnamed: string[];
}

/** Schemes whose URLs have no host: only the scheme itself can allow them. */
const HOSTLESS = new Set(['data', 'blob', 'mediastream', 'filesystem']);

/**
 * CSP's path-part may not hold ";" or "," (they end a directive or a policy), and a quote would
 * let a reported URL write a source that reads as a keyword ('unsafe-inline'): all are written
 * escaped, which matching decodes, so the source still allows the URL.
 */
const pathPart = (path: string) => path.replace(/;/g, '%3B').replace(/,/g, '%2C').replace(/'/g, '%27');

/** CSP's host grammar: labels of letters, digits and "-"; a "*" a URL parser lets through would be a wildcard. */
const NAMEABLE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?$/i;

function commonDirectory(paths: readonly string[]): string {
  let prefix = paths[0] ?? '/';
  for (const path of paths) {
    let i = 0;
    while (i < prefix.length && i < path.length && prefix[i] === path[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix.slice(0, prefix.lastIndexOf('/') + 1) || '/';
}

/**
 * The narrowest CSP sources that allow every one of `urls` from a page at `self`: `'self'` for
 * the page's own origin, the scheme for host-less URLs (`data:`, `blob:`), and otherwise one
 * source per origin, written with its scheme (so an `http:` page's policy does not silently
 * allow plain http on https) and with a path when every URL of that origin has the same one (a
 * file), or a common directory (`/static/`). A whole scheme such as `https:` is never proposed
 * for a host: what cannot be named is returned in `unnamed`.
 *
 * @example
 * sourcesFor(['https://cdn.example.com/lib/a.js', 'https://cdn.example.com/lib/b.js'], new URL('https://shop.example/'))
 * // { sources: ['https://cdn.example.com/lib/'], unnamed: [] }
 */
export function sourcesFor(urls: Iterable<string>, self: URL): AllowSources {
  const sources = new Set<string>();
  const unnamed = new Set<string>();
  const byOrigin = new Map<string, string[]>();
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text, self);
    } catch {
      unnamed.add(text);
      continue;
    }
    const scheme = url.protocol.slice(0, -1).toLowerCase();
    if (HOSTLESS.has(scheme)) {
      sources.add(`${scheme}:`);
      continue;
    }
    if (urlMatches(["'self'"], url, self)) {
      sources.add("'self'");
      continue;
    }
    // CSP's host grammar has letters, digits, "-" and ".": an IPv6 literal cannot be written, and
    // a reported host with "*" (anyone can send a report) must not become a wildcard.
    if (!NAMEABLE_HOST.test(url.hostname)) {
      unnamed.add(url.href);
      continue;
    }
    const origin = `${scheme}://${url.host}`;
    const paths = byOrigin.get(origin);
    if (paths) paths.push(url.pathname);
    else byOrigin.set(origin, [url.pathname]);
  }
  for (const [origin, paths] of byOrigin) {
    const same = paths.every((path) => path === paths[0]);
    const path = same ? (paths[0] ?? '/') : commonDirectory(paths);
    const source = path === '/' ? origin : `${origin}${pathPart(path)}`;
    // A URL whose path the grammar refuses (control characters survive URL parsing as escapes,
    // but be sure) falls back to its origin, which is still narrower than a scheme.
    sources.add(isValidSource(source) ? source : origin);
  }
  const order = (s: string) => (s === "'self'" ? 0 : s.endsWith(':') ? 1 : 2);
  return {
    sources: [...sources].sort((a, b) => order(a) - order(b) || a.localeCompare(b)),
    unnamed: [...unnamed].sort(),
  };
}
