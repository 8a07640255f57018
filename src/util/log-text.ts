/**
 * Characters a terminal or a log viewer obeys rather than shows: C0 controls (with tab, LF and
 * CR, which would start a forged log line), DEL, C1 controls (U+009B is a CSI, U+0085 a line
 * break to some readers), the Unicode line and paragraph separators, and the bidirectional
 * overrides, isolates and marks (U+202E reverses what follows it on screen).
 */
// eslint-disable-next-line no-control-regex
const OBEYED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The GitHub runner reads `##[command]data` anywhere in a line of a step's output (its legacy
 * syntax, still parsed), so `##[add-mask]` in the middle of a finding would mask a word of the
 * log and `##[error]` would forge an annotation. `::command::` counts only at a line's start,
 * which the escaped line breaks already rule out.
 */
const LEGACY_COMMAND = /##\[/g;

/**
 * Text that came from outside (a scanned site's headers and pages, a CSP report's URLs), made
 * into one inert line for a terminal, a log or a CI log: each character a terminal would obey is
 * written as `\xNN` or `\uNNNN` instead, and the `#` that would open a workflow command as
 * `\x23`. Everything else, backslashes included, is left as it is, so an ordinary URL reads
 * unchanged. The text report, the CLI's error lines, `checksecure reports` and the middleware's
 * logs all use it.
 *
 * @example
 * logText('https://a.example/\n2026 ERROR forged') // 'https://a.example/\\x0a2026 ERROR forged'
 */
export function logText(text: string): string {
  return text
    .replace(OBEYED, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .replace(LEGACY_COMMAND, '#\\x23[');
}
