import { defaultChecks } from '../checks/index.js';
import { applyAcceptances } from './accept.js';
import { makeContext } from './context.js';
import { CheckError, unscannedError } from './errors.js';
import { checkList, resolveOptions } from './options.js';
import type { ScanOptions } from './types.js';
import { pageNotes } from '../probe/page-notes.js';
import { Probe } from '../probe/probe.js';
import { openTarget, type Target } from '../probe/target.js';
import { codesOf, toCheck } from './registry.js';
import type { Check, CheckInput } from './types.js';
import { runCheck } from './run-check.js';
import { groupFindings } from './group-findings.js';
import type { Fix, FixSpec, Report, Severity, Warning } from './types.js';
import { renderFix, type ModuleSyntax } from '../report/render-fix.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const prepared = new WeakMap<readonly CheckInput[], { checks: Check[]; codes: Set<string> }>();

/** Normalises a list of checks and collects their codes, once per list (matchers scan in loops). */
function prepare(list: readonly CheckInput[]): { checks: Check[]; codes: Set<string> } {
  let entry = prepared.get(list);
  if (!entry) {
    const checks = list.map(toCheck);
    entry = { checks, codes: new Set(codesOf(checks).keys()) };
    // Only frozen lists are cached: a caller may push to its own array between scans.
    if (Object.isFrozen(list)) prepared.set(list, entry);
  }
  return entry;
}

/**
 * Scans a target and returns the full report: warnings, each check's status, and what the probe
 * assumed. Rejects with a `TargetError` when no page of the target can be read (one that cannot,
 * among others that can, is listed in `unscanned`), and with a `ConfigError` when an option is
 * invalid; a check that throws is reported as `errored`.
 *
 * @example
 * const report = await scan('https://staging.example.com', { paths: ['/', '/login'] });
 * for (const c of report.checks) console.log(c.name, c.status);
 */
export async function scan(target: Target, options: ScanOptions = {}): Promise<Report> {
  return scanFor(target, options, 'esm');
}

/**
 * scan(), with the fixes written for a project whose modules are `syntax`: what the command line
 * runs once it knows how the project loads modules. `today` (YYYY-MM-DD) is the day the `accept`
 * list's `until` dates are judged by: the current UTC date unless a test chooses one.
 *
 * @example
 * const report = await scanFor(app, {}, 'commonjs'); // fixes require() what they use
 */
export async function scanFor(
  target: Target,
  options: ScanOptions,
  syntax: ModuleSyntax,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<Report> {
  const started = performance.now();
  const { checks, codes } = prepare(checkList(options, defaultChecks));
  const resolved = resolveOptions(options, checks, codes);
  const open = await openTarget(target, resolved);
  try {
    const probe = new Probe(open, resolved);
    const pages = await probe.pages();
    const outcomes = await Promise.all(
      checks.map((check) => runCheck(check, makeContext(check, probe, pages, resolved))),
    );
    // Written for the framework the app mounts middleware in, and the project's module syntax.
    const written = { adapter: open.info.adapter, syntax };
    // A code's fix is one object for all its findings: written once, not once per page.
    const rendered = new Map<FixSpec, Fix>();
    const render = (fix: FixSpec) => {
      let done = rendered.get(fix);
      if (!done) rendered.set(fix, (done = renderFix(fix, written)));
      return done;
    };
    const found: Warning[] = outcomes
      .flatMap((o) => o.warnings)
      .sort((a, b) => RANK[a.severity] - RANK[b.severity])
      // Spread and overwrite: an object rest (`{ fix, ...warning }`) per finding cost ~1 µs each.
      .map((finding): Warning => {
        if (!finding.fix) return finding as Omit<typeof finding, 'fix'>;
        return { ...finding, fix: render(finding.fix) };
      });
    // Per page, before anything groups findings: `paths` globs match each page's own path.
    const judged = applyAcceptances(found, resolved.accept, today);
    // Once per site, not per page: a 1,000-page scan would repeat each code a thousand times.
    const warnings = groupFindings(judged.warnings);
    // Accepted ones stay per page: their section already lists each code with its pages.
    const { accepted, notes } = judged;
    return {
      version: 1,
      target: open.info.description,
      targetKind: open.info.kind,
      warnings,
      checks: outcomes.map((o) => o.status),
      assumptions: probe.assumptions(),
      notes: [...pageNotes(pages, open.info.kind === 'url'), ...probe.crawlNotes(), ...notes],
      unscanned: probe.unscanned(),
      pages: probe.scanned(),
      ...(resolved.accept.length > 0 ? { accepted } : {}),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await open.transport?.close();
  }
}

/**
 * Runs the checks and returns only the warnings, grouped as in `scan()`'s report (one per
 * problem, with `pages` when it holds on several): an empty array when all is well, so a test can
 * assert on it directly. Rejects with a `CheckError` when a check errored, and with a
 * `TargetError` when a page could not be read, since their silence would read as a pass;
 * `scan()` reports both instead. Findings the `accept` list accepts are left out (`scan()`
 * lists them in `accepted`).
 *
 * @example
 * expect(await runChecks(app, { skip: ['CSP_NO_REPORTING'] })).toEqual([]);
 */
export async function runChecks(target: Target, options: ScanOptions = {}): Promise<Warning[]> {
  const report = await scan(target, options);
  const unread = unscannedError(report.unscanned ?? []);
  if (unread) throw unread;
  const errored = report.checks.filter((c) => c.status === 'errored');
  if (errored.length > 0) {
    throw new CheckError(
      `${errored.length} check(s) errored: ${errored.map((c) => `${c.name} (${c.reason})`).join('; ')}`,
      errored,
    );
  }
  return report.warnings;
}
