import type { Report, Severity, Warning } from '../core/types.js';
import { markdownCell } from './escape.js';

const ICON: Record<Severity, string> = { error: '🔴', warning: '🟠', info: '🔵' };

/** Where a finding holds, in one cell: its page, or its first page and how many more. */
function where(w: Warning): string {
  const more =
    w.pages && w.pages.length > 1
      ? ` and ${w.pages.length - 1} more ${w.pages.length === 2 ? 'page' : 'pages'}`
      : '';
  return `${markdownCell(w.url, 120)}${more}`;
}

/**
 * What the Markdown report (job summary, pull request comment) says with a baseline: counts of
 * what the change introduced and fixed, then both lists, within `budget` characters as `size`
 * counts them (the rest counted in a closing line). Empty without a baseline.
 *
 * @example
 * head.push(...baselineMarkdown(report, 16_000, (text) => text.length));
 */
export function baselineMarkdown(report: Report, budget: number, size: (text: string) => number): string[] {
  if (!report.baseline) return [];
  const introduced = report.warnings.filter((w) => w.baseline === 'new');
  const { fixed } = report.baseline;
  const outside = report.warnings.filter((w) => w.baseline === 'not-compared').length;
  const note = outside > 0 ? `, ${outside} on pages the baseline did not judge (not compared)` : '';
  const lines = [
    '',
    `**Compared with the baseline** (${markdownCell(report.baseline.target, 120)}): ${introduced.length} introduced, ${fixed.length} fixed, ${report.warnings.length - introduced.length - outside} unchanged${note}.`,
  ];
  let used = lines.reduce((n, line) => n + size(line) + 1, 0);
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    const head = ['', `**${title} (${items.length}):**`];
    used += head.reduce((n, line) => n + size(line) + 1, 0);
    lines.push(...head);
    let shown = 0;
    for (const item of items) {
      // Room is kept for the line that counts what did not fit.
      if (used + size(item) + 1 + 40 > budget) break;
      lines.push(item);
      used += size(item) + 1;
      shown += 1;
    }
    if (shown < items.length) {
      const rest = `- …and ${items.length - shown} more.`;
      lines.push(rest);
      used += size(rest) + 1;
    }
  };
  section(
    'Introduced',
    introduced.map(
      (w) => `- ${ICON[w.severity]} \`${w.code}\` on ${where(w)}: ${markdownCell(w.message, 200)}`,
    ),
  );
  section(
    'Fixed',
    fixed.map((w) => `- ✅ \`${markdownCell(w.code, 80)}\` (${markdownCell(w.check, 80)}) on ${where(w)}`),
  );
  return lines;
}
