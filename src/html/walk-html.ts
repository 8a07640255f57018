import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { ForeignContent } from './foreign-content.js';

/** What a walk reports; offsets are into the whole document. */
export interface HtmlEvents {
  /**
   * A start tag: its name lower-cased, its attributes (names lower-cased, entities decoded, the
   * first of a repeated name kept, as browsers do), the offsets of its `<` and `>`, whether a
   * name was repeated, and the foreign content it stands in (`svg` or `math`; undefined in HTML,
   * which includes the HTML inside a foreignObject or an mtext). Returning `false` ends the walk.
   */
  openTag?(
    tag: string,
    attributes: Readonly<Record<string, string>>,
    at: number,
    end: number,
    repeated: boolean,
    foreign: 'svg' | 'math' | undefined,
  ): void | boolean;
  /**
   * Text, in pieces, and where each starts; inside script and style it is raw (no entity is
   * decoded). Text a document ends on inside unfinished markup is not reported. Returning `false`
   * says no more text is wanted (the walk goes on).
   */
  text?(text: string, at: number): void | boolean;
  /** An end tag, lower-cased, and the offset of its `<`. */
  closeTag?(tag: string, at: number): void;
}

export interface WalkOptions {
  /**
   * Read the document as a browser with scripting on does: the content of `<noscript>` is text,
   * and is not reported at all (it ends at the first `</noscript`).
   */
  scripting?: boolean;
  /** Report only these start tags (lower-cased); the others are still read, their ends found. */
  tags?: ReadonlySet<string>;
  /**
   * Report only these attributes (lower-cased) of a start tag; `repeated` then says whether one
   * of them was repeated.
   */
  attributes?: ReadonlySet<string>;
  /** Report only these end tags (lower-cased). */
  closeTags?: ReadonlySet<string>;
}

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

/** Elements whose text runs to their own end tag, outside SVG and MathML: raw text, not decoded… */
const RAW_TEXT: ReadonlySet<string> = new Set(['iframe', 'noembed', 'noframes', 'script', 'style', 'xmp']);
/** …or RCDATA, whose entities are decoded (plaintext runs to the end of the document). */
const RCDATA: ReadonlySet<string> = new Set(['textarea', 'title']);

/**
 * A start tag's attributes: an object with nothing up its prototype chain (a `__proto__` or
 * `constructor` attribute is an attribute like any other), made by a constructor rather than
 * Object.create(null), whose objects V8 keeps as slow dictionaries.
 */
const Attributes = function (this: object) {} as unknown as new () => Record<string, string>;
Attributes.prototype = Object.create(null) as object;

/** What a tag without attributes reports: one object for all of them, which nobody may change. */
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze(new Attributes());

/**
 * The attributes of the start tag being read, when it is reported: one per walk, reset for each
 * tag, its attributes object made only when an attribute is kept (most tags have none).
 */
interface Found {
  attributes: Record<string, string> | undefined;
  kept: ReadonlySet<string> | undefined;
  /** Attributes kept, and how many distinct names: they differ when a name was repeated. */
  count: number;
  keys: number;
}

/** Records an attribute of a reported tag: the first of a name wins, as browsers read it. */
function keep(found: Found, name: string, value: string): void {
  const { kept } = found;
  const key = name.toLowerCase();
  if (kept !== undefined && !kept.has(key)) return;
  found.count++;
  const attributes = (found.attributes ??= new Attributes());
  if (!(key in attributes)) {
    attributes[key] = value.includes('&') ? decodeHTMLAttribute(value) : value;
    found.keys++;
  }
}

/**
 * Names as bits: bit `length` of entry `first letter - a` is set for each name, so a tag that is
 * none of them is known by its first letter and length alone. Undefined when a name does not fit.
 */
function shapesOf(names: Iterable<string>): Uint32Array | undefined {
  const shapes = new Uint32Array(26);
  for (const name of names) {
    const letter = name.charCodeAt(0) - 97;
    if (!(letter >= 0 && letter < 26) || name.length >= 32) return undefined;
    shapes[letter]! |= 1 << name.length;
  }
  return shapes;
}

/** The names the walk itself acts on: text-only elements, SVG and MathML, noscript. */
const OWN_NAMES = [...RAW_TEXT, ...RCDATA, 'plaintext', 'svg', 'math', 'noscript'];
const WALK_SHAPES = shapesOf(OWN_NAMES);
const shapesWithTags = new WeakMap<ReadonlySet<string>, Uint32Array | undefined>();
function shapesWith(tags: ReadonlySet<string>): Uint32Array | undefined {
  if (!shapesWithTags.has(tags)) shapesWithTags.set(tags, shapesOf([...OWN_NAMES, ...tags]));
  return shapesWithTags.get(tags);
}

/** The attributes named in `kept`, in a new object. */
function only(attributes: Readonly<Record<string, string>>, kept: ReadonlySet<string>): Record<string, string> {
  const out = new Attributes();
  for (const name in attributes) if (kept.has(name)) out[name] = attributes[name]!;
  return out;
}

const decodeText = (text: string) => (text.includes('&') ? decodeHTML(text) : text);

/** Where `</name` followed by whitespace, `/` or `>` starts, case-insensitively, or -1. */
function endTagOf(html: string, name: string, from: number): number {
  const n = html.length;
  const length = name.length + 2;
  for (let at = html.indexOf('</', from); at !== -1; at = html.indexOf('</', at + 1)) {
    if (at + length >= n) return -1;
    if (
      html.slice(at + 2, at + length).toLowerCase() === name &&
      endsTagSection(html.charCodeAt(at + length))
    )
      return at;
  }
  return -1;
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
 * Walks an HTML document's start tags, end tags and text in document order, reading it as
 * htmlparser2's tokenizer does (which this replaced: its per-character callbacks were most of a
 * scan's time per page; test/html/walk-html.test.ts holds the two to the same events on hostile
 * and random markup). Linear in the document whatever its nesting: there is no tree, an end tag is
 * reported as written. Comments, `<!…>` and `<?…>` are skipped; script, style, title, textarea and
 * the other text-only elements run to their own end tag (not inside SVG or MathML, whose
 * integration points and breakout tags are followed); a tag cut off by the end of the document is
 * not reported. Where the tokenizer and browsers differ, it reads as browsers do: raw text ends
 * only at a literal `</name` (the tokenizer also took \x1C and \x0F for `<` and `/`), a CDATA
 * section exists only in SVG and MathML (elsewhere a bogus comment to the first `>`), and
 * MathML's mi, mo, mn, ms and mtext hold HTML.
 *
 * @example
 * walkHtml('<a href="/x">x</a>', { openTag: (tag, attributes) => console.log(tag, attributes.href) });
 */
export function walkHtml(html: string, events: HtmlEvents, options: WalkOptions = {}): void {
  // Called as methods, never detached: a caller's handlers may use `this`.
  let text = events.text !== undefined;
  const say = (piece: string, at: number) => {
    if (events.text!(piece, at) === false) text = false;
  };
  const { tags, attributes: kept, scripting = false } = options;
  const n = html.length;
  const foreign = new ForeignContent();
  const { closeTags } = options;
  const reportClose = (tag: string, at: number) => {
    if (closeTags === undefined || closeTags.has(tag)) events.closeTag?.(tag, at);
  };
  const closed = (tag: string, at: number) => {
    foreign.close(tag);
    reportClose(tag, at);
  };
  /** Which names the walk must read: its own, and those reported (undefined: every name). */
  const shapes = events.openTag === undefined ? WALK_SHAPES : tags && shapesWith(tags);
  const closeShapes =
    events.closeTag === undefined ? undefined : closeTags === undefined ? null : shapesWith(closeTags);
  const reading: Found = { attributes: undefined, kept: undefined, count: 0, keys: 0 };
  /** Text not yet reported starts here; it runs to the next markup. */
  let textFrom = 0;
  const flush = (to: number) => {
    if (text && to > textFrom) say(decodeText(html.slice(textFrom, to)), textFrom);
  };

  let i = 0;
  for (;;) {
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt + 1 >= n) {
      flush(n);
      return;
    }
    const next = html.charCodeAt(lt + 1);

    if (isAsciiAlpha(next)) {
      flush(lt);
      let k = lt + 2;
      while (k < n && !endsTagSection(html.charCodeAt(k))) k++;
      if (k >= n) return;
      // Most tags (p, div, span…) matter to nobody: their name is not even sliced out.
      const length = k - lt - 1;
      const letter = (next | 0x20) - 97;
      const named =
        shapes === undefined || !foreign.empty || (length < 32 && ((shapes[letter]! >>> length) & 1) === 1);
      const tag = named ? html.slice(lt + 1, k).toLowerCase() : '';
      // Text-only elements are HTML's: inside SVG or MathML a <title> or <style> holds markup.
      const htmlContext = foreign.root === undefined;
      const reported = events.openTag !== undefined && (tags === undefined || tags.has(tag));
      // A font's or annotation-xml's attributes decide whether SVG or MathML goes on after it.
      const deciding = !htmlContext && foreign.needsAttributes(tag);
      // Only a reported tag's attributes are kept: another's are read for where the tag ends.
      let found: Found | undefined;
      if (reported || deciding) {
        found = reading;
        found.attributes = undefined;
        found.kept = deciding ? undefined : kept;
        found.count = found.keys = 0;
      }
      // The tokenizer's attribute states, a character at a time (attributes are short).
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
            if (found) name = html.slice(nameStart, k);
            state = 2;
          } else k++;
        } else if (state === 2) {
          if (c === EQ) {
            state = 3;
            k++;
          } else if (c === SLASH || c === GT) {
            if (found) keep(found, name, '');
            state = 0;
          } else if (isWhitespace(c)) k++;
          else {
            if (found) keep(found, name, '');
            nameStart = k;
            state = 1;
            k++;
          }
        } else if (c === DQUOTE || c === SQUOTE) {
          const close = html.indexOf(c === DQUOTE ? '"' : "'", k + 1);
          if (close === -1) return;
          if (found) keep(found, name, html.slice(k + 1, close));
          k = close + 1;
          state = 0;
        } else if (isWhitespace(c)) k++;
        else {
          let v = k;
          while (v < n && !isWhitespace(html.charCodeAt(v)) && html.charCodeAt(v) !== GT) v++;
          if (v >= n) return;
          if (found) keep(found, name, html.slice(k, v));
          k = v;
          state = 0;
        }
      }
      if (end === -1) return;

      const root = foreign.open(tag, deciding ? found!.attributes : undefined, selfClosing);
      if (found && reported) {
        let { attributes } = found;
        // Read in full for the foreign-content rules, they are then filtered as asked.
        if (deciding && kept !== undefined && attributes !== undefined) attributes = only(attributes, kept);
        // Counted before the filter above: a repeated name it drops was still repeated.
        const repeated = found.count !== found.keys;
        if (events.openTag!(tag, attributes ?? NO_ATTRIBUTES, lt, end, repeated, root) === false) return;
      }
      // A self-closed element of SVG or MathML has no content; in HTML the slash means nothing.
      if (selfClosing && root !== undefined) reportClose(tag, lt);
      i = textFrom = end + 1;
      if (tag === 'noscript' && scripting && root === undefined) {
        // Text to a browser that runs scripts, up to the first `</noscript`, reported as nothing.
        const close = /<\/noscript[\t\n\f\r />]/gi;
        close.lastIndex = i;
        const at = close.exec(html)?.index;
        if (at === undefined) return;
        i = textFrom = at;
        continue;
      }
      if (!htmlContext || !named) continue;
      // In HTML a `/>` does not end a text-only element: its text still runs to its end tag.
      if (tag === 'plaintext') {
        if (text && i < n) say(html.slice(i), i);
        return;
      }
      const raw = RAW_TEXT.has(tag);
      if (!raw && !RCDATA.has(tag)) continue;
      const close = endTagOf(html, tag, i);
      if (close === -1) {
        if (text && i < n) say(raw ? html.slice(i) : decodeText(html.slice(i)), i);
        return;
      }
      if (text && close > i) say(raw ? html.slice(i, close) : decodeText(html.slice(i, close)), i);
      closed(tag, close);
      const gt = html.indexOf('>', close + tag.length + 2);
      if (gt === -1) return;
      i = textFrom = gt + 1;
      continue;
    }

    if (next === SLASH) {
      flush(lt);
      if (lt + 2 >= n) return;
      const c = html.charCodeAt(lt + 2);
      if (c === GT) {
        i = textFrom = lt + 3;
        continue;
      }
      if (isAsciiAlpha(c)) {
        let k = lt + 3;
        while (k < n && !endsTagSection(html.charCodeAt(k))) k++;
        if (k >= n) return;
        // Only SVG and MathML, and a listener, follow end tags.
        const length = k - lt - 2;
        const letter = (c | 0x20) - 97;
        if (
          !foreign.empty ||
          closeShapes === null ||
          (closeShapes !== undefined && length < 32 && ((closeShapes[letter]! >>> length) & 1) === 1)
        )
          closed(html.slice(lt + 2, k).toLowerCase(), lt);
        // Most end tags end right after their name (`</p>`): no search needed.
        const gt = html.charCodeAt(k) === GT ? k : html.indexOf('>', k);
        if (gt === -1) return;
        i = textFrom = gt + 1;
        continue;
      }
      // `</` and anything else is a bogus comment to the next `>`.
      const gt = html.indexOf('>', lt + 2);
      if (gt === -1) return;
      i = textFrom = gt + 1;
      continue;
    }

    if (next === BANG) {
      flush(lt);
      let after: number;
      if (html.startsWith('<!--', lt)) {
        const from = lt + 4;
        // `<!-->` and `<!--->` are empty comments; otherwise the first `-->` or `--!>` ends it.
        if (html.charCodeAt(from) === GT) after = from + 1;
        else if (html.charCodeAt(from) === DASH && html.charCodeAt(from + 1) === GT) after = from + 2;
        else after = commentEnd(html, from);
      } else if (foreign.root !== undefined && html.startsWith('<![CDATA[', lt)) {
        // A CDATA section exists in SVG and MathML only: in HTML it is a bogus comment to the
        // first `>`, and what follows is markup (a script hidden "inside" it runs).
        const close = html.indexOf(']]>', lt + 9);
        after = close === -1 ? -1 : close + 3;
      } else {
        const gt = html.indexOf('>', lt + 2);
        after = gt === -1 ? -1 : gt + 1;
      }
      if (after === -1) return;
      i = textFrom = after;
      continue;
    }

    if (next === QUESTION) {
      flush(lt);
      const gt = html.indexOf('>', lt + 2);
      if (gt === -1) return;
      i = textFrom = gt + 1;
      continue;
    }
    // A `<` that starts nothing is text; the next character may start a tag.
    i = lt + 1;
  }
}
