import { walkHtml, type HtmlEvents, type WalkOptions } from '../../html/walk-html.js';

type OpenTag = NonNullable<HtmlEvents['openTag']>;

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
  tags: new Set(['a', 'area', 'base', 'form', 'template']),
  attributes: new Set(['href', 'action', 'method']),
  closeTags: new Set(['template']),
};

/** A scheme, as the URL parser reads one (tabs and newlines inside it are dropped). */
const SCHEME = /^([a-z][a-z0-9+.\-\t\n\r]*):/i;

/** Whether a link may be followed: no scheme (a relative link), http: or https:, not mailto: or javascript:. */
function followable(href: string): boolean {
  // No colon, no scheme: most links are paths, read without the regular expression.
  if (!href.includes(':')) return true;
  // The URL parser strips leading C0 controls and spaces.
  let start = 0;
  while (start < href.length && href.charCodeAt(start) <= 0x20) start++;
  const scheme = SCHEME.exec(href.slice(start))?.[1]
    ?.replace(/[\t\n\r]/g, '')
    .toLowerCase();
  return scheme === undefined || scheme === 'http' || scheme === 'https';
}

/**
 * The links of a page (`<a href>`, `<area href>`) and the actions of its GET forms, as written,
 * in document order and at most `max` of them that may be followed (a page of 100,000 links
 * costs no more than one of `max`; mailto:, javascript: and other schemes do not count), with the
 * base they resolve against: the first `<base href>` of the document (not one inside a template
 * or in SVG or MathML, which browsers ignore), resolved against the page's URL (one that does not
 * parse, or a data: or javascript: one, leaves the page's URL, as browsers do), wherever it
 * stands. Resolving is the caller's: most links are plain paths it reads without a URL parser.
 *
 * @example
 * extractLinks('<a href="/about">About</a>', 'https://shop.example/').links; // [{ href: '/about', via: 'link' }]
 */
export function extractLinks(html: string, pageUrl: string, max = 10_000): PageLinks {
  const links: PageLink[] = [];
  let base: URL | undefined;
  let baseSeen = false;
  let templates = 0;
  const add = (href: string, via: PageLink['via']) => {
    if (links.length < max && followable(href)) links.push({ href, via });
  };
  const openTag: OpenTag = (tag, attributes, _at, _end, _repeated, foreign) => {
    if (tag === 'template') templates++;
    else if (tag === 'base') {
      // Only the first with an href counts, even when it does not parse; an inert one never does.
      if (!baseSeen && attributes.href !== undefined && templates === 0 && foreign === undefined) {
        baseSeen = true;
        base = resolve(attributes.href, pageUrl);
      }
    } else if (tag === 'form') {
      // Only POST and dialog are not GET: a method browsers do not know (PUT) submits by GET.
      const method = (attributes.method ?? 'get').trim().toLowerCase();
      // An empty or absent action submits to the page itself, already visited.
      if (method !== 'post' && method !== 'dialog' && attributes.action?.trim())
        add(attributes.action, 'form');
    } else if (attributes.href !== undefined) add(attributes.href, 'link');
    return links.length < max;
  };
  const closeTag = () => {
    if (templates > 0) templates--;
  };
  walkHtml(html, { openTag, closeTag }, LINK_TAGS);
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
