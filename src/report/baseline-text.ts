import type pc from 'picocolors';
import type { Report } from '../core/types.js';
import { terminalText } from './escape.js';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * The text report's "Fixed since the baseline" section: each finding the earlier report had
 * that is gone, by code and page. Empty without a baseline or when nothing was fixed.
 *
 * @example
 * lines.push(...fixedSection(report, pc.createColors(false), (url) => url));
 */
export function fixedSection(report: Report, c: Colors, show: (url: string) => string): string[] {
  const fixed = report.baseline?.fixed ?? [];
  if (fixed.length === 0) return [];
  return [
    c.green(`Fixed since the baseline (${terminalText(report.baseline!.target)}):`),
    ...fixed.map((w) => {
      const pages = w.pages && w.pages.length > 1 ? w.pages : [w.url];
      const where = pages
        .slice(0, 3)
        .map((page) => terminalText(show(page)))
        .join(', ');
      const more = pages.length > 3 ? ` and ${pages.length - 3} more` : '';
      return `  ${c.green('✔')} ${c.bold(terminalText(w.code))}  ${terminalText(w.check)} on ${where}${more}`;
    }),
    '',
  ];
}

/**
 * What the verdict line adds with a baseline: how many findings are new (the ones --fail-on
 * counts), how many the earlier report had that are gone, and how many are on pages the earlier
 * report did not judge (a crawl that reached other pages), which are not compared.
 *
 * @example
 * `Found 2 errors${baselineCounts(report)}` // 'Found 2 errors (1 new, 3 fixed since the baseline)'
 */
export function baselineCounts(report: Report): string {
  if (!report.baseline) return '';
  const fresh = report.warnings.filter((w) => w.baseline === 'new').length;
  const outside = report.warnings.filter((w) => w.baseline === 'not-compared').length;
  const note = outside > 0 ? `; ${outside} on pages the baseline did not judge, not compared` : '';
  return ` (${fresh} new, ${report.baseline.fixed.length} fixed since the baseline${note})`;
}
