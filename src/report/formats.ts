import { runFails, type FailOn } from '../core/fail-on.js';
import type { Check, Report } from '../core/types.js';
import type { MarkdownOptions } from './markdown.js';
import type { Verbosity } from './text.js';

/** What a caller knows when it writes a report; each format reads the fields its `reads` names. */
export interface RenderContext {
  /** The checks that ran: SARIF describes each of their codes as a rule. */
  checks: readonly Check[];
  /** The repository file (relative, `/`-separated) results point at, and the line in it. */
  location?: { file: string; line?: number };
  verbosity: Verbosity;
  /** Colour; only a terminal without NO_COLOR gets it. */
  color?: boolean;
  failOn: FailOn;
  toolVersion: string;
  /** Markdown's size budget and closing line (a job summary holds 1 MiB). */
  markdown?: MarkdownOptions;
}

/** One report format: the CLI's --format values, its help and the Action's files all come from these. */
export interface ReportFormat {
  readonly name: string;
  /** Its line in `--help`. */
  readonly description: string;
  /** Offered by the CLI's `--format`. */
  readonly cli: boolean;
  /**
   * The fields of the context it reads. A format that reads `location` points at a source file:
   * the CLI looks for the line that creates the app only for such a format.
   */
  readonly reads: readonly (keyof RenderContext)[];
  /** How messages name it ("the SARIF results point at no file"). */
  readonly title: string;
  /** Who cannot use its results without a file to point at: said when there is none. */
  readonly locationNeededBy?: string;
  /**
   * The file the Action writes in this format: the output that gives its path, and the input
   * that names it (without an input, a file of the step's own, always written).
   */
  readonly action?: { readonly output: string; readonly input?: string; readonly fileName?: string };
  /** Loads its reporter only when called, so that `--help` and the other formats never parse it. */
  render(report: Report, context: RenderContext): Promise<string>;
}

const FORMATS = [
  {
    name: 'text',
    title: 'text',
    description: 'for people: findings by URL and check',
    cli: true,
    reads: ['verbosity', 'color', 'failOn'],
    render: async (report, { verbosity, color, failOn }) =>
      (await import('./text.js')).formatText(report, { verbosity, color: color ?? false, failOn }),
  },
  {
    name: 'json',
    title: 'JSON',
    description: 'for scripts: warnings, checks, notes, unscanned',
    cli: true,
    reads: [],
    action: { output: 'report', fileName: 'report.json' },
    render: async (report) => (await import('./json.js')).formatJson(report),
  },
  {
    name: 'sarif',
    title: 'SARIF',
    description: 'SARIF 2.1.0, for GitHub code scanning',
    cli: true,
    reads: ['checks', 'location', 'toolVersion'],
    locationNeededBy: 'GitHub code scanning',
    action: { output: 'sarif', input: 'sarif-file' },
    render: async (report, { checks, location, toolVersion }) =>
      (await import('./sarif.js')).formatSarif(report, {
        checks,
        location: location
          ? { uri: location.file, ...(location.line !== undefined ? { line: location.line } : {}) }
          : undefined,
        toolVersion,
      }),
  },
  {
    name: 'github',
    title: 'GitHub annotation',
    description: 'annotations, as GitHub Actions workflow commands',
    cli: true,
    reads: ['location', 'failOn'],
    render: async (report, { location, failOn }) =>
      (await import('./github.js')).formatGithub(report, {
        file: location?.file,
        line: location?.line,
        failing: runFails(report, failOn),
      }),
  },
  {
    name: 'markdown',
    title: 'Markdown',
    description: 'a table for job summaries and PR comments',
    cli: true,
    reads: ['markdown'],
    render: async (report, { markdown }) => (await import('./markdown.js')).formatMarkdown(report, markdown),
  },
] as const satisfies readonly ReportFormat[];

export type FormatName = (typeof FORMATS)[number]['name'];

/**
 * Every report format. Adding one is an entry here and its module in src/report/: the CLI's
 * `--format` validation, its help and its output, and the Action's report files read this list.
 *
 * @example
 * const sarif = REPORT_FORMATS.find((f) => f.name === 'sarif')!;
 * await sarif.render(report, { checks: defaultChecks, verbosity: 1, failOn: 'warning', toolVersion: '1.0.0' });
 */
export const REPORT_FORMATS: readonly (ReportFormat & { readonly name: FormatName })[] = FORMATS;

/** What the CLI writes without `--format`. */
export const DEFAULT_FORMAT: FormatName = 'text';

/**
 * The format of that name.
 *
 * @example
 * process.stdout.write(await reportFormat('json').render(report, context));
 */
export function reportFormat(name: FormatName): ReportFormat {
  return REPORT_FORMATS.find((format) => format.name === name)!;
}
