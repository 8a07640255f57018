import type { Report } from '../types.js';
import { planAnnotations, type AnnotationTarget } from './annotations.js';
import { commandData, commandProperty } from './escape.js';

export interface GithubOptions {
  /** The file (relative to the repository) the annotations point at, and the line. */
  file?: string;
  line?: number;
  /** The most annotations in all (default 50). */
  max?: number;
  /**
   * Keep one error annotation free for the failure GitHub adds when the command exits non-zero
   * ("Process completed with exit code 1"), which would otherwise be the 11th and dropped.
   */
  failing?: boolean;
}

/**
 * GitHub workflow commands, planned as the Action plans them: one annotation per code (listing
 * every URL it was seen on), at most 10 per level since GitHub drops the rest silently, the
 * codes past that named in one more. Every value is escaped, so that a hostile header cannot
 * inject a command of its own.
 *
 * @example
 * process.stdout.write(formatGithub(report, { file: 'src/app.ts', line: 12 }));
 */
export function formatGithub(report: Report, options: GithubOptions = {}): string {
  const target: AnnotationTarget | undefined = options.file
    ? { file: options.file, line: options.line ?? 1 }
    : undefined;
  // A check that could not run is an error of its own, kept within GitHub's ten per level.
  const errored = report.checks.filter((c) => c.status === 'errored');
  const plan = planAnnotations(report.warnings, target, {
    max: options.max === undefined ? undefined : Math.max(0, options.max - (errored.length > 0 ? 1 : 0)),
    reserve: { error: (options.failing ? 1 : 0) + (errored.length > 0 ? 1 : 0) },
  });
  const couldNotRun =
    errored.length === 0
      ? ''
      : `::error title=${commandProperty(`${errored.length === 1 ? 'a check' : `${errored.length} checks`} could not run (checksecure)`)}::${commandData(
          errored.map((c) => `${c.name}: ${c.reason ?? 'no reason given'}`).join('\n'),
        )}\n`;
  return (
    couldNotRun +
    plan.annotations
      .map((a) => {
        const props = [`title=${commandProperty(a.title)}`];
        if (a.file) props.push(`file=${commandProperty(a.file)}`, `line=${a.line ?? 1}`);
        return `::${a.level} ${props.join(',')}::${commandData(a.message)}\n`;
      })
      .join('')
  );
}
