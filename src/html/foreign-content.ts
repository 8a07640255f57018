/**
 * Start tags that end SVG or MathML content (HTML's "breakout" list of the foreign-content rules).
 *
 * @example
 * BREAKOUT.has('p'); // true: `<svg><p>` is a paragraph after the svg element
 */
export const BREAKOUT: ReadonlySet<string> = new Set(
  `b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li
  listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var`.split(/\s+/),
);

/** SVG elements whose content is HTML again (HTML integration points). */
const SVG_INTEGRATION: ReadonlySet<string> = new Set(['foreignobject', 'desc', 'title']);
/** MathML text integration points: HTML inside, but for an mglyph or malignmark start tag. */
const MATH_TEXT: ReadonlySet<string> = new Set(['mi', 'mo', 'mn', 'ms', 'mtext']);
/** Open elements whose content is MathML: the root, and glyphs inside a text integration point. */
const MATH_CONTENT: ReadonlySet<string> = new Set(['math', 'mglyph', 'malignmark']);

/**
 * The SVG and MathML a walk is inside, as HTML's tree construction decides it, without a tree: a
 * stack of the svg and math elements open and of the elements inside them whose content is HTML
 * again (integration points), popped by their end tags and by HTML's breakout tags. Shared by
 * walkHtml and its test oracle.
 *
 * @example
 * const foreign = new ForeignContent();
 * foreign.open('svg', undefined, false); // undefined: the svg element itself stands in HTML
 * foreign.open('style', undefined, false); // 'svg': an SVG style, whose content is markup
 */
export class ForeignContent {
  readonly #open: string[] = [];

  /** Whether nothing foreign is open (most pages): end tags need not be read. */
  get empty(): boolean {
    return this.#open.length === 0;
  }

  /** The foreign content the walk is in, or undefined in HTML (an integration point's too). */
  get root(): 'svg' | 'math' | undefined {
    // Never open[-1]: reading index -1 of an array is a property lookup up its prototype chain.
    if (this.#open.length === 0) return undefined;
    const top = this.#open[this.#open.length - 1]!;
    return top === 'svg' ? 'svg' : MATH_CONTENT.has(top) ? 'math' : undefined;
  }

  /** Whether a start tag's attributes decide what it does here (a font, an annotation-xml). */
  needsAttributes(tag: string): boolean {
    const root = this.root;
    return (tag === 'font' && root !== undefined) || (tag === 'annotation-xml' && root === 'math');
  }

  /**
   * A start tag (its attributes when needsAttributes said so): the foreign content it stands in,
   * after the breakout it may cause. `selfClosing` (`/>`) elements of SVG and MathML have no content.
   */
  open(
    tag: string,
    attributes: Readonly<Record<string, string>> | undefined,
    selfClosing: boolean,
  ): 'svg' | 'math' | undefined {
    const open = this.#open;
    // Most pages have no SVG or MathML: one test, and no read of open[-1].
    if (open.length === 0) {
      if (!selfClosing && (tag === 'svg' || tag === 'math')) open.push(tag);
      return undefined;
    }
    if (this.root !== undefined && (BREAKOUT.has(tag) || (tag === 'font' && fontBreaksOut(attributes))))
      while (this.root !== undefined) open.pop();
    const top = open.length === 0 ? undefined : open[open.length - 1];
    // In a text integration point an mglyph or malignmark is MathML, and so is what it holds.
    const glyph = top !== undefined && MATH_TEXT.has(top) && (tag === 'mglyph' || tag === 'malignmark');
    const root = glyph ? 'math' : this.root;
    if (!selfClosing) {
      if (tag === 'svg' || tag === 'math' || glyph) open.push(tag);
      else if (
        root === 'svg' ? SVG_INTEGRATION.has(tag) : root === 'math' && mathIntegration(tag, attributes)
      )
        open.push(tag);
    }
    return root;
  }

  /**
   * An end tag: it closes its element when that is open on top; in SVG or MathML content proper,
   * also one open further down, with all above it (`<math><mi><mglyph></math>` closes all three,
   * as HTML's foreign-content rules do); `</p>` and `</br>` break out. In an integration point the
   * element on top may be an HTML one the stack does not hold: only its own end tag closes it.
   */
  close(tag: string): void {
    const open = this.#open;
    if (open.length === 0) return;
    if (open[open.length - 1] === tag) open.pop();
    else if (this.root !== undefined) {
      if (tag === 'p' || tag === 'br') while (this.root !== undefined) open.pop();
      else {
        const at = open.lastIndexOf(tag);
        if (at !== -1) open.length = at;
      }
    }
  }
}

/** HTML's rule: a font element with color, face or size is HTML even inside SVG or MathML. */
const fontBreaksOut = (attributes: Readonly<Record<string, string>> | undefined) =>
  attributes !== undefined && ('color' in attributes || 'face' in attributes || 'size' in attributes);

/** A MathML element whose content is HTML: a text integration point, or an annotation-xml of HTML. */
function mathIntegration(tag: string, attributes: Readonly<Record<string, string>> | undefined): boolean {
  if (MATH_TEXT.has(tag)) return true;
  if (tag !== 'annotation-xml') return false;
  // The encoding is compared as written, ASCII case-insensitively: "text/html " is not HTML.
  const encoding = attributes?.encoding?.toLowerCase();
  return encoding === 'text/html' || encoding === 'application/xhtml+xml';
}
