/** Characters RFC 3986 calls unreserved: their percent-encoded form means the same URL. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** `%7e` and `%7E` are one octet, and `%41` is `A`: one spelling for each (RFC 3986, 6.2.2). */
function normalEscapes(part: string): string {
  return part.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** A crawled URL as the probe requests it, and the key it is visited once by. */
export interface CanonicalUrl {
  /** Path and query, as requested on the target (the query in its own order: an app may care). */
  path: string;
  /** The path and the query with its parameters sorted: `?b=2&a=1` and `?a=1&b=2` are one page. */
  key: string;
}

/**
 * The request path and visit key of a URL: the fragment dropped (it never reaches the server),
 * percent-encoding in one case, unreserved characters unescaped. The URL parser has already
 * removed dot segments and the default port, and lower-cased the host.
 *
 * @example
 * canonicalUrl(new URL('http://a.test:80/x/../%7euser?b=2&a=1#top'));
 * // { path: '/~user?b=2&a=1', key: '/~user?a=1&b=2' }
 */
export function canonicalUrl(url: URL): CanonicalUrl {
  const pathname = normalEscapes(url.pathname);
  const search = url.search === '?' ? '' : normalEscapes(url.search);
  if (search === '') return { path: pathname, key: pathname };
  const pairs = search.slice(1).split('&');
  // Sorted as written, not decoded: a decoded "&" would merge two parameters into one.
  const sorted = [...pairs].sort();
  return { path: pathname + search, key: `${pathname}?${sorted.join('&')}` };
}

/**
 * A plain absolute path (`/shop/item-42`): characters the URL parser keeps as written, no dot
 * segment, escape or query. Most links of a site are one.
 */
const PLAIN_PATH = /^\/(?![/\\])[\w\-.~!$&'()*+,;=:@/]*$/;

/**
 * The canonical path of a link that is a plain absolute path, found without parsing a URL (the
 * crawl meets thousands of links per site), or undefined for any other link, which
 * `canonicalUrl(new URL(href, base))` reads instead; for a plain path the two agree (test:
 * test/probe/canonical-url.test.ts), as both `path` and `key`.
 *
 * @example
 * plainPath('/shop/item-42'); // '/shop/item-42'
 * plainPath('/faq#returns'); // '/faq'
 * plainPath('/shop/../admin'); // undefined
 */
export function plainPath(href: string): string | undefined {
  // A fragment never reaches the server, and an empty query is no query: `/faq#top`, `/a?`.
  const hash = href.indexOf('#');
  let path = hash === -1 ? href : href.slice(0, hash);
  if (path.endsWith('?')) path = path.slice(0, -1);
  return PLAIN_PATH.test(path) && !path.includes('/.') ? path : undefined;
}
