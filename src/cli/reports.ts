import { parseCsp, type CspPolicy } from '../headers/csp.js';
import { analyseReports, type Analysis } from '../csp/reports/analyse.js';
import { readLines } from '../csp/reports/lines.js';
import { NOISE_LABELS, NoiseFilter, type NoiseReason } from '../csp/reports/noise.js';
import { PolicyPreview, type PreviewResult } from '../csp/reports/preview.js';
import { proposePolicy, type Coverage, type Proposal } from '../csp/reports/propose.js';
import { reportFields } from '../csp/reports/report.js';
import { ReportSummariser, type ReportSummary } from '../csp/reports/summary.js';
import { inertJson, terminalText } from '../report/escape.js';
import { UsageError } from './args.js';
import { parseCommandArgs } from './command-args.js';

export type { ReportSummary } from '../csp/reports/summary.js';

/**
 * Summarises JSON Lines text of CSP violations (as `jsonlSink` writes) by directive, blocked
 * URI and page: the analysis django-security offered in its admin. The CLI streams the file
 * through the same counter.
 *
 * @example
 * summariseReports('{"effectiveDirective":"img-src"}\n').byDirective; // [['img-src', 1]]
 */
export function summariseReports(text: string, n = 10): ReportSummary {
  const summary = new ReportSummariser();
  for (const line of text.split('\n')) summary.line(line);
  return summary.result(n);
}

function table(title: string, rows: [string, number][]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([, count]) => String(count).length));
  return [
    '',
    title,
    // Every key is text a client sent: a newline in it would print a forged row, an escape
    // sequence would restyle the terminal, U+202E would show the row reversed.
    ...rows.map(([key, count]) => `  ${String(count).padStart(width)}  ${terminalText(key)}`),
  ];
}

/** `checksecure reports`' arguments, checked. */
export interface ReportsArgs {
  file: string;
  top: number;
  format: 'text' | 'json' | 'ts';
  propose: boolean;
  preview: boolean;
  /** --policy, parsed. */
  policy?: CspPolicy;
  /** --site, as an origin. */
  site?: string;
}

const USAGE =
  "reports: usage: checksecure reports FILE [--top N] [--format text|json] [--propose [--format ts]] [--preview] [--policy '<policy>'] [--site ORIGIN]";

/**
 * Parses `checksecure reports FILE [--top N] [--format text|json|ts] [--propose] [--preview]
 * [--policy POLICY] [--site ORIGIN]` (without `reports`): a wrong flag or value is a usage error
 * that names the flag.
 *
 * @example
 * parseReportsArgs(['csp.jsonl', '--top', '5']); // { file: 'csp.jsonl', top: 5, format: 'text', propose: false, preview: false }
 */
export function parseReportsArgs(argv: readonly string[]): ReportsArgs {
  const parsed = parseCommandArgs('reports', argv, {
    top: { type: 'string' },
    format: { type: 'string' },
    propose: { type: 'boolean' },
    preview: { type: 'boolean' },
    policy: { type: 'string' },
    site: { type: 'string' },
  });
  const { values } = parsed;
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(USAGE);
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError(`reports: --top: "${values.top}" is not a positive whole number`);
  const propose = values.propose ?? false;
  const preview = values.preview ?? false;
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'ts')
    throw new UsageError(`reports: --format: "${format}" is not one of text, json, ts`);
  if (format === 'ts' && (!propose || preview))
    throw new UsageError(
      'reports: --format: ts prints the proposed policy alone: use it with --propose, without --preview',
    );
  if (!propose && !preview) {
    for (const flag of ['policy', 'site'] as const)
      if (values[flag] !== undefined)
        throw new UsageError(`reports: --${flag}: only with --propose or --preview`);
  }
  let policy: CspPolicy | undefined;
  if (values.policy !== undefined) {
    const parsedPolicies = parseCsp([values.policy], 'header');
    const problems = parsedPolicies.flatMap((p) => p.problems.filter((x) => x.kind === 'syntax'));
    if (parsedPolicies.length !== 1)
      throw new UsageError('reports: --policy: one policy, without "," (a comma starts a second one)');
    if (problems.length > 0)
      throw new UsageError(`reports: --policy: ${problems.map((p) => p.message).join('; ')}`);
    policy = parsedPolicies[0];
  }
  if (preview && !propose && !policy)
    throw new UsageError(
      'reports: --preview: give --policy (the policy to preview), or --propose to preview the proposal',
    );
  let site: string | undefined;
  if (values.site !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(values.site);
    } catch {
      // Reported below.
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin === 'null')
      throw new UsageError(
        `reports: --site: "${values.site}" is not an http(s) origin such as https://shop.example`,
      );
    site = url.origin;
  }
  return {
    file,
    top,
    format,
    propose,
    preview,
    ...(policy ? { policy } : {}),
    ...(site ? { site } : {}),
  };
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

function unreadable(file: string, error: unknown): UsageError {
  return new UsageError(
    `reports: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
  );
}

async function summaryMode(args: ReportsArgs, write: (text: string) => void): Promise<number> {
  const summariser = new ReportSummariser();
  let tooLong;
  try {
    ({ tooLong } = await readLines(args.file, (line) => summariser.line(line)));
  } catch (error) {
    throw unreadable(args.file, error);
  }
  summariser.skip(tooLong);
  const summary = summariser.result(args.top);
  if (args.format === 'json') {
    write(`${inertJson(JSON.stringify(summary, null, 2))}\n`);
    return 0;
  }
  const lines = [
    `${summary.total} CSP violation reports in ${terminalText(args.file)}${summary.skipped ? ` (${summary.skipped} unreadable lines skipped)` : ''}`,
  ];
  if (summary.capped)
    lines.push('(more than 10,000 distinct values in a table: the first 10,000 are counted)');
  lines.push(
    ...table('By directive:', summary.byDirective),
    ...table('By blocked URI:', summary.byBlocked),
    ...table('By page:', summary.byPage),
  );
  write(`${lines.join('\n')}\n`);
  return 0;
}

/** Replays the file's non-noise reports against `policy`: a second streaming pass. */
async function preview(args: ReportsArgs, analysis: Analysis, policy: CspPolicy): Promise<PreviewResult> {
  const noise = new NoiseFilter({ policy: args.policy, site: analysis.site });
  const replay = new PolicyPreview(policy, new URL(analysis.site));
  await readLines(args.file, (line) => {
    const report = reportFields(line);
    if (report && !noise.classify(report, line)) replay.add(report);
  });
  return replay.result();
}

function pagesText(coverage: Coverage, shown = 3): string {
  const pages = coverage.pages.length + (coverage.morePages ? 1 : 0);
  const names = coverage.pages.slice(0, shown).map(([page]) => terminalText(page));
  const more = coverage.pages.length - names.length;
  const rest = more > 0 || coverage.morePages ? `, +${coverage.morePages ? 'more' : count(more)}` : '';
  return `${plural(coverage.reports, 'report')} on ${coverage.morePages ? `${count(pages - 1)}+ pages` : plural(pages, 'page')} (${names.join(', ')}${rest})`;
}

/** secure()'s directives for the proposal: a nonce from the reports is one request's, so it becomes the per-request 'nonce'. */
function tsDirectives(proposal: Proposal): string {
  const entries = proposal.directives.map(([name, list]) => {
    const sources = [...new Set(list.map((s) => (/^'nonce-/i.test(s) ? "'nonce'" : s)))];
    return `      ${JSON.stringify(name)}: ${sources.length ? `[${sources.map((s) => JSON.stringify(s)).join(', ')}]` : 'true'},`;
  });
  return [
    "import { secure } from 'checksecure/middleware';",
    '',
    'export const csp = secure({',
    '  contentSecurityPolicy: {',
    "    preset: 'none',",
    '    directives: {',
    ...entries,
    '    },',
    '  },',
    '});',
  ].join('\n');
}

function droppedLine(analysis: Analysis): string {
  const reasons = (Object.keys(analysis.dropped) as NoiseReason[])
    .filter((r) => analysis.dropped[r] > 0)
    .sort((a, b) => analysis.dropped[b] - analysis.dropped[a]);
  const total = reasons.reduce((n, r) => n + analysis.dropped[r], 0);
  if (total === 0) return `dropped none of ${count(analysis.reports)} as noise`;
  return `dropped ${count(total)} of ${count(analysis.reports)}: ${reasons.map((r) => `${count(analysis.dropped[r])} ${NOISE_LABELS[r]}`).join(', ')}`;
}

function previewLines(result: PreviewResult, top: number, what: string): string[] {
  const lines = [''];
  if (result.pages.length === 0) {
    lines.push(`If ${what} were enforced: no page would break (${plural(result.allowed, 'report')} allowed)`);
    return lines;
  }
  lines.push(
    `If ${what} were enforced: ${result.morePages ? `${count(result.pages.length)}+` : count(result.pages.length)} ${result.pages.length === 1 && !result.morePages ? 'page' : 'pages'} would break (${plural(result.blocked, 'report')} still blocked, ${count(result.allowed)} allowed):`,
  );
  for (const page of result.pages.slice(0, top)) {
    lines.push(`  ${terminalText(page.page)}: ${plural(page.reports, 'report')}`);
    for (const loss of page.losses.slice(0, top))
      lines.push(`    ${loss.directive} ${terminalText(loss.blocked)} (${count(loss.reports)})`);
    if (page.moreLosses || page.losses.length > top) lines.push('    …');
  }
  if (result.pages.length > top) lines.push(`  … ${plural(result.pages.length - top, 'more page')}`);
  return lines;
}

async function analysisMode(args: ReportsArgs, write: (text: string) => void): Promise<number> {
  let analysis: Analysis;
  try {
    analysis = await analyseReports(args.file, { site: args.site, policy: args.policy });
  } catch (error) {
    throw unreadable(args.file, error);
  }
  if (analysis.site === '') {
    write(
      `${plural(analysis.reports, 'CSP violation report')} in ${terminalText(args.file)}: none from a page with an origin${analysis.reports ? ' once noise is dropped' : ''}; nothing to propose\n`,
    );
    return 0;
  }
  const current = args.policy ?? parseCsp([analysis.commonPolicy], 'header')[0];
  // Anyone can post a report, so a policy read from them may be one an attacker sent: say so.
  const policyFrom = args.policy
    ? 'given (--policy)'
    : 'the most common originalPolicy of the reports (anyone can send a report: --policy gives the one you deploy)';
  if (args.propose && (!current || analysis.commonPolicy === '') && !args.policy)
    throw new UsageError(
      'reports: --policy: the reports carry no originalPolicy: give the current policy with --policy',
    );
  const proposal =
    args.propose && current ? proposePolicy(analysis.groups, current, new URL(analysis.site)) : undefined;
  const previewed = proposal ? parseCsp([proposal.policy], 'header')[0]! : args.policy;
  const previewResult = args.preview && previewed ? await preview(args, analysis, previewed) : undefined;

  if (args.format === 'ts' && proposal) {
    write(`${tsDirectives(proposal)}\n`);
    return 0;
  }
  if (args.format === 'json') {
    const json = {
      reports: analysis.reports,
      skipped: analysis.skipped,
      dropped: analysis.dropped,
      kept: analysis.kept,
      site: analysis.site,
      siteFrom: analysis.siteFrom,
      capped: analysis.capped,
      ...(proposal
        ? {
            currentPolicy: current!.raw,
            policyFrom: args.policy ? 'given' : 'most common originalPolicy',
            proposal,
          }
        : {}),
      ...(previewResult ? { preview: previewResult } : {}),
    };
    write(`${inertJson(JSON.stringify(json, null, 2))}\n`);
    return 0;
  }
  const lines = [
    `${plural(analysis.reports, 'CSP violation report')} in ${terminalText(args.file)}${analysis.skipped ? ` (${count(analysis.skipped)} unreadable lines skipped)` : ''}`,
    `site: ${terminalText(analysis.site)} (${analysis.siteFrom === 'given' ? 'given (--site)' : 'the most common page origin; --site chooses another'})`,
    droppedLine(analysis),
  ];
  if (analysis.capped)
    lines.push(
      '(bounded memory: more distinct groups, pages or policies than are kept; the lists are partial, the counts exact)',
    );
  if (proposal && current) {
    const top = args.top;
    lines.push('', `current policy: ${policyFrom}`, `  ${terminalText(current.raw)}`);
    lines.push('', proposal.changes.length ? 'Proposed changes:' : 'Proposed changes: none');
    for (const change of proposal.changes.slice(0, top)) {
      const created = proposal.created.includes(change.directive) ? ' (new, copied from default-src)' : '';
      lines.push(
        `  ${change.directive}${created}: add ${terminalText(change.source)} — covers ${pagesText(change)}`,
      );
    }
    if (proposal.changes.length > top)
      lines.push(`  … ${plural(proposal.changes.length - top, 'more change')} (--top)`);
    if (proposal.alreadyAllowed)
      lines.push(
        `  (${plural(proposal.alreadyAllowed, 'report')} the current policy already allows: sent under another policy)`,
      );
    for (const [title, items] of [
      ["Needs a nonce or hash (never 'unsafe-inline'):", proposal.needsNonce],
      ['Must change in the app (the proposal does not allow it):', proposal.mustChange],
    ] as const) {
      if (items.length === 0) continue;
      lines.push('', title);
      for (const item of items.slice(0, top))
        lines.push(`  ${item.directive} ${terminalText(item.blocked)} — ${pagesText(item)}: ${item.fix}`);
      if (items.length > top) lines.push(`  … ${plural(items.length - top, 'more')} (--top)`);
    }
    lines.push('', 'Proposed policy:', `  ${terminalText(proposal.policy)}`);
  }
  if (previewResult)
    lines.push(...previewLines(previewResult, args.top, proposal ? 'the proposed policy' : 'this policy'));
  write(`${lines.join('\n')}\n`);
  return 0;
}

/** `checksecure reports FILE [--top N] [--format text|json|ts] [--propose] [--preview] [--policy P] [--site ORIGIN]`. */
export async function reportsCommand(
  argv: readonly string[],
  write: (text: string) => void,
): Promise<number> {
  const args = parseReportsArgs(argv);
  return args.propose || args.preview ? analysisMode(args, write) : summaryMode(args, write);
}
