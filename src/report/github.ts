import type { Report, Severity } from '../types.js';
import { commandData, commandProperty } from './escape.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export interface GithubOptions {
  /** The file (relative to the repository) the annotations point at, and the line. */
  file?: string;
  line?: number;
}

/**
 * GitHub workflow commands, one annotation per warning, with every value escaped so that a
 * hostile header cannot inject a command of its own.
 *
 * @example
 * process.stdout.write(formatGithub(report, { file: 'src/app.ts', line: 12 }));
 */
export function formatGithub(report: Report, options: GithubOptions = {}): string {
  return report.warnings
    .map((w) => {
      const props = [`title=${commandProperty(`${w.code} (${w.check})`)}`];
      if (options.file) props.push(`file=${commandProperty(options.file)}`, `line=${options.line ?? 1}`);
      const body = [
        `${w.message} at ${w.url}`,
        w.evidence ? `Seen: ${w.evidence}` : '',
        w.fix ? `Fix: ${w.fix.snippet}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      return `::${COMMAND[w.severity]} ${props.join(',')}::${commandData(body)}\n`;
    })
    .join('');
}
