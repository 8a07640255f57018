import { logText } from '../util/log-text.js';

/**
 * Text from the scanned site (header values, URLs, bodies) reaches terminals, CI logs, job
 * summaries and PR comments. These helpers make it inert in each of those places.
 */

/**
 * Markdown table cell: no HTML, no @mention, no table or code breakout, one line, and nothing a
 * terminal or a reader's screen would obey (escape sequences, bidi overrides) when the Markdown
 * is printed rather than rendered.
 */
export function markdownCell(text: string, max = 300): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return logText(clipped.replace(/[\r\n\t]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/@(?=[\w-])/g, '@&#8203;')
    .replace(/\[/g, '&#91;')
    .replace(/\]/g, '&#93;');
}

/** The message part of a GitHub workflow command (`::warning::message`). */
export function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a GitHub workflow command (`title=`, `file=`). */
export function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One terminal or CI-log line: control characters (ANSI escapes, CR, LF), bidi overrides and
 * the runner's `##[` shown, not obeyed. The same rule as the middleware's logs (logText).
 *
 * @example
 * terminalText('x\n::error::forged') // 'x\\x0a::error::forged'
 */
export const terminalText: (text: string) => string = logText;

/**
 * JSON.stringify escapes C0 controls but leaves DEL, the C1 controls, the line separators and
 * the bidi controls as they are, and a terminal obeys them; it also leaves `##[`, which the
 * GitHub runner obeys anywhere in a line. Written as \u escapes instead, the output parses to
 * the same strings.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (a report, SARIF) made inert where it is printed: same value once parsed.
 *
 * @example
 * inertJson(JSON.stringify({ a: '\u202e##[error]' })) // '{"a":"\\u202e#\\u0023[error]"}'
 */
export function inertJson(json: string): string {
  return json
    .replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '#\\u0023[');
}
