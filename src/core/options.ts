import { acceptOption, checkAcceptedCodes } from './accept-option.js';
import { ConfigError } from './errors.js';
import {
  arrayOf,
  boolean,
  callback,
  closest,
  join,
  knownKeys,
  number,
  path,
  refuse,
  strictObject,
  text,
  wholeNumber,
  type Rule,
} from './option-rules.js';
import { codesOf, toCheck } from './registry.js';
import { crawlOption, resolveCrawl } from './crawl-option.js';
import { headersOption } from './request-headers.js';
import { resolveCsrfToken } from '../probe/csrf-token.js';
import type { Check, CheckInput, ResolvedOptions, ScanOptions, Severity } from './types.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const isCheck = (value: unknown) =>
  (typeof value === 'function' && typeof (value as { messages?: unknown }).messages === 'object') ||
  (!!value && typeof value === 'object' && typeof (value as { run?: unknown }).run === 'function');

/** One check of `checks`: normalised by toCheck, whose own messages name what is wrong with it. */
const check: Rule<Check> = (value, where) => {
  if (!isCheck(value)) refuse(where, value, 'must be a check (defineCheck(...) or a function with messages)');
  return toCheck(value as CheckInput);
};

const pathOrRegExp: Rule<string | RegExp> = (value, where) =>
  value instanceof RegExp ? value : path(value, where);

const CODE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

/**
 * Every option of `scan()` and `runChecks()`, with its type, range and message: the one
 * definition the config file is checked by too (src/config/schema.ts adds its own keys).
 * Codes in `skip` and names in `checkOptions` are checked against the enabled checks after.
 */
export const SCAN_OPTION_RULES: Readonly<Record<keyof ScanOptions, Rule>> = {
  paths: arrayOf(path, 'paths', true),
  headers: headersOption,
  timeout: number(0.001, 600),
  maxBodyBytes: wholeNumber(0, 64 * 1024 * 1024),
  maxRedirects: wholeNumber(0, 50),
  concurrency: wholeNumber(1, 256),
  assumeHttps: boolean,
  sessionCookies: arrayOf(text('a cookie name'), 'cookie names'),
  confidentialPaths: arrayOf(pathOrRegExp, 'paths or regular expressions'),
  csrf: strictObject({
    paths: arrayOf(path, 'paths', true),
    // A function's token is validated when it returns; a token given here, now.
    sameOrigin: (value, where) => (typeof value === 'function' ? value : resolveCsrfToken(value, where)),
  }),
  checks: arrayOf(check, 'checks'),
  skip: arrayOf((value, where) => {
    if (typeof value !== 'string' || !CODE.test(value))
      refuse(where, value, 'must be a warning code (letters, digits, "_", "." or "-")');
    return value;
  }, 'warning codes'),
  checkOptions: (value, where) => {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      refuse(where, value, 'must be an object of options by check name');
    return value;
  },
  onProgress: callback,
  crawl: crawlOption,
  accept: acceptOption,
};

const OPTION_NAMES = Object.keys(SCAN_OPTION_RULES);

/** Checks every given option by its rule, an unknown name included; returns the checked values. */
function checkScanOptions(options: unknown): ScanOptions {
  if (!options || typeof options !== 'object' || Array.isArray(options))
    refuse('options', options, 'must be an object');
  for (const key of ['failOn', 'fixSource', 'target', 'app'])
    if (key in options)
      throw new ConfigError(
        `${key} is an option of the config file and the CLI, not of scan() and runChecks()${key === 'failOn' ? ': filter the warnings by severity, or use failsAt()' : ''}`,
      );
  knownKeys(options, OPTION_NAMES, '');
  const given = options as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of OPTION_NAMES)
    if (given[name] !== undefined)
      out[name] = SCAN_OPTION_RULES[name as keyof ScanOptions](given[name], name);
  return out;
}

/**
 * The checks to run: `options.checks`, checked by its rule before anything normalises it, or
 * `defaults`. The list itself is returned, so that a caller may cache by it.
 */
export function checkList(options: unknown, defaults: readonly CheckInput[]): readonly CheckInput[] {
  if (options === undefined) return defaults;
  if (!options || typeof options !== 'object' || Array.isArray(options))
    refuse('options', options, 'must be an object');
  const list = (options as ScanOptions).checks;
  if (list === undefined) return defaults;
  SCAN_OPTION_RULES.checks(list, 'checks');
  return list;
}

/** The `skip` codes and `checkOptions` names, against what the enabled checks declare. */
function checkAgainst(options: ScanOptions, checks: readonly Check[], codes: ReadonlySet<string>): void {
  (options.skip ?? []).forEach((code, i) => {
    if (codes.has(code)) return;
    const near = closest(code, codes);
    refuse(
      join('skip', i),
      code,
      `is not a code of any enabled check (see --list)${near ? ` (did you mean ${near}?)` : ''}`,
    );
  });
  const byName = new Map(checks.map((c) => [c.name, c]));
  for (const [name, value] of Object.entries(options.checkOptions ?? {})) {
    const target = byName.get(name);
    if (!target) {
      const near = closest(name, byName.keys());
      throw new ConfigError(
        `${join('checkOptions', name)} is not an enabled check${near ? ` (did you mean ${near}?)` : ''}`,
      );
    }
    if (value !== undefined) target.validateOptions?.(value, join('checkOptions', name));
  }
}

/**
 * Validates options once, before any request, by the rules the config file is checked by too:
 * a CR/LF in a header, a path without a leading slash, an unknown option, code or check name
 * fails here with the option's name, never halfway through a scan.
 *
 * @example
 * const resolved = resolveOptions({ timeout: 5 }, defaultChecks);
 */
export function resolveOptions(
  options: ScanOptions,
  checks: readonly Check[],
  codes: ReadonlySet<string> = new Set(codesOf(checks).keys()),
): ResolvedOptions {
  const checked = checkScanOptions(options === undefined ? {} : options);
  checkAgainst(checked, checks, codes);
  checkAcceptedCodes(checked.accept ?? [], codes, checked.skip);
  return {
    paths: checked.paths ? [...new Set(checked.paths)] : ['/'],
    headers: checked.headers ?? {},
    timeoutMs: (checked.timeout ?? 10) * 1000,
    maxBodyBytes: checked.maxBodyBytes ?? 1024 * 1024,
    maxRedirects: checked.maxRedirects ?? 10,
    concurrency: checked.concurrency ?? 8,
    assumeHttps: checked.assumeHttps,
    sessionCookies: checked.sessionCookies,
    confidentialPaths: checked.confidentialPaths ?? [],
    csrfPaths: checked.csrf?.paths ? [...new Set(checked.csrf.paths)] : undefined,
    csrfSameOrigin: checked.csrf?.sameOrigin as ResolvedOptions['csrfSameOrigin'],
    skip: new Set(checked.skip),
    checkOptions: checked.checkOptions ?? {},
    onProgress: checked.onProgress,
    accept: checked.accept ?? [],
    crawl: resolveCrawl(checked.crawl),
  };
}
