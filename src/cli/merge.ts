import { existsSync } from 'node:fs';
import path from 'node:path';
import { FAIL_ON_VALUES, runFails, type FailOn } from '../core/fail-on.js';
import { terminalText } from '../report/escape.js';
import { DEFAULT_FORMAT, reportFormat, type FormatName } from '../report/formats.js';
import { refuseSameContent, refuseSameFile } from '../report/distinct-reports.js';
import { mergeReports } from '../report/merge-reports.js';
import { readReport } from '../report/read-report.js';
import type { Verbosity } from '../report/text.js';
import { CLI_FORMATS, UsageError } from './args.js';
import { parseCommandArgs } from './command-args.js';
import pkg from '../../package.json' with { type: 'json' };

/** What the command reads and writes (main's CliIo, which it cannot import without a cycle). */
interface MergeIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** `checksecure merge`'s command line, parsed and checked. */
export interface MergeArgs {
  files: string[];
  format: FormatName;
  verbosity: Verbosity;
  failOn: FailOn;
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`merge ${flag}: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * Parses `checksecure merge REPORT.json... [--format F] [--fail-on S] [-v N]` (what follows
 * `merge`).
 *
 * @example
 * parseMergeArgs(['a.json', 'b.json', '--format', 'sarif']).files // ['a.json', 'b.json']
 */
export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const { values, positionals } = parseCommandArgs('merge', argv, {
    format: { type: 'string', short: 'f' },
    verbosity: { type: 'string', short: 'v' },
    'fail-on': { type: 'string' },
  });
  if (positionals.length === 0)
    throw new UsageError(
      'merge: name the JSON reports to combine, e.g. checksecure merge shard-*/report.json',
    );
  return {
    files: positionals,
    format: oneOf('--format', values.format, CLI_FORMATS, DEFAULT_FORMAT),
    verbosity: Number(oneOf('--verbosity', values.verbosity, ['0', '1', '2'], '1')) as Verbosity,
    failOn: oneOf('--fail-on', values['fail-on'], FAIL_ON_VALUES, 'warning'),
  };
}

/**
 * `checksecure merge`: the JSON reports of a matrix's shards, combined into one report and
 * written in any format; exits as a scan of them all would (0, 1 at or above --fail-on, a
 * check errored or a page unscanned), or 2 when a file is not a report (named, with why).
 *
 * @example
 * process.exitCode = await mergeCommand(['a.json', 'b.json', '--format', 'sarif'], io);
 */
export async function mergeCommand(argv: readonly string[], io: MergeIo): Promise<number> {
  const args = parseMergeArgs(argv);
  // Read one after another: a hundred shards' reports need not be held as text at once.
  await refuseSameFile(
    args.files.map((file) => ({ file: path.resolve(io.cwd, file), shown: file })),
    'merge',
  );
  const reports = [];
  for (const file of args.files) reports.push(await readReport(path.resolve(io.cwd, file), `merge: ${file}`));
  refuseSameContent(reports, args.files, 'merge');
  const report = mergeReports(reports);
  const { defaultChecks } = await import('../checks/index.js');
  // Results point at a file that exists, as a scan's do when nothing else is known.
  const location = existsSync(path.join(io.cwd, 'package.json')) ? { file: 'package.json' } : undefined;
  const format = reportFormat(args.format);
  if (format.reads.includes('location') && format.locationNeededBy && !location)
    io.stderr.write(
      `checksecure: the ${format.title} results point at no file (no package.json here); ${format.locationNeededBy} needs one: run merge in the repository\n`,
    );
  io.stdout.write(
    await format.render(report, {
      checks: defaultChecks,
      location,
      verbosity: args.verbosity,
      color: false,
      failOn: args.failOn,
      toolVersion: pkg.version,
    }),
  );
  for (const c of report.checks.filter((s) => s.status === 'errored'))
    io.stderr.write(`checksecure: the ${c.name} check errored: ${terminalText(c.reason ?? '')}\n`);
  for (const page of report.unscanned ?? [])
    io.stderr.write(
      `checksecure: GET ${terminalText(page.url)} was not scanned: ${terminalText(page.reason)}\n`,
    );
  return runFails(report, args.failOn) ? 1 : 0;
}
