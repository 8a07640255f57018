import { decodeHTMLAttribute } from 'entities/decode';

/** Which start tags and attributes to report; absent = all of them. */
export interface StartTagFilter {
  /** Tag names, lower-cased: other start tags are read (their end must be found) but not reported. */
  tags?: ReadonlySet<string>;
  /** Attribute names, lower-cased: others are left out of the attributes reported. */
  attributes?: ReadonlySet<string>;
}

/**
 * Called for each start tag reported, in document order: the name lower-cased and the attributes
 * (names lower-cased, entities decoded, the first of a repeated name kept). Returning `false`
 * stops the search.
 */
export type OnStartTag = (tag: string, attributes: Record<string, string>) => boolean | void;

// Character codes the tokenizer branches on.
const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const SQUOTE = 39;
const DASH = 45;
const SLASH = 47;
const EQ = 61;
const GT = 62;
const QUESTION = 63;

const isWhitespace = (c: number) => c === SPACE || c === LF || c === TAB || c === FF || c === CR;
const endsTagSection = (c: number) => c === SLASH || c === GT || isWhitespace(c);
const isAsciiAlpha = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/** Elements whose content is text up to their own end tag (raw text and RCDATA), outside SVG and MathML. */
const TEXT_ONLY: ReadonlySet<string> = new Set([
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'script',
  'style',
  'textarea',
  'title',
  'xmp',
]);
/** Start tags that end SVG or MathML content (HTML's "breakout" list of the foreign-content rules). */
const BREAKOUT: ReadonlySet<string> = new Set(
  `b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li
  listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var`.split(/\s+/),
);
/** Elements inside SVG or MathML whose content is HTML again. */
const INTEGRATION: ReadonlySet<string> = new Set(['foreignobject', 'desc', 'title', 'annotation-xml']);

/** Where `</name` followed by whitespace, `/` or `>` starts, case-insensitively, or -1. */
function endTagOf(html: string, name: string, from: number): number {
  const n = html.length;
  const length = name.length + 2;
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 1)) {
    if (at + length >= n) return -1;
    if (html.slice(at + 2, at + length).toLowerCase() === name && endsTagSection(html.charCodeAt(at + length)))
      return at;
  }
  return -1;
}

/** Records an attribute of a reported tag: the first of a name wins, as browsers read it. */
function keep(
  attributes: Record<string, string> | undefined,
  kept: ReadonlySet<string> | undefined,
  name: string,
  value: string,
): void {
  if (attributes === undefined) return;
  const key = name.toLowerCase();
  if (kept !== undefined && !kept.has(key)) return;
  if (!(key in attributes)) attributes[key] = value.includes('&') ? decodeHTMLAttribute(value) : value;
}

/**
 * Where the first `-->` or `--!>` at or after `from` ends, or -1. One pass: searching for each
 * separately would read to the end of the document for every comment lacking the other.
 */
function commentEnd(html: string, from: number): number {
  for (let at = html.indexOf('--', from); at !== -1; at = html.indexOf('--', at + 1)) {
    const c = html.charCodeAt(at + 2);
    if (c === GT) return at + 3;
    if (c === BANG && html.charCodeAt(at + 3) === GT) return at + 4;
  }
  return -1;
}

/**
 * Reports the start tags of an HTML document, as `walkHtml` reads them (htmlparser2's tokenizer:
 * comments, `<!…>` and `<?…>` skipped, the text of script, style, title, textarea and the other
 * text-only elements skipped to their end tag, SVG and MathML content followed as far as raw text
 * depends on it), without the cost of reporting text and end tags: the crawl reads the links of
 * every page it visits, and the tokenizer's per-character callbacks were most of its time.
 * test/html/find-start-tags.test.ts holds it equal to walkHtml on a corpus and on random markup.
 * A tag cut off by the end of the document is not reported, as the tokenizer does not report it.
 *
 * @example
 * findStartTags('<!-- <a href="/no"> --><a HREF="/yes">', { tags: new Set(['a']) }, (tag, a) => console.log(a.href)); // /yes
 */
export function findStartTags(html: string, filter: StartTagFilter, onTag: OnStartTag): void {
  const { tags, attributes: kept } = filter;
  const n = html.length;
  /** Open svg/math elements and the HTML integration points inside them, innermost last. */
  const foreign: string[] = [];
  // Never foreign[-1]: reading index -1 of an array is a property lookup up its prototype chain,
  // and this runs for every tag.
  const inForeign = () => {
    if (foreign.length === 0) return false;
    const top = foreign[foreign.length - 1];
    return top === 'svg' || top === 'math';
  };
  const closeTag = (closed: string) => {
    if (foreign.length === 0) return;
    if (foreign[foreign.length - 1] === closed) foreign.pop();
    else if ((closed === 'p' || closed === 'br') && inForeign()) while (inForeign()) foreign.pop();
  };

  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt + 1 >= n) return;
    const next = html.charCodeAt(lt + 1);

    if (isAsciiAlpha(next)) {
      let k = lt + 2;
      while (k < n && !endsTagSection(html.charCodeAt(k))) k++;
      if (k >= n) return;
      const tag = html.slice(lt + 1, k).toLowerCase();
      const textOnly = !inForeign() && TEXT_ONLY.has(tag);
      const attributes: Record<string, string> | undefined =
        tags === undefined || tags.has(tag) ? (Object.create(null) as Record<string, string>) : undefined;

      // The tokenizer's attribute states, one character at a time (attributes are short).
      let selfClosing = false;
      let end = -1;
      let nameStart = -1;
      let name = '';
      // 0 before a name, 1 in a name, 2 after a name, 3 before a value, 4 after `/`
      let state = 0;
      while (k < n) {
        const c = html.charCodeAt(k);
        if (state === 0) {
          if (c === GT) {
            end = k;
            break;
          }
          if (c === SLASH) state = 4;
          else if (!isWhitespace(c)) {
            nameStart = k;
            state = 1;
          }
          k++;
        } else if (state === 4) {
          if (c === GT) {
            end = k;
            selfClosing = true;
            break;
          }
          if (isWhitespace(c)) k++;
          else state = 0;
        } else if (state === 1) {
          if (c === EQ || endsTagSection(c)) {
            name = html.slice(nameStart, k);
            state = 2;
          } else k++;
        } else if (state === 2) {
          if (c === EQ) {
            state = 3;
            k++;
          } else if (c === SLASH || c === GT) {
            keep(attributes, kept, name, '');
            state = 0;
          } else if (isWhitespace(c)) k++;
          else {
            keep(attributes, kept, name, '');
            nameStart = k;
            state = 1;
            k++;
          }
        } else if (c === DQUOTE || c === SQUOTE) {
          const close = html.indexOf(c === DQUOTE ? '"' : "'", k + 1);
          if (close === -1) return;
          keep(attributes, kept, name, html.slice(k + 1, close));
          k = close + 1;
          state = 0;
        } else if (isWhitespace(c)) k++;
        else {
          let v = k;
          while (v < n && !isWhitespace(html.charCodeAt(v)) && html.charCodeAt(v) !== GT) v++;
          if (v >= n) return;
          keep(attributes, kept, name, html.slice(k, v));
          k = v;
          state = 0;
        }
      }
      if (end === -1) return;

      if (inForeign() && BREAKOUT.has(tag)) while (inForeign()) foreign.pop();
      const wasForeign = inForeign();
      if (!selfClosing) {
        if (tag === 'svg' || tag === 'math') foreign.push(tag);
        else if (wasForeign && INTEGRATION.has(tag)) foreign.push(tag);
      }
      if (attributes !== undefined && onTag(tag, attributes) === false) return;
      i = end + 1;
      // In HTML a `/>` does not end a text-only element: its text still runs to its end tag.
      if (textOnly) {
        if (tag === 'plaintext') return;
        const close = endTagOf(html, tag, i);
        if (close === -1) return;
        closeTag(tag);
        const gt = html.indexOf('>', close + tag.length + 2);
        if (gt === -1) return;
        i = gt + 1;
      }
      continue;
    }

    if (next === SLASH) {
      if (lt + 2 >= n) return;
      const c = html.charCodeAt(lt + 2);
      if (c === GT) {
        i = lt + 3;
        continue;
      }
      if (isAsciiAlpha(c)) {
        let k = lt + 3;
        while (k < n && !endsTagSection(html.charCodeAt(k))) k++;
        if (k >= n) return;
        // Only SVG and MathML follow end tags.
        if (foreign.length > 0) closeTag(html.slice(lt + 2, k).toLowerCase());
        const gt = html.indexOf('>', k);
        if (gt === -1) return;
        i = gt + 1;
        continue;
      }
      // `</` and anything else is a bogus comment to the next `>`.
      const gt = html.indexOf('>', lt + 2);
      if (gt === -1) return;
      i = gt + 1;
      continue;
    }

    if (next === BANG) {
      if (html.startsWith('<!--', lt)) {
        const from = lt + 4;
        // `<!-->` and `<!--->` are empty comments; otherwise the first `-->` or `--!>` ends it.
        if (html.charCodeAt(from) === GT) i = from + 1;
        else if (html.charCodeAt(from) === DASH && html.charCodeAt(from + 1) === GT) i = from + 2;
        else {
          const close = commentEnd(html, from);
          if (close === -1) return;
          i = close;
        }
        continue;
      }
      if (html.startsWith('<![CDATA[', lt)) {
        const close = html.indexOf(']]>', lt + 9);
        if (close === -1) return;
        i = close + 3;
        continue;
      }
      const gt = html.indexOf('>', lt + 2);
      if (gt === -1) return;
      i = gt + 1;
      continue;
    }

    if (next === QUESTION) {
      const gt = html.indexOf('>', lt + 2);
      if (gt === -1) return;
      i = gt + 1;
      continue;
    }
    // A `<` that starts nothing is text; the next character may start a tag.
    i = lt + 1;
  }
}
