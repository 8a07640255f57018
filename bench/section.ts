/** One benchmark's results, rendered as a section of bench/RESULTS.md. */
export interface BenchSection {
  title: string;
  method: string;
  /** First row of each is the label; the rest are figures. */
  rows: string[][];
  /** One line for the README. */
  headline: string;
}

/** A difference with its sign: "+2.8", "−2.4" (a floor can measure below bare in a noisy run). */
export function signed(value: number, digits: number): string {
  return `${value < 0 ? '−' : '+'}${Math.abs(value).toFixed(digits)}`;
}

/** The median of a list of samples (the upper middle one for an even count). */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
