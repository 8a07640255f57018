/** One benchmark's results, rendered as a section of bench/RESULTS.md. */
export interface BenchSection {
  title: string;
  method: string;
  /** The table's header, when its figures are not times per operation and ratios. */
  columns?: string[];
  /** First row of each is the label; the rest are figures. */
  rows: string[][];
  /** One line for the README. */
  headline: string;
}

/**
 * A section as bench/RESULTS.md shows it: its title, method, table and headline.
 *
 * @example
 * lines.push(...renderSection(section));
 */
export function renderSection(s: BenchSection): string[] {
  const columns = s.columns ?? ['case', 'time per op', 'ratio', 'ratio'];
  return [
    `## ${s.title}`,
    '',
    s.method,
    '',
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...s.rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `**${s.headline}**`,
    '',
  ];
}

/** A difference with its sign: "+2.8", "−2.4" (a floor can measure below bare in a noisy run). */
export function signed(value: number, digits: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(digits)}`;
}

/** The median of a list of samples (the upper middle one for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
