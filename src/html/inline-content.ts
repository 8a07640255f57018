import { EVENT_HANDLER_ATTRIBUTES, WINDOW_HANDLER_ATTRIBUTES } from './event-handlers.js';
import { HEAD_TAGS } from './head-tags.js';
import { walkHtml, type WalkOptions } from './walk-html.js';

/** What a CSP judges in a page: CSP3's inline check types, plus the fetch of a `<script src>`. */
export type ContentKind =
  'script' | 'script-src' | 'handler' | 'javascript-url' | 'style' | 'style-attribute';

export interface ContentItem {
  kind: ContentKind;
  /** Offset of the element's start tag in the body. */
  at: number;
  tag: string;
  /** The element's id attribute, to name it in a report. */
  id?: string;
  /** The attribute judged (onclick, href, style), for the attribute kinds. */
  attribute?: string;
  /**
   * What a hash is taken of: the element's text (scripts, styles), the attribute's value
   * (handlers, style attributes) or the whole URL (javascript: URLs), newlines as the browser sees them.
   */
  source: string;
  /** `<script src>` as written. */
  src?: string;
  /** The nonce attribute, only when the browser honours it (CSP3 "is element nonceable"). */
  nonce?: string;
  /** A nonce attribute the browser ignores: why. */
  nonceIgnored?: string;
  integrity?: string;
  /** A speculation-rules script, which `'inline-speculation-rules'` also allows. */
  speculationRules?: boolean;
  /** The number of `<meta>` policies (in `PageContent.metaCsp`) in force at this element. */
  metaPolicies: number;
  /** False for a script or style that runs to the end of the body: cut off by the body cap, its text (so its hash) is unknown. */
  closed: boolean;
}

export interface PageContent {
  items: ContentItem[];
  /** `<meta http-equiv="Content-Security-Policy">` values that browsers apply: in the head, in order. */
  metaCsp: string[];
  /** The first `<base href>`, which applies to the URLs after it. */
  base?: { href: string; at: number; metaPolicies: number };
}

/** HTML's JavaScript MIME type essences: a script with another type is a data block and never runs. */
const JS_TYPES: ReadonlySet<string> = new Set(
  `application/ecmascript application/javascript application/x-ecmascript application/x-javascript
  text/ecmascript text/javascript text/javascript1.0 text/javascript1.1 text/javascript1.2
  text/javascript1.3 text/javascript1.4 text/javascript1.5 text/jscript text/livescript
  text/x-ecmascript text/x-javascript`.split(/\s+/),
);

/** Attributes whose javascript: URL runs when followed (a link, a frame, a form submission). */
const NAVIGATION_ATTRIBUTES: Readonly<Record<string, string>> = {
  a: 'href',
  area: 'href',
  iframe: 'src',
  frame: 'src',
  form: 'action',
  button: 'formaction',
  input: 'formaction',
};

const NOT_HTML_SPACE = /[^\t\n\f\r ]/;
/** The HTML input stream turns CRLF and lone CR into LF, and a hash is taken of what follows. */
const newlines = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
/** A javascript: URL as the URL parser reads it: outer C0 controls and spaces stripped, tabs and newlines removed. */
const urlText = (value: string) =>
  // eslint-disable-next-line no-control-regex
  value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');

/** What kind of script a type (or legacy language) attribute makes, or undefined for a data block. */
function scriptKind(
  attributes: Record<string, string>,
): 'classic' | 'importmap' | 'speculationrules' | undefined {
  const type = attributes.type;
  let essence: string;
  if (type === undefined || type === '') {
    const language = attributes.language;
    if (type === undefined && language) essence = `text/${language}`.toLowerCase();
    else return 'classic';
  } else {
    essence = type.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  }
  if (JS_TYPES.has(essence) || essence === 'module') return 'classic';
  if (essence === 'importmap' || essence === 'speculationrules') return essence;
  return undefined;
}

/**
 * CSP3 "is element nonceable": a script whose attributes hold "<script" or "<style", or that repeats
 * an attribute, is dangling markup an attacker may have opened around a real nonce.
 */
function nonceIgnored(attributes: Record<string, string>, duplicate: boolean): string | undefined {
  if (duplicate) return 'the tag repeats an attribute';
  for (const name in attributes) {
    if (/<s(?:cript|tyle)/i.test(name) || /<s(?:cript|tyle)/i.test(attributes[name] as string))
      return 'an attribute holds "<script" or "<style"';
  }
  return undefined;
}

/** Scripts as a browser that runs them reads the page; the end tags the walk above follows. */
const CONTENT_WALK: WalkOptions = {
  scripting: true,
  closeTags: new Set(['template', 'script', 'style', 'title']),
};

const cache = new WeakMap<object, PageContent>();

/**
 * The scripts, event handlers, javascript: URLs and styles of a page, in document order, as a
 * browser would meet them: data blocks, `<noscript>` content and the scripts and styles of a
 * `<template>` are left out, `<meta>` policies count from where they stand in the head. One linear
 * walk (walkHtml); cached per `owner` (an exchange).
 *
 * @example
 * scanPageContent('<button onclick="buy()">Buy</button>').items[0]
 * // { kind: 'handler', tag: 'button', attribute: 'onclick', source: 'buy()', at: 0, … }
 */
export function scanPageContent(html: string, owner?: object): PageContent {
  const cached = owner && cache.get(owner);
  if (cached) return cached;
  const content: PageContent = { items: [], metaCsp: [] };
  const { items, metaCsp } = content;
  let templates = 0;
  let inBody = false;
  /** The raw-text element (script, style, title) being read: its text does not begin the body. */
  let rawText: string | undefined;
  /** The script or style whose text is being read, and where that text starts. */
  let open: { item: ContentItem; from: number } | undefined;

  const add = (kind: ContentKind, at: number, tag: string, source: string, id: string | undefined) => {
    const item: ContentItem = { kind, at, tag, source, metaPolicies: metaCsp.length, closed: true };
    if (id !== undefined) item.id = id;
    items.push(item);
    return item;
  };
  const attribute = (
    kind: ContentKind,
    at: number,
    tag: string,
    name: string,
    value: string,
    id?: string,
  ) => {
    add(kind, at, tag, value, id).attribute = name;
  };
  // Raw text is the document's own characters (no entity is decoded in a script or style), so it is
  // sliced from the document rather than gathered from the walker's pieces.
  const finish = (to: number, closed: boolean) => {
    const { item, from } = open!;
    open = undefined;
    const text = html.slice(from, to);
    item.source = newlines(text.includes('\0') ? text.replace(/\0/g, '\uFFFD') : text);
    item.closed = closed;
    // An empty script or style is never run or applied, so no policy is asked about it. It is the
    // last item: nothing else opens inside raw text.
    if (item.source === '' && closed && items[items.length - 1] === item) items.pop();
  };

  function onScript(
    at: number,
    end: number,
    attributes: Record<string, string>,
    repeated: boolean,
    id?: string,
  ) {
    const kind = scriptKind(attributes);
    if (!kind) return;
    const nonce = attributes.nonce;
    const ignored = nonce === undefined ? undefined : nonceIgnored(attributes, repeated);
    let item: ContentItem;
    if (attributes.src !== undefined) {
      // An import map or speculation rules with src, or an empty src, is never fetched.
      if (kind !== 'classic' || attributes.src === '') return;
      item = add('script-src', at, 'script', '', id);
      item.src = attributes.src;
      if (attributes.integrity !== undefined) item.integrity = attributes.integrity;
    } else {
      item = add('script', at, 'script', '', id);
      if (kind === 'speculationrules') item.speculationRules = true;
      open = { item, from: end + 1 };
    }
    if (nonce !== undefined) {
      if (ignored) item.nonceIgnored = ignored;
      else item.nonce = nonce;
    }
  }

  walkHtml(
    html,
    {
      openTag(tag, attributes, at, end, repeated, foreign) {
        if (tag === 'script' || tag === 'style' || tag === 'title') rawText = tag;
        if (!inBody && templates === 0 && !HEAD_TAGS.has(tag)) inBody = true;
        const id = attributes.id;
        for (const name in attributes) {
          if (
            EVENT_HANDLER_ATTRIBUTES.has(name) ||
            ((tag === 'body' || tag === 'frameset') && WINDOW_HANDLER_ATTRIBUTES.has(name))
          ) {
            attribute('handler', at, tag, name, newlines(attributes[name]!), id);
          }
        }
        if (attributes.style !== undefined) {
          attribute('style-attribute', at, tag, 'style', newlines(attributes.style), id);
        }
        // Chromium judges the attributes of a template's inert content (above), but not its
        // scripts and styles, and nothing in it is followed or applied.
        if (templates > 0) {
          if (tag === 'template') templates++;
          return;
        }
        const navigation = NAVIGATION_ATTRIBUTES[tag];
        const url = navigation && attributes[navigation];
        // No colon, no scheme: most links are paths, and urlText's two replaces are not needed.
        if (navigation && url?.includes(':') && /^javascript:/i.test(urlText(url))) {
          attribute('javascript-url', at, tag, navigation, urlText(url), id);
        }
        switch (tag) {
          case 'template':
            templates++;
            break;
          case 'script':
            // MathML has no script or style element: one there is markup that never runs.
            if (foreign !== 'math') onScript(at, end, attributes, repeated, id);
            break;
          case 'style':
            if (foreign === 'math') break;
            open = { item: add('style', at, tag, '', id), from: end + 1 };
            if (attributes.nonce !== undefined) open.item.nonce = attributes.nonce;
            break;
          case 'meta':
            if (
              !inBody &&
              attributes['http-equiv']?.toLowerCase() === 'content-security-policy' &&
              attributes.content
            ) {
              metaCsp.push(attributes.content);
            }
            break;
          case 'base':
            if (!content.base && attributes.href !== undefined)
              content.base = { href: attributes.href, at, metaPolicies: metaCsp.length };
            break;
        }
      },
      text(text) {
        if (!open && !inBody && !rawText && templates === 0 && NOT_HTML_SPACE.test(text)) inBody = true;
        // Text says only where the body begins: once it has, no more is needed.
        return !inBody;
      },
      closeTag(tag, at) {
        if (tag === 'template' && templates > 0) templates--;
        if (tag !== rawText) return;
        rawText = undefined;
        if (open) finish(at, true);
      },
    },
    CONTENT_WALK,
  );
  // A script or style still open ran to the end of the document.
  if (open) finish(html.length, false);
  if (owner) cache.set(owner, content);
  return content;
}
