import type { Report, Severity } from '../types.js';
import { markdownCell } from './escape.js';

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

export interface MarkdownOptions {
  /** Rows beyond this are counted, not listed (a PR comment has a size limit). Default 200. */
  maxRows?: number;
}

/**
 * The table the Action puts in job summaries and PR comments. Everything from the scanned site
 * is escaped: no HTML, no @mentions, no table breakout.
 *
 * @example
 * await appendFile(process.env.GITHUB_STEP_SUMMARY, formatMarkdown(report));
 */
export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxRows ?? 200;
  const count = (s: Severity) => report.warnings.filter((w) => w.severity === s).length;
  const lines = [
    `### checksecure: ${markdownCell(report.target)}`,
    '',
    report.warnings.length === 0
      ? 'No findings. ✅'
      : `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info.`,
  ];
  const notes = report.notes ?? [];
  if (notes.length > 0) lines.push('', ...notes.map((note) => `> ${markdownCell(note, 300)}`));
  if (report.warnings.length > 0) {
    lines.push('', '| severity | code | URL | finding | fix |', '|---|---|---|---|---|');
    for (const w of report.warnings.slice(0, max)) {
      lines.push(
        `| ${ICON[w.severity]} | \`${w.code}\` | ${markdownCell(w.url, 120)} | ${markdownCell(w.message)} | ${w.fix ? `\`${markdownCell(w.fix.middleware, 80)}\`` : ''} |`,
      );
    }
    if (report.warnings.length > max) lines.push('', `…and ${report.warnings.length - max} more.`);
  }
  const troubled = report.checks.filter((c) => c.status === 'errored');
  if (troubled.length > 0) {
    lines.push(
      '',
      '**Checks that errored:**',
      ...troubled.map((c) => `- \`${c.name}\`: ${markdownCell(c.reason ?? '')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
