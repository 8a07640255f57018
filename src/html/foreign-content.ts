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

/**
 * Elements inside SVG, and inside MathML, whose content is HTML again (HTML's integration points).
 *
 * @example
 * INTEGRATION.math.has('mtext'); // true: `<math><mtext><style>` is an HTML style element
 */
export const INTEGRATION = {
  svg: new Set(['foreignobject', 'desc', 'title']) as ReadonlySet<string>,
  math: new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']) as ReadonlySet<string>,
} as const;
