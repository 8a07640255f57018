import { walkHtml, type WalkOptions } from '../../html/walk-html.js';

/** A URL a page points to, and how: a link, or the action of a form sent by GET. */
export interface FoundLink {
  url: URL;
  via: 'link' | 'form';
}

/** The only tags and attributes the crawl reads. */
const LINK_TAGS: WalkOptions = {
  tags: new Set(['a', 'area', 'base', 'form']),
  attributes: new Set(['href', 'action', 'method']),
};

/** Parses `href` against `base`, or undefined: a malformed link is skipped, as a browser does. */
function resolve(href: string, base: URL): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

/**
 * The http: and https: URLs a page links to (`<a href>`, `<area href>`) and the actions of its
 * GET forms, resolved against the page's URL or its first `<base href>`, in document order and
 * at most `max` of them (a page of 100,000 links costs no more than one of `max`). A GET form's
 * query is dropped: the browser replaces it with the form's fields, which the crawl does not
 * fill in. CR, LF and tabs inside a URL are dropped by the URL parser, as browsers do.
 *
 * @example
 * extractLinks('<a href="/about">About</a>', 'https://shop.example/'); // [{ url: URL('https://shop.example/about'), via: 'link' }]
 */
export function extractLinks(html: string, pageUrl: string, max = 10_000): FoundLink[] {
  const found: FoundLink[] = [];
  let base = new URL(pageUrl);
  let baseSeen = false;
  const add = (href: string | undefined, via: FoundLink['via']) => {
    if (href === undefined || found.length >= max) return;
    const url = resolve(href, base);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return;
    if (via === 'form') url.search = '';
    found.push({ url, via });
  };
  const openTag = (tag: string, attributes: Record<string, string>) => {
    if (tag === 'base') {
      if (!baseSeen && attributes.href !== undefined) {
        baseSeen = true;
        base = resolve(attributes.href, base) ?? base;
      }
    } else if (tag === 'form') {
      const method = (attributes.method ?? 'get').trim().toLowerCase();
      // An empty or absent action submits to the page itself, already visited.
      if (method === 'get' && attributes.action?.trim()) add(attributes.action, 'form');
    } else add(attributes.href, 'link');
    return found.length < max;
  };
  walkHtml(html, { openTag }, LINK_TAGS);
  return found;
}
