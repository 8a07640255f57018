import type { AcceptedWarning } from '../core/types.js';
import { groupAccepted } from './accepted-groups.js';
import { markdownCell } from './escape.js';

const PAGES_SHOWN = 5;

/**
 * The Markdown report's accepted findings: a collapsed section (a job summary or a pull request
 * comment shows what counts first), a row per code and acceptance with its pages, reason and end
 * date, rows past `budget` (in the units `size` counts) counted instead. The reason is the
 * config's text and the pages the site's: escaped like every cell.
 *
 * @example
 * tail.push(...acceptedMarkdown(report.accepted ?? [], 10_000, (text) => text.length));
 */
export function acceptedMarkdown(
  accepted: readonly AcceptedWarning[],
  budget: number,
  size: (text: string) => number,
): string[] {
  if (accepted.length === 0) return [];
  const groups = groupAccepted(accepted);
  // Counted as the findings that count are: one per code and acceptance, whatever its pages.
  const n = groups.length;
  const head = [
    '',
    `<details><summary>${n} ${n === 1 ? 'finding' : 'findings'} accepted (by the config's accept list; they do not fail the run)</summary>`,
    '',
    '| code | pages | reason | until |',
    '|---|---|---|---|',
  ];
  const close = ['', '</details>'];
  const rest = (left: number) => `| …and ${left} more |  |  |  |`;
  let used = [...head, ...close, rest(groups.length)].reduce((total, line) => total + size(line) + 1, 0);
  const rows: string[] = [];
  for (const group of groups) {
    const shown = group.pages.slice(0, PAGES_SHOWN).map((page) => markdownCell(page, 120));
    const more = group.pages.length - shown.length;
    const row = `| \`${group.code}\` | ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''} | ${markdownCell(group.reason)} | ${group.until ?? ''} |`;
    if (used + size(row) + 1 > budget) break;
    rows.push(row);
    used += size(row) + 1;
  }
  if (rows.length < groups.length) rows.push(rest(groups.length - rows.length));
  return [...head, ...rows, ...close];
}
