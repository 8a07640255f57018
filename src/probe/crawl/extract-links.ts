import { parseCsp } from '../../headers/csp.js';
import { baseUriAllows } from '../../headers/csp-match.js';
import { HEAD_TAGS } from '../../html/head-tags.js';
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
  tags: new Set(['a', 'area', 'base', 'body', 'form', 'math', 'meta', 'svg', 'template']),
  attributes: new Set(['href', 'xlink:href', 'action', 'method', 'http-equiv', 'content']),
  closeTags: new Set(['template']),
};

/** The most links of a page the crawl reads: a page of 100,000 costs no more than one of these. */
export const MAX_PAGE_LINKS = 10_000;

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

export interface LinkOptions {
  /** The most links returned that may be followed. */
  max?: number;
  /** The page's Content-Security-Policy header values: a `<base>` their base-uri blocks is not the base. */
  csp?: readonly string[];
}

/**
 * The links of a page (`<a href>`, `<area href>`) and the actions of its GET forms, as written,
 * in document order and at most `max` of them that may be followed (a page of 100,000 links
 * costs no more than one of `max`; mailto:, javascript: and other schemes do not count), with the
 * base they resolve against: the first `<base href>` of the document (not one inside a template
 * or in SVG or MathML, which browsers ignore), resolved against the page's URL (one that does not
 * parse, or a data: or javascript: one, or one the page's base-uri blocks, leaves the page's
 * URL, as browsers do), wherever it stands. Resolving is the caller's: most links are plain
 * paths it reads without a URL parser.
 *
 * @example
 * extractLinks('<a href="/about">About</a>', 'https://shop.example/').links; // [{ href: '/about', via: 'link' }]
 */
export function extractLinks(html: string, pageUrl: string, options: LinkOptions = {}): PageLinks {
  const { max = MAX_PAGE_LINKS, csp = [] } = options;
  const links: PageLink[] = [];
  let baseHref: string | undefined;
  let templates = 0;
  /** `<meta>` policies in the head before the base: they judge it as it is set. */
  const metaCsp: string[] = [];
  /**
   * Whether the body has begun, where a `<meta>` policy is ignored: by `<body>`, a link, a form,
   * SVG or MathML (tags this walk reads). Other tags and text begin it too, which it does not read
   * (their names are not even sliced): a policy after them, with no `<body>` tag before it, is
   * taken as the head's.
   */
  let inBody = false;
  const add = (href: string, via: PageLink['via']) => {
    if (links.length < max && followable(href)) links.push({ href, via });
  };
  const openTag: OpenTag = (tag, attributes, _at, _end, _repeated, foreign) => {
    if (templates === 0 && !HEAD_TAGS.has(tag)) inBody = true;
    if (tag === 'template') templates++;
    else if (tag === 'base') {
      // Only the first with an href counts, even when it does not parse; an inert one never does.
      if (baseHref === undefined && attributes.href !== undefined && templates === 0 && foreign === undefined)
        baseHref = attributes.href;
    } else if (tag === 'meta') {
      if (
        baseHref === undefined &&
        !inBody &&
        templates === 0 &&
        foreign === undefined &&
        attributes['http-equiv']?.toLowerCase() === 'content-security-policy' &&
        attributes.content
      )
        metaCsp.push(attributes.content);
    } else if (tag === 'form') {
      // Only POST and dialog are not GET: a method browsers do not know (PUT) submits by GET.
      const method = (attributes.method ?? 'get').trim().toLowerCase();
      // An empty or absent action submits to the page itself, already visited.
      if (method !== 'post' && method !== 'dialog' && attributes.action?.trim())
        add(attributes.action, 'form');
    } else {
      // An SVG link may still be written with XLink's href, which SVG 2 keeps (href wins).
      const href = attributes.href ?? (foreign === 'svg' ? attributes['xlink:href'] : undefined);
      if (href !== undefined) add(href, 'link');
    }
    return links.length < max;
  };
  const closeTag = () => {
    if (templates > 0) templates--;
  };
  walkHtml(html, { openTag, closeTag }, LINK_TAGS);
  const page = new URL(pageUrl);
  const base = baseHref === undefined ? undefined : resolve(baseHref, pageUrl);
  if (base === undefined || csp.length + metaCsp.length === 0) return { base: base ?? page, links };
  const policies = [...parseCsp(csp, 'header'), ...parseCsp(metaCsp, 'meta')];
  return { base: baseUriAllows(policies, base, page) ? base : page, links };
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
