import { ConfigError } from '../core/errors.js';
import { MAX_REPORT_BYTES, readReportFile } from './read-report-file.js';
import type {
  AcceptedWarning,
  CheckState,
  CheckStatus,
  PageSource,
  Report,
  ScannedPage,
  Severity,
  UnscannedPage,
  Warning,
} from '../core/types.js';

/** Larger than any report a scan writes (a 100-site scan's is a few MiB): refused unread. */
export { MAX_REPORT_BYTES };

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const STATES: readonly CheckState[] = ['passed', 'warned', 'errored', 'skipped'];
const SOURCES: readonly PageSource[] = ['start', 'link', 'form', 'sitemap', 'robots'];

type Json = Record<string, unknown>;

/** Why a value is not what a report holds there; caught by readReport to name the file. */
class Shape extends Error {}

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function str(o: Json, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new Shape(`${where}.${key} is not a string`);
  return v;
}

function optStr(o: Json, key: string, where: string): string | undefined {
  return o[key] === undefined ? undefined : str(o, key, where);
}

function list<T>(
  o: Json,
  key: string,
  where: string,
  item: (v: unknown, at: string) => T,
  optional = true,
): T[] {
  const v = o[key];
  if (v === undefined && optional) return [];
  if (!Array.isArray(v)) throw new Shape(`${where}.${key} is not an array`);
  return v.map((x, i) => item(x, `${where}.${key}[${i}]`));
}

function oneOf<T extends string>(o: Json, key: string, where: string, allowed: readonly T[]): T {
  const v = str(o, key, where);
  if (!(allowed as readonly string[]).includes(v))
    throw new Shape(`${where}.${key} is not one of ${allowed.join(', ')}`);
  return v as T;
}

function object(v: unknown, at: string): Json {
  if (!isObject(v)) throw new Shape(`${at} is not an object`);
  return v;
}

const text = (v: unknown, at: string): string => {
  if (typeof v !== 'string') throw new Shape(`${at} is not a string`);
  return v;
};

// Every URL a scan writes is absolute http(s), an in-process app's too (http://127.0.0.1:port/).
// Anything else is refused: --baseline matches pages by URL, so a page that is not one would
// match nothing and leave every finding not compared, a run that passes having compared nothing.
const httpUrl = (v: unknown, at: string): string => {
  const s = text(v, at);
  const protocol = URL.canParse(s) ? new URL(s).protocol : '';
  if (protocol !== 'http:' && protocol !== 'https:') throw new Shape(`${at} is not an http(s) URL`);
  return s;
};

const url = (o: Json, key: string, where: string): string => httpUrl(o[key], `${where}.${key}`);

const optUrl = (o: Json, key: string, where: string): string | undefined =>
  o[key] === undefined ? undefined : url(o, key, where);

// Each field is copied by name: what else a file holds (a __proto__ key, a field of a later
// version) never reaches the report.
function warning(v: unknown, at: string): Warning {
  const o = object(v, at);
  const fix = o.fix === undefined ? undefined : object(o.fix, `${at}.fix`);
  const pages = o.pages === undefined ? undefined : list(o, 'pages', at, httpUrl, false);
  const baseline =
    o.baseline === undefined
      ? undefined
      : oneOf(o, 'baseline', at, ['new', 'unchanged', 'not-compared'] as const);
  const evidence = optStr(o, 'evidence', at);
  return {
    code: str(o, 'code', at),
    check: str(o, 'check', at),
    severity: oneOf(o, 'severity', at, SEVERITIES),
    message: str(o, 'message', at),
    url: url(o, 'url', at),
    ...(evidence !== undefined ? { evidence } : {}),
    ...(fix
      ? {
          fix: { middleware: str(fix, 'middleware', `${at}.fix`), snippet: str(fix, 'snippet', `${at}.fix`) },
        }
      : {}),
    ...(pages ? { pages } : {}),
    ...(baseline ? { baseline } : {}),
  };
}

function accepted(v: unknown, at: string): AcceptedWarning {
  const o = object(v, at);
  const until = optStr(o, 'until', at);
  return { ...warning(o, at), reason: str(o, 'reason', at), ...(until !== undefined ? { until } : {}) };
}

function check(v: unknown, at: string): CheckStatus {
  const o = object(v, at);
  const reason = optStr(o, 'reason', at);
  return {
    name: str(o, 'name', at),
    status: oneOf(o, 'status', at, STATES),
    ...(reason !== undefined ? { reason } : {}),
  };
}

function unscanned(v: unknown, at: string): UnscannedPage {
  const o = object(v, at);
  return { url: url(o, 'url', at), reason: str(o, 'reason', at) };
}

function page(v: unknown, at: string): ScannedPage {
  const o = object(v, at);
  const from = optUrl(o, 'from', at);
  const requested = optUrl(o, 'requested', at);
  return {
    url: url(o, 'url', at),
    via: oneOf(o, 'via', at, SOURCES),
    ...(from !== undefined ? { from } : {}),
    ...(requested !== undefined ? { requested } : {}),
  };
}

/**
 * A JSON report (`--format json`, the Action's `report` output) read as untrusted input: a
 * file larger than a report, text that is not JSON, another version, a field of the wrong type
 * or a URL field that is not an absolute http(s) URL is refused with a `ConfigError` naming the
 * file and what is wrong, never half-read, and nothing of its text quoted. `file` is how
 * messages name it (default `path`). Both merge's shards and `--baseline` are read by it.
 *
 * @example
 * const report = await readReport('shard-1/report.json');
 */
export async function readReport(path: string, file = path): Promise<Report> {
  const raw = await readReportFile(path, file);
  let json: unknown;
  try {
    // A byte-order mark is what a report saved by an editor or a shell redirect may start with.
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch {
    // Nothing of the text is quoted (JSON.parse's message does): a wrong file named by mistake
    // (an .env) must not reach the log.
    throw new ConfigError(`${file} is not JSON: give a report written with --format json`);
  }
  // Another tool's JSON (a SARIF log, a package.json) has no warnings: not "a version" of ours.
  if (!isObject(json) || !('warnings' in json))
    throw new ConfigError(`${file} is not a checksecure JSON report (written by --format json)`);
  if (!('version' in json))
    throw new ConfigError(`${file} is not a checksecure JSON report (it has no version)`);
  if (json.version !== 1)
    throw new ConfigError(
      `${file} is a report of version ${JSON.stringify(json.version)?.slice(0, 20)}; this checksecure reads version 1`,
    );
  try {
    const base = json.baseline === undefined ? undefined : object(json.baseline, 'baseline');
    return {
      version: 1,
      target: str(json, 'target', 'report'),
      targetKind: 'url',
      warnings: list(json, 'warnings', 'report', warning, false),
      // Optional, as for a baseline written by hand: a report without them merges as no checks.
      checks: list(json, 'checks', 'report', check),
      assumptions: list(json, 'assumptions', 'report', text),
      notes: list(json, 'notes', 'report', text),
      unscanned: list(json, 'unscanned', 'report', unscanned),
      // Absent stays absent: a report written before reports listed their pages is compared as
      // having judged every page, while `pages: []` judged none.
      ...(json.pages !== undefined ? { pages: list(json, 'pages', 'report', page) } : {}),
      ...(json.accepted !== undefined ? { accepted: list(json, 'accepted', 'report', accepted) } : {}),
      ...(base
        ? {
            baseline: {
              target: str(base, 'target', 'report.baseline'),
              fixed: list(base, 'fixed', 'report.baseline', warning, false),
            },
          }
        : {}),
      // A report written before it carried its time reads as 0: a time not known.
      durationMs:
        typeof json.durationMs === 'number' && json.durationMs >= 0 && json.durationMs <= 1e12
          ? Math.round(json.durationMs)
          : 0,
    };
  } catch (error) {
    if (error instanceof Shape)
      throw new ConfigError(`${file} is not a checksecure JSON report: ${error.message}`);
    throw error;
  }
}
