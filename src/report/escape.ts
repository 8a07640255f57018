/**
 * Text from the scanned site (header values, URLs, bodies) reaches logs, job summaries and PR
 * comments. These helpers make it inert in each of those places.
 */

/** Markdown table cell: no HTML, no @mention, no table or code breakout, one line. */
export function markdownCell(text: string, max = 300): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return clipped
    .replace(/[\r\n\t]+/g, ' ')
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

/** One terminal line: control characters (ANSI escapes, CR) from a hostile site shown, not obeyed. */
export function terminalText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
