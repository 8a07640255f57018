import type { Severity, Warning } from '../types.js';
import type { FixLocation } from './fix-location.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file?: string;
  line?: number;
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
  return unique.slice(0, max).join(', ') + (unique.length > max ? ` and ${unique.length - max} more` : '');
}

/**
 * Plans the annotations so nothing is lost to GitHub's per-level limit: one annotation per
 * code (listing every URL it was seen on), and past nine codes in a level, one more that names
 * the rest. Each points at the file where the fix belongs, when one is known.
 */
export function planAnnotations(
  warnings: readonly Warning[],
  location: FixLocation | undefined,
  max: number,
): AnnotationPlan {
  const byCode = new Map<string, Warning[]>();
  for (const w of warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  const at = location ? { file: location.file, line: location.line } : {};
  const annotations: Annotation[] = [];
  let foldedCodes = 0;
  for (const level of ['error', 'warning', 'notice'] as const) {
    const groups = [...byCode.values()].filter((group) => LEVEL[group[0]!.severity] === level);
    const own = groups.length > GITHUB_PER_LEVEL ? groups.slice(0, GITHUB_PER_LEVEL - 1) : groups;
    for (const group of own) {
      const first = group[0]!;
      const parts = [first.message, `Seen on ${list(group.map((w) => w.url))}.`];
      if (first.evidence) parts.push(`Evidence: ${first.evidence}`);
      if (first.fix) parts.push(`Fix with ${first.fix.middleware}:\n${first.fix.snippet}`);
      annotations.push({ level, title: `${first.code} (${first.check})`, message: parts.join('\n'), ...at });
    }
    const rest = groups.slice(own.length);
    if (rest.length > 0) {
      foldedCodes += rest.length;
      annotations.push({
        level,
        title: `${rest.length} more ${level === 'notice' ? 'info' : level} codes`,
        message: rest.map((group) => `${group[0]!.code} (${group.length}): ${group[0]!.message}`).join('\n'),
        ...at,
      });
    }
  }
  const kept = annotations.slice(0, max);
  const cut = annotations.slice(max);
  foldedCodes += cut.length;
  const foldedFindings = warnings.length - kept.filter((a) => !/ more /.test(a.title)).length;
  return { annotations: kept, foldedCodes, foldedFindings: Math.max(0, foldedFindings) };
}
