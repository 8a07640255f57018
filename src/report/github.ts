import type { Report } from '../core/types.js';
import { planAnnotations, type Annotation, type AnnotationTarget } from './annotations.js';
import { commandData, commandProperty } from './escape.js';
import { logText } from '../util/log-text.js';

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
 * codes past that named in one more, and the pages that could not be read in one error first.
 * Every value is escaped, so that a hostile header cannot inject a command of its own.
 *
 * @example
 * process.stdout.write(formatGithub(report, { file: 'src/app.ts', line: 12 }));
 */
export function formatGithub(report: Report, options: GithubOptions = {}): string {
  const target: AnnotationTarget | undefined = options.file
    ? { file: options.file, line: options.line ?? 1 }
    : undefined;
  // A check that could not run and pages that could not be read are errors of their own, ahead
  // of the findings and kept within GitHub's ten per level.
  const errored = report.checks.filter((c) => c.status === 'errored');
  const unscanned = report.unscanned ?? [];
  const own: Annotation[] = [];
  if (errored.length > 0)
    own.push({
      level: 'error',
      title: `${errored.length === 1 ? 'a check' : `${errored.length} checks`} could not run (checksecure)`,
      message: errored.map((c) => `${c.name}: ${logText(c.reason ?? 'no reason given')}`).join('\n'),
    });
  if (unscanned.length > 0)
    own.push({
      level: 'error',
      title: `${unscanned.length} ${unscanned.length === 1 ? 'page' : 'pages'} not scanned`,
      message: unscanned.map((page) => `GET ${logText(page.url)}: ${logText(page.reason)}`).join('\n'),
      ...target,
    });
  // With a baseline, only what the change introduced: the rest was there before it.
  const plan = planAnnotations(
    report.warnings.filter((w) => w.baseline === undefined || w.baseline === 'new'),
    target,
    {
      max: Math.max(0, (options.max ?? 50) - own.length),
      pagesJudged: report.pages?.length,
      reserve: { error: (options.failing ? 1 : 0) + own.length },
    },
  );
  return [...own, ...plan.annotations]
    .map((a) => {
      const props = [`title=${commandProperty(a.title)}`];
      if (a.file) props.push(`file=${commandProperty(a.file)}`, `line=${a.line ?? 1}`);
      return `::${a.level} ${props.join(',')}::${commandData(a.message)}\n`;
    })
    .join('');
}
