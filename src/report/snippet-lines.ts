import { logText } from '../util/log-text.js';

/**
 * A fix snippet's lines, indented for a report, a matcher message or `--explain`. The blank line
 * between a snippet's import and its use stays blank: no trailing spaces for editors and diffs
 * to flag when a reader pastes it. A snippet may carry what the site sent (a policy's sources),
 * so each line is made inert like any other text of the site's.
 *
 * @example
 * snippetLines("import { hsts } from 'checksecure/middleware';\n\napp.use(hsts());", '  ');
 * // ["  import { hsts } from 'checksecure/middleware';", '', '  app.use(hsts());']
 */
export function snippetLines(snippet: string, indent: string): string[] {
  return snippet.split('\n').map((line) => (line === '' ? '' : `${indent}${logText(line)}`));
}
