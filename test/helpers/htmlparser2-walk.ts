import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { HtmlEvents, WalkOptions } from '../../src/html/walk-html.js';
import { ForeignContent } from '../../src/html/foreign-content.js';

/**
 * The test oracle for src/html/walk-html.ts: the walker as it was written on htmlparser2's
 * tokenizer, kept to hold the hand-written one to the same events.
 *
 * Walks an HTML document with htmlparser2's tokenizer alone: linear in the document whatever its
 * nesting. (htmlparser2's Parser keeps its open elements in an array it unshifts and searches, so
 * its time grows with the square of the nesting: test/integration/hostile.test.ts feeds 1 MiB of
 * nested tags.) There is no tree: events come in document order,
 * an end tag is reported as written, and raw text (script, style, title, textarea…) follows the
 * tokenizer's rules, which know SVG and MathML content.
 *
 * @example
 * walkHtml('<a href="/x">x</a>', { openTag: (tag, attributes) => console.log(tag, attributes.href) });
 */
export function walkWithHtmlparser2(html: string, events: HtmlEvents, options: WalkOptions = {}): void {
  let input = html;
  let base = 0;
  let resumeAt = -1;
  let tag = '';
  let tagStart = 0;
  let attributes = Object.create(null) as Record<string, string>;
  let attributeCount = 0;
  let keyCount = 0;
  let name = '';
  let value = '';
  // The foreign-content rules are walkHtml's own (src/html/foreign-content.ts): this oracle is of
  // the tokenizing.
  const foreign = new ForeignContent();
  const inForeign = () => foreign.root !== undefined;
  let tokenizer: Tokenizer;

  const openTag = (end: number, selfClosing: boolean) => {
    const open = tag;
    const at = base + tagStart;
    const repeated = attributeCount !== keyCount;
    const attrs = attributes;
    tag = '';
    attributes = Object.create(null) as Record<string, string>;
    attributeCount = keyCount = 0;
    const root = foreign.open(open, attrs, selfClosing);
    const wasForeign = root !== undefined;
    events.openTag?.(open, attrs, at, base + end, repeated, root);
    // A self-closed element of SVG or MathML has no content; in HTML the slash means nothing.
    if (selfClosing && wasForeign) events.closeTag?.(open, at);
    if (open === 'noscript' && options.scripting && !wasForeign) {
      const close = /<\/noscript[\t\n\f\r />]/gi;
      close.lastIndex = base + end + 1;
      resumeAt = close.exec(html)?.index ?? html.length;
      tokenizer.pause();
    }
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tag = input.slice(start, end).toLowerCase();
      tagStart = start - 1;
    },
    onattribname(start, end) {
      name = input.slice(start, end).toLowerCase();
      value = '';
    },
    onattribdata(start, end) {
      value += input.slice(start, end);
    },
    onattribentity(codePoint) {
      value += String.fromCodePoint(codePoint);
    },
    onattribend() {
      attributeCount++;
      if (!(name in attributes)) {
        attributes[name] = value;
        keyCount++;
      }
      value = '';
    },
    onopentagend(end) {
      openTag(end, false);
    },
    onselfclosingtag(end) {
      openTag(end, true);
    },
    onclosetag(start, end) {
      const closed = input.slice(start, end).toLowerCase();
      foreign.close(closed);
      events.closeTag?.(closed, base + start - 2);
    },
    ontext(start, end) {
      events.text?.(input.slice(start, end), base + start);
    },
    ontextentity(codePoint, end) {
      events.text?.(String.fromCodePoint(codePoint), base + end);
    },
    oncdata() {},
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext: inForeign,
  };

  // After a <noscript>, a fresh tokenizer takes over where its text ends: the tokenizer holds no
  // state that outlives a tag, so this is the state a browser is in there.
  for (let from = 0; ;) {
    input = from === 0 ? html : html.slice(from);
    base = from;
    resumeAt = -1;
    tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
    tokenizer.write(input);
    if (resumeAt === -1) {
      tokenizer.end();
      return;
    }
    from = resumeAt;
  }
}
