import pc from 'picocolors';
import { failsAt, runFails, type FailOn } from '../core/fail-on.js';
import type { Report, Severity, Warning } from '../core/types.js';
import { acceptedText } from './accepted-text.js';
import { crawlSummary, pageLine } from './crawl-summary.js';
import { terminalText } from './escape.js';
import { snippetLines } from './snippet-lines.js';
import { baselineCounts, fixedSection } from './baseline-text.js';

export type Verbosity = 0 | 1 | 2;

export interface TextOptions {
  verbosity?: Verbosity;
  /** Colour output; the CLI turns it on for a TTY without NO_COLOR. */
  color?: boolean;
  failOn?: FailOn;
}

const MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

/** In-process targets listen on a random loopback port: show their paths, not the port. */
function displayUrl(report: Report, url: string): string {
  if (report.targetKind !== 'app' && report.targetKind !== 'fetch') return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The report for people: a finding on several pages once, with how many of the pages judged it
 * holds on, then the others grouped by URL; within each, by check. Verbosity 0 prints one code
 * per line, 1 adds the messages and the checks that errored or were skipped with their reasons,
 * 2 adds the pages of each finding (the first ten), evidence and fix snippets.
 *
 * @example
 * process.stdout.write(formatText(await scan(app), { verbosity: 2 }));
 */
export function formatText(report: Report, options: TextOptions = {}): string {
  const verbosity = options.verbosity ?? 1;
  if (verbosity === 0) return [...new Set(report.warnings.map((w) => w.code))].map((c) => `${c}\n`).join('');
  const c = pc.createColors(options.color ?? false);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  const lines: string[] = [];
  lines.push(`${c.bold('checksecure')} ${terminalText(report.target)}`);
  const crawl = crawlSummary(report);
  if (crawl) lines.push(c.dim(`  ${crawl}`));
  if (crawl && verbosity === 2)
    for (const page of report.pages ?? [])
      lines.push(c.dim(`    ${terminalText(pageLine(page, (url) => displayUrl(report, url)))}`));
  for (const assumption of report.assumptions) lines.push(c.dim(`  assumed: ${assumption}`));
  for (const note of report.notes ?? []) lines.push(c.yellow(`  note: ${terminalText(note)}`));
  lines.push('');

  // A finding on several pages is printed once, under its own heading with the pages counted;
  // the others under their page, as a site of one page always showed them.
  const show = (url: string) => displayUrl(report, url);
  const judged = report.pages?.length ?? 0;
  const spread = report.warnings.filter((w) => (w.pages?.length ?? 0) > 1);
  const sections = [
    ...(spread.length > 0 ? ([['on several pages', spread]] as const) : []),
    // Grouped by what is shown: a fetch handler's plain-HTTP probe asks http://localhost/ where
    // its pages are https://localhost/, and both are "/" (which then headed two groups).
    ...groupBy(
      report.warnings.filter((w) => (w.pages?.length ?? 0) <= 1),
      (w) => show(w.url),
    ),
  ];
  for (const [heading, warnings] of sections) {
    lines.push(c.underline(terminalText(heading)));
    for (const [check, found] of groupBy(warnings, (w) => w.check)) {
      lines.push(`  ${c.bold(check)}`);
      for (const w of found) lines.push(...formatWarning(w, { verbosity, judged, show }, paint, c));
    }
    lines.push('');
  }
  lines.push(...fixedSection(report, c, (url) => displayUrl(report, url)));
  lines.push(...acceptedText(report.accepted ?? [], verbosity, c, (url) => displayUrl(report, url)));

  const errored = report.checks.filter((s) => s.status === 'errored');
  for (const s of errored) lines.push(`${c.red('errored')} ${s.name}: ${terminalText(s.reason ?? '')}`);
  const unscanned = report.unscanned ?? [];
  for (const page of unscanned)
    lines.push(
      `${c.red('not scanned')} GET ${terminalText(displayUrl(report, page.url))}: ${terminalText(page.reason)}`,
    );
  // A check that judged nothing is said with its reason (the same POST refused, no plain-HTTP
  // address): "1 skipped" alone reads as nothing to see. The reason may quote what the site sent.
  const skipped = report.checks.filter((x) => x.status === 'skipped');
  for (const s of skipped) lines.push(c.dim(`skipped ${s.name}: ${terminalText(s.reason ?? '')}`));
  if (errored.length > 0 || unscanned.length > 0 || skipped.length > 0) lines.push('');

  const count = (sev: Severity) => report.warnings.filter((w) => w.severity === sev).length;
  const states = ['passed', 'warned', 'errored', 'skipped'] as const;
  const checkSummary = states
    .map((state) => [state, report.checks.filter((s) => s.status === state).length] as const)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  lines.push(`Checks: ${checkSummary || 'none run'}`);
  const found = `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`;
  const failOn = options.failOn ?? 'warning';
  const unjudged = [
    ...(errored.length > 0
      ? [`${errored.length} ${errored.length === 1 ? 'check' : 'checks'} could not run`]
      : []),
    ...(unscanned.length > 0
      ? [`${unscanned.length} ${unscanned.length === 1 ? 'page' : 'pages'} could not be scanned`]
      : []),
  ];
  const verdict = failsAt(report.warnings, failOn)
    ? c.red(`fails at --fail-on ${failOn}`)
    : runFails(report, failOn)
      ? c.red(`fails: ${unjudged.join(', ')}`)
      : c.green(`passes at --fail-on ${failOn}`);
  // 0 is a time not known (a merged report of files that did not carry theirs), not a fast scan.
  const took = report.durationMs > 0 ? ` (${report.durationMs} ms)` : '';
  lines.push(`Found ${found}${baselineCounts(report)}: ${verdict}${took}`);
  return `${lines.join('\n')}\n`;
}

/** Pages listed under a finding at verbosity 2; the rest are counted. */
const PAGES_LISTED = 10;

interface WarningView {
  verbosity: Verbosity;
  /** The number of pages judged: what "on 48 of 50 pages" counts against. */
  judged: number;
  show: (url: string) => string;
}

function formatWarning(
  w: Warning,
  { verbosity, judged, show }: WarningView,
  paint: Record<Severity, (s: string) => string>,
  c: ReturnType<typeof pc.createColors>,
): string[] {
  const pages = w.pages ?? [];
  const spread =
    pages.length > 1
      ? c.dim(`  on ${pages.length}${judged >= pages.length ? ` of ${judged}` : ''} pages`)
      : '';
  const out = [
    `    ${paint[w.severity](`${MARK[w.severity]} ${w.severity.padEnd(7)}`)} ${c.bold(w.code)}${w.baseline === 'new' ? ` ${c.magenta('new')}` : ''}  ${terminalText(w.message)}${spread}`,
  ];
  if (verbosity >= 2) {
    for (const page of pages.slice(0, PAGES_LISTED)) out.push(c.dim(`        - ${terminalText(show(page))}`));
    if (pages.length > PAGES_LISTED) out.push(c.dim(`        … ${pages.length - PAGES_LISTED} more`));
    // Evidence may differ page to page (a cookie's value): the first page's is the one kept.
    if (w.evidence)
      out.push(
        c.dim(
          `        seen${pages.length > 1 ? ` on ${terminalText(show(w.url))}` : ''}: ${terminalText(w.evidence)}`,
        ),
      );
    if (w.fix) {
      out.push(`        fix: ${w.fix.middleware}`);
      for (const line of snippetLines(w.fix.snippet, '          ')) out.push(line && c.dim(line));
    }
  }
  return out;
}
