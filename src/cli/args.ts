import { parseArgs } from 'node:util';
import { editDistance, nearest } from '../util/edit-distance.js';
import { ConfigError } from '../core/errors.js';
import { FAIL_ON_VALUES, type FailOn } from '../core/fail-on.js';
import { REPORT_FORMATS, type FormatName } from '../report/formats.js';
import type { Verbosity } from '../report/text.js';
import { checkHeader } from '../core/request-headers.js';
import { takeCrawlFlag, type CrawlArgs } from './crawl-args.js';
import { MAX_SITE_CONCURRENCY } from '../config/targets.js';

/** The `--format` values, in the table's order. */
export const CLI_FORMATS: readonly FormatName[] = REPORT_FORMATS.filter((format) => format.cli).map(
  (format) => format.name,
);

/** The command line, parsed and checked; every field absent unless given. */
export interface CliArgs extends CrawlArgs {
  url?: string;
  app?: string;
  /** A file of sites, one URL per line (`--targets`). */
  targets?: string;
  siteConcurrency?: number;
  config?: string;
  paths: string[];
  headers: Record<string, string>;
  format?: FormatName;
  verbosity?: Verbosity;
  failOn?: FailOn;
  skip: string[];
  timeout?: number;
  /** An earlier JSON report: findings it had are unchanged, and --fail-on counts the new ones. */
  baseline?: string;
  list: boolean;
  explain?: string;
  help: boolean;
  version: boolean;
}

/** A usage error: exit status 2 with a one-line reason. */
export class UsageError extends ConfigError {
  override name = 'UsageError';
}

/**
 * `value` when it is one of `allowed`. With `suggest`, a typo gets the nearest value: not for
 * digits, where any other digit is one edit away.
 */
function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  suggest = false,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    const near = suggest ? nearest(value, allowed) : undefined;
    throw new UsageError(
      `${flag}: "${value}" is not one of ${allowed.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
    );
  }
  return value as T;
}

function siteConcurrencyFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_SITE_CONCURRENCY)
    throw new UsageError(
      `--site-concurrency: "${value}" is not a whole number of sites from 1 to ${MAX_SITE_CONCURRENCY}`,
    );
  return n;
}

const OPTIONS = {
  app: { type: 'string' },
  targets: { type: 'string' },
  'site-concurrency': { type: 'string' },
  config: { type: 'string', short: 'c' },
  path: { type: 'string', multiple: true, short: 'p' },
  header: { type: 'string', multiple: true, short: 'H' },
  format: { type: 'string', short: 'f' },
  verbosity: { type: 'string', short: 'v' },
  'fail-on': { type: 'string' },
  skip: { type: 'string', multiple: true },
  timeout: { type: 'string', short: 't' },
  baseline: { type: 'string' },
  list: { type: 'boolean' },
  explain: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  // --crawl itself takes an optional number, which parseArgs cannot: see takeCrawlFlag.
  'crawl-include': { type: 'string', multiple: true },
  'crawl-exclude': { type: 'string', multiple: true },
} as const;

/**
 * Parses `checksecure [URL] [--flags]` with node's own parser: unknown flags, a missing value or
 * a second URL are usage errors that say which.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  let crawl: number | true | undefined;
  try {
    const taken = takeCrawlFlag(argv);
    crawl = taken.crawl;
    parsed = parseArgs({
      args: taken.argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
      tokens: true,
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '');
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const near =
      unknown === undefined
        ? undefined
        : Object.keys(OPTIONS).find((flag) => editDistance(flag, unknown.toLowerCase()) <= 2);
    throw new UsageError(`${message} (${near ? `did you mean --${near}? ` : ''}see --help)`);
  }
  const { values, positionals, tokens } = parsed;
  // node's parser keeps the last of a flag given twice: a second --app or --format would
  // silently replace the first, which then reads as scanned or written.
  for (const [name, option] of Object.entries(OPTIONS)) {
    if ('multiple' in option || option.type === 'boolean') continue;
    const given = tokens.filter((t) => t.kind === 'option' && t.name === name).length;
    if (given > 1)
      throw new UsageError(`--${name} is given ${given} times; pass it once (only the last would count)`);
  }
  if (
    (values.explain !== undefined || values.list) &&
    (positionals[0] !== undefined || values.app !== undefined)
  )
    throw new UsageError(
      `${values.list ? '--list' : '--explain'} prints the catalogue and scans nothing: drop the ${positionals[0] !== undefined ? 'URL' : '--app'}, or run the scan on its own`,
    );
  if (positionals.length > 1)
    throw new UsageError(`one URL at a time (got ${positionals.join(' ')}); use --path for more pages`);
  // Neither would be scanned alongside the other, and running the one that silently won reads
  // as a verdict on both.
  if (positionals[0] !== undefined && values.app !== undefined)
    throw new UsageError(
      `--app: ${values.app} and the URL ${positionals[0]} are two targets; pass one (a run scans one target)`,
    );
  if (values.targets !== undefined && (positionals[0] !== undefined || values.app !== undefined))
    throw new UsageError(
      `--targets: ${values.targets} and the ${positionals[0] !== undefined ? `URL ${positionals[0]}` : `--app ${values.app}`} both name what to scan; pass one`,
    );
  const headers: Record<string, string> = {};
  (values.header ?? []).forEach((header, i) => {
    const colon = header.indexOf(':');
    // A header flag usually carries a secret: it is named by its position, never echoed.
    if (colon <= 0)
      throw new UsageError(
        `--header #${i + 1}: is not "Name: value" (a header name, a colon, then the value; it is not shown, as it may hold a secret)`,
      );
    const name = header.slice(0, colon).trim();
    const value = header.slice(colon + 1).trim();
    checkHeader(name, value, { position: `--header #${i + 1}`, named: (n) => `--header ${n}` });
    headers[name] = value;
  });
  let timeout: number | undefined;
  if (values.timeout !== undefined) {
    timeout = Number(values.timeout);
    if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) {
      throw new UsageError(`--timeout: "${values.timeout}" is not a number of seconds above 0, at most 600`);
    }
  }
  const siteConcurrency = siteConcurrencyFlag(values['site-concurrency']);
  const verbosity = oneOf('--verbosity', values.verbosity, ['0', '1', '2']);
  return {
    url: positionals[0],
    app: values.app,
    targets: values.targets,
    siteConcurrency,
    config: values.config,
    paths: values.path ?? [],
    headers,
    format: oneOf('--format', values.format, CLI_FORMATS, true),
    verbosity: verbosity === undefined ? undefined : (Number(verbosity) as Verbosity),
    failOn: oneOf('--fail-on', values['fail-on'], FAIL_ON_VALUES),
    skip: values.skip ?? [],
    timeout,
    baseline: values.baseline,
    list: values.list ?? false,
    explain: values.explain,
    help: values.help ?? false,
    version: values.version ?? false,
    ...(crawl === undefined ? {} : { crawl }),
    crawlInclude: values['crawl-include'] ?? [],
    crawlExclude: values['crawl-exclude'] ?? [],
  };
}
