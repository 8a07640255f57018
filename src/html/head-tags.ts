/**
 * Elements that keep the parser in the head; any other start tag (or text) begins the body,
 * after which a `<meta>` policy is ignored.
 *
 * @example
 * HEAD_TAGS.has('meta'); // true
 */
export const HEAD_TAGS: ReadonlySet<string> = new Set([
  'html',
  'head',
  'base',
  'basefont',
  'bgsound',
  'link',
  'meta',
  'noscript',
  'script',
  'style',
  'template',
  'title',
]);

