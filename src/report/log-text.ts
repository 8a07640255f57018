/**
 * Characters a terminal or a log viewer obeys rather than shows: C0 controls (with tab, LF and
 * CR, which would start a forged log line), DEL, C1 controls (U+009B is a CSI), the Unicode line
 * and paragraph separators, and the bidirectional overrides and isolates (U+202E reverses what
 * follows it on screen).
 */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that came from a client (a CSP report's URLs), made into one inert line for a log or a
 * terminal: each character a terminal would obey is written as `\xNN` or `\uNNNN` instead.
 * Everything else, backslashes included, is left as it is, so an ordinary URL reads unchanged.
 *
 * @example
 * logText('https://a.example/\n2026 ERROR forged') // 'https://a.example/\\x0a2026 ERROR forged'
 */
export function logText(text: string): string {
  return text.replace(OBEYED, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
