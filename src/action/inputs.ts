import { CREDENTIALS_REFUSED, hasCredentials, hideCredentials } from '../config/url-credentials.js';
import { ConfigError } from '../core/errors.js';
import { FAIL_ON_VALUES, type FailOn } from '../core/fail-on.js';
import { REPORT_FORMATS, type FormatName } from '../report/formats.js';
import type { Verbosity } from '../report/text.js';
import { checkHeader } from '../core/request-headers.js';
import { crawlInput } from './crawl-input.js';

/** The Action's inputs, parsed and checked (action.yml documents each). */
export interface ActionInputs {
  urls: string[];
  app?: string;
  start?: string;
  waitFor?: string;
  waitTimeoutSeconds: number;
  paths: string[];
  config?: string;
  headers: Record<string, string>;
  /** Undefined when the input is not given: the config file's failOn applies, then `warning`. */
  failOn?: FailOn;
  verbosity: Verbosity;
  comment: boolean;
  /** Undefined when not given: derived from the workflow, job, step and shard (see comment-key.ts). */
  commentKey?: string;
  token: string;
  /** Where the report formats the Action writes on request go (`sarif-file`), by format. */
  formatFiles: Partial<Record<FormatName, string>>;
  annotateFile?: string;
  suggest: boolean;
  maxAnnotations: number;
  shard?: { index: number; total: number };
  /** An earlier JSON report in the workspace: the step then fails, comments and annotates on new findings. */
  baseline?: string;
  /** Undefined when not given: the config file's crawl applies. */
  crawl?: number | boolean;
  /** The shards' JSON reports to combine (paths or globs): the step then scans nothing. */
  merge: string[];
}

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (/^(true|yes|1)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  throw new ConfigError(`input ${name}: "${value}" is not true or false`);
}

function int(name: string, value: string, fallback: number, min: number, max: number): number {
  if (value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`input ${name}: "${value}" is not a whole number from ${min} to ${max}`);
  return n;
}

/**
 * What the runner must mask of the `headers` input, before anything can print it: each value,
 * and each line that is not "Name: value" (all of it may be the secret). A malformed input is
 * masked too, although it is refused, since the step's own error may not be the only output.
 *
 * @example
 * for (const secret of headerSecrets(core.getInput('headers'))) core.setSecret(secret);
 */
export function headerSecrets(input: string): string[] {
  return lines(input).flatMap((line) => {
    const colon = line.indexOf(':');
    const value = colon <= 0 ? line : line.slice(colon + 1).trim();
    return value === '' ? [] : [value];
  });
}

/**
 * Reads the inputs through `get` (core.getInput in the Action, a map in tests), so that every
 * value is checked before anything starts, with the input's name in the message.
 */
export function parseInputs(
  get: (name: string) => string,
  platform: NodeJS.Platform = process.platform,
): ActionInputs {
  const text = (name: string) => get(name).trim();
  const failOn = text('fail-on') || undefined;
  if (failOn !== undefined && !(FAIL_ON_VALUES as readonly string[]).includes(failOn))
    throw new ConfigError(`input fail-on: "${failOn}" is not one of ${FAIL_ON_VALUES.join(', ')}`);
  const commentKey = text('comment-key') || undefined;
  // The key travels in an HTML comment: nothing that could close it or break the line.
  if (commentKey !== undefined && !/^[\w.:/@+ -]{1,100}$/.test(commentKey))
    throw new ConfigError(
      `input comment-key: ${JSON.stringify(commentKey.slice(0, 100))} may hold only letters, digits, spaces and . _ : / @ + -, at most 100 of them`,
    );
  const headers: Record<string, string> = {};
  lines(get('headers')).forEach((line, i) => {
    const colon = line.indexOf(':');
    // Nothing of the line is echoed, not even its start: a header line usually carries a secret,
    // and the runner masks a secret only where it appears whole.
    if (colon <= 0)
      throw new ConfigError(
        `input headers: line ${i + 1} is not "Name: value" (a header name, a colon, then the value; the line is not shown, as it may hold a secret)`,
      );
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    checkHeader(name, value, {
      position: `input headers: line ${i + 1}`,
      named: (n) => `input headers: ${n}`,
    });
    headers[name] = value;
  });
  let shard: ActionInputs['shard'];
  const shardText = text('shard');
  if (shardText !== '') {
    const match = /^(\d+)\s*\/\s*(\d+)$/.exec(shardText);
    const index = Number(match?.[1]);
    const total = Number(match?.[2]);
    if (!match || total < 1 || index < 1 || index > total)
      throw new ConfigError(`input shard: "${shardText}" is not i/n with 1 <= i <= n (e.g. 2/4)`);
    shard = { index, total };
  }
  const urls = lines(get('url'));
  for (const [i, url] of urls.entries()) {
    // One that does not parse would be scanned as a page not read, printed whole in the report.
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url))
      throw new ConfigError(`input url: "${hideCredentials(url)}" is not an http:// or https:// URL`);
    if (hasCredentials(url)) throw new ConfigError(`input url: line ${i + 1} ${CREDENTIALS_REFUSED}`);
  }
  const optional = (name: string) => text(name) || undefined;
  const waitFor = optional('wait-for');
  // Checked before anything starts: any HTTP status is an answer, so no credential is needed.
  if (waitFor !== undefined) {
    if (!/^https?:\/\//i.test(waitFor) || !URL.canParse(waitFor))
      throw new ConfigError(
        `input wait-for: "${hideCredentials(waitFor)}" is not an http:// or https:// URL`,
      );
    if (hasCredentials(waitFor)) throw new ConfigError(`input wait-for: the URL ${CREDENTIALS_REFUSED}`);
  }
  const start = optional('start');
  // Stopping what the command started relies on POSIX process groups; a server left running on
  // a Windows runner would hold the job open.
  if (start && platform === 'win32')
    throw new ConfigError(
      'input start: runs only on Linux and macOS runners, where everything the command starts can be stopped; on Windows, start the server in an earlier step and give its url',
    );
  const merge = lines(get('merge'));
  const scanning = (['url', 'app', 'start', 'shard', 'crawl'] as const).filter((name) => text(name) !== '');
  // A merge step scans nothing: a URL or a shard beside it would read as scanned.
  if (merge.length > 0 && scanning.length > 0)
    throw new ConfigError(
      `input merge: combines the shards' reports and scans nothing; drop ${scanning.join(', ')} from this step`,
    );
  return {
    merge,
    urls,
    app: optional('app'),
    start,
    waitFor,
    waitTimeoutSeconds: int('wait-timeout', text('wait-timeout'), 60, 1, 3600),
    paths: lines(get('paths')).flatMap((line) =>
      line
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
    config: optional('config'),
    headers,
    failOn: failOn as FailOn | undefined,
    verbosity: int('verbosity', text('verbosity'), 1, 0, 2) as Verbosity,
    comment: bool('comment', text('comment'), true),
    commentKey,
    token: text('github-token'),
    formatFiles: Object.fromEntries(
      REPORT_FORMATS.flatMap((format) => {
        const file = format.action?.input === undefined ? undefined : optional(format.action.input);
        return file === undefined ? [] : [[format.name, file]];
      }),
    ),
    annotateFile: optional('annotate-file'),
    suggest: bool('suggest', text('suggest'), false),
    maxAnnotations: int('max-annotations', text('max-annotations'), 50, 0, 1000),
    shard,
    baseline: optional('baseline'),
    crawl: crawlInput(get('crawl')),
  };
}
