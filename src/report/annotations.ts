import type { Severity, Warning } from '../core/types.js';
import { logText } from '../util/log-text.js';

/** Where annotations point: a file of the repository (forward slashes) and a line. */
export interface AnnotationTarget {
  file: string;
  line: number;
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file?: string;
  line?: number;
  /** The codes this annotation stands for, when it names several (a summary annotation). */
  folds?: number;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Codes that did not get an annotation of their own (folded into a summary annotation, or cut by max-annotations). */
  foldedCodes: number;
  /** Findings that share an annotation with others. */
  foldedFindings: number;
}

const LEVEL: Record<Severity, AnnotationLevel> = { error: 'error', warning: 'warning', info: 'notice' };
/** GitHub shows at most 10 annotations per level per step and drops the rest silently. */
export const GITHUB_PER_LEVEL = 10;

function list(urls: string[], max = 5): string {
  const unique = [...new Set(urls)];
  return (
    unique.slice(0, max).map(logText).join(', ') +
    (unique.length > max ? ` and ${unique.length - max} more` : '')
  );
}

/** "3 of 50 pages: " before the list, when a code holds on more than one page. */
function spread(pages: readonly string[], judged: number | undefined): string {
  const n = new Set(pages).size;
  if (n <= 1) return '';
  return `${n}${judged !== undefined && judged >= n ? ` of ${judged}` : ''} pages: `;
}

export interface PlanOptions {
  /** The most annotations in all (default 50). */
  max?: number;
  /** The number of pages judged (`report.pages.length`): "Seen on 48 of 50 pages". */
  pagesJudged?: number;
  /**
   * Slots per level kept free for annotations written besides the findings: the error that
   * fails the step (GitHub drops the 11th error, and with it the reason the step failed).
   */
  reserve?: Partial<Record<AnnotationLevel, number>>;
}

/**
 * Plans the annotations so nothing is lost to GitHub's per-level limit: one annotation per
 * code (its first finding's message and pages, and the pages of the code's other findings), and past the limit in a level, one more that names
 * the rest. Each points at the file where the fix belongs, when one is known.
 *
 * @example
 * const { annotations } = planAnnotations(report.warnings, { file: 'src/app.ts', line: 3 }, { reserve: { error: 1 } });
 */
export function planAnnotations(
  warnings: readonly Warning[],
  location: AnnotationTarget | undefined,
  options: PlanOptions = {},
): AnnotationPlan {
  const max = options.max ?? 50;
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) {
    const group = byCode.get(w.code);
    if (group) group.push(w);
    else byCode.set(w.code, [w]);
  }
  const at = location ? { file: location.file, line: location.line } : {};
  const annotations: Annotation[] = [];
  let foldedCodes = 0;
  for (const level of ['error', 'warning', 'notice'] as const) {
    const groups = [...byCode.values()].filter((group) => LEVEL[group[0]!.severity] === level);
    const room = Math.max(1, GITHUB_PER_LEVEL - (options.reserve?.[level] ?? 0));
    const own = groups.length > room ? groups.slice(0, room - 1) : groups;
    for (const group of own) {
      const first = group[0]!;
      // The line breaks are ours (between the parts, in the fix snippet); the site's text goes in
      // as one inert line each, since the runner's log shows the command line as it came.
      // The message, evidence and page count are the first finding's: the others of the code say
      // something else (another cookie, another form), so they are named, not counted as its pages.
      const pages = first.pages ?? [first.url];
      const parts = [logText(first.message), `Seen on ${spread(pages, options.pagesJudged)}${list(pages)}.`];
      const others = group.slice(1);
      if (others.length > 0)
        parts.push(
          `And ${others.length} more finding${others.length === 1 ? '' : 's'} of this code: ${list(others.flatMap((w) => w.pages ?? [w.url]))}.`,
        );
      if (first.evidence) parts.push(`Evidence: ${logText(first.evidence)}`);
      if (first.fix)
        parts.push(
          `Fix with ${first.fix.middleware}:\n${first.fix.snippet.split('\n').map(logText).join('\n')}`,
        );
      annotations.push({ level, title: `${first.code} (${first.check})`, message: parts.join('\n'), ...at });
    }
    const rest = groups.slice(own.length);
    if (rest.length > 0) {
      foldedCodes += rest.length;
      annotations.push({
        level,
        title: `${rest.length} more ${level === 'notice' ? 'info' : level} codes`,
        message: rest
          .map((group) => `${group[0]!.code} (${group.length}): ${logText(group[0]!.message)}`)
          .join('\n'),
        folds: rest.length,
        ...at,
      });
    }
  }
  const kept = annotations.slice(0, max);
  // A cut summary annotation's codes were counted as folded already; a cut code's were not.
  foldedCodes += annotations.slice(max).filter((a) => a.folds === undefined).length;
  const foldedFindings = warnings.length - kept.filter((a) => a.folds === undefined).length;
  return { annotations: kept, foldedCodes, foldedFindings: Math.max(0, foldedFindings) };
}
