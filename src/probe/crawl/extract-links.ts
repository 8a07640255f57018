import { walkHtml, type WalkOptions } from '../../html/walk-html.js';

/** A link of a page as written: an `<a>` or `<area>` href, or the action of a form sent by GET. */
export interface PageLink {
  href: string;
  via: 'link' | 'form';
}

/** What a page links to, and what its relative links resolve against. */
export interface PageLinks {
  /** The page's URL, or its first `<base href>`, which HTML applies to the whole document. */
  base: URL;
  links: PageLink[];
}

/** The only tags and attributes the crawl reads. */
const LINK_TAGS: WalkOptions = {
  tags: new Set(['a', 'area', 'base', 'form']),
  attributes: new Set(['href', 'action', 'method']),
};

/**
 * The links of a page (`<a href>`, `<area href>`) and the actions of its GET forms, as written,
 * in document order and at most `max` of them (a page of 100,000 links costs no more than one of
 * `max`), with the base they resolve against: the first `<base href>` (resolved against the
 * page's URL; one that does not parse is ignored, as browsers do), wherever it stands, or the
 * page's URL. Resolving is the caller's: most links are plain paths it reads without a URL parser.
 *
 * @example
 * extractLinks('<a href="/about">About</a>', 'https://shop.example/').links; // [{ href: '/about', via: 'link' }]
 */
export function extractLinks(html: string, pageUrl: string, max = 10_000): PageLinks {
  const links: PageLink[] = [];
  let base: URL | undefined;
  let baseSeen = false;
  const openTag = (tag: string, attributes: Record<string, string>) => {
    if (tag === 'base') {
      // Only the first with an href counts, even when it does not parse.
      if (!baseSeen && attributes.href !== undefined) {
        baseSeen = true;
        base = resolve(attributes.href, pageUrl);
      }
    } else if (tag === 'form') {
      const method = (attributes.method ?? 'get').trim().toLowerCase();
      // An empty or absent action submits to the page itself, already visited.
      if (method === 'get' && attributes.action?.trim() && links.length < max)
        links.push({ href: attributes.action, via: 'form' });
    } else if (attributes.href !== undefined && links.length < max) links.push({ href: attributes.href, via: 'link' });
  };
  walkHtml(html, { openTag }, LINK_TAGS);
  return { base: base ?? new URL(pageUrl), links };
}

/** The URL a `<base href>` names, or undefined when a browser would keep the page's own. */
function resolve(href: string, base: string): URL | undefined {
  try {
    const url = new URL(href, base);
    // HTML falls back to the document's URL for a data: or javascript: base.
    return url.protocol === 'data:' || url.protocol === 'javascript:' ? undefined : url;
  } catch {
    return undefined;
  }
}
