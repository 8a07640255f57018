import type pc from 'picocolors';
import type { AcceptedWarning } from '../core/types.js';
import { groupAccepted } from './accepted-groups.js';
import { terminalText } from './escape.js';

/**
 * The text report's lines about accepted findings, apart from those that count: at verbosity 1
 * one line that counts them, at 2 an "Accepted" section with each code, its pages, the reason
 * and the end date. The reason and the pages are the config's and the site's text: shown inert.
 *
 * @example
 * lines.push(...acceptedText(report.accepted ?? [], 2, pc.createColors(false), (url) => url));
 */
export function acceptedText(
  accepted: readonly AcceptedWarning[],
  verbosity: 0 | 1 | 2,
  c: ReturnType<typeof pc.createColors>,
  displayUrl: (url: string) => string,
): string[] {
  if (accepted.length === 0 || verbosity === 0) return [];
  const groups = groupAccepted(accepted);
  // Counted as the findings that count are: one per code and acceptance, whatever its pages.
  const n = groups.length;
  if (verbosity === 1)
    return [
      c.dim(`${n} ${n === 1 ? 'finding' : 'findings'} accepted (-v 2 lists ${n === 1 ? 'it' : 'them'})`),
      '',
    ];
  const lines = [c.bold('Accepted')];
  for (const group of groups) {
    const pages = group.pages.map((page) => terminalText(displayUrl(page)));
    lines.push(`  ${c.bold(group.code)} ${c.dim(group.severity)} on ${pages.join(', ')}`);
    lines.push(
      c.dim(`    reason: ${terminalText(group.reason)}${group.until ? ` (until ${group.until})` : ''}`),
    );
  }
  lines.push('');
  return lines;
}
