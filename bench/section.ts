/** One benchmark's results, rendered as a section of bench/RESULTS.md. */
export interface BenchSection {
  title: string;
  method: string;
  /** First row of each is the label; the rest are figures. */
  rows: string[][];
  /** One line for the README. */
  headline: string;
}
