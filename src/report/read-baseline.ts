import { ConfigError } from '../core/errors.js';
import type { BaselineReport } from './baseline.js';
import { MAX_REPORT_BYTES, readReportFile } from './read-report-file.js';

/** The largest baseline read: the largest report. */
export const MAX_BASELINE_BYTES = MAX_REPORT_BYTES;

const SEVERITIES = new Set(['error', 'warning', 'info']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first field that is not as a report has it, named as the JSON has it, or undefined. */
function problemOf(json: Record<string, unknown>): string | undefined {
  if (typeof json.target !== 'string') return 'target is missing or not a string';
  if (!Array.isArray(json.warnings)) return 'warnings is missing or not an array';
  for (const [i, w] of json.warnings.entries()) {
    if (!isObject(w)) return `warnings[${i}] is not an object`;
    for (const field of ['code', 'check', 'message', 'url'])
      if (typeof w[field] !== 'string') return `warnings[${i}].${field} is missing or not a string`;
    if (!SEVERITIES.has(w.severity as string))
      return `warnings[${i}].severity is not one of error, warning, info`;
    if (w.pages !== undefined && !(Array.isArray(w.pages) && w.pages.every((p) => typeof p === 'string')))
      return `warnings[${i}].pages is not an array of URLs`;
  }
  if (json.pages !== undefined) {
    if (!Array.isArray(json.pages)) return 'pages is not an array';
    const bad = json.pages.findIndex((p) => !isObject(p) || typeof p.url !== 'string');
    if (bad >= 0) return `pages[${bad}] has no url`;
  }
  return undefined;
}

/**
 * Reads an earlier `--format json` report to compare a scan with, as hostile input: a file that
 * is missing, not a regular file, over 64 MiB, not JSON, of another version or missing a field
 * is refused with one line that starts with `label` and names the file (as `shown`, default `file`). Nothing of the file's
 * text is quoted: a wrong file named by mistake (an .env) must not reach the log.
 *
 * @example
 * const earlier = await readBaseline(path.resolve('reports/main.json'), '--baseline', 'reports/main.json');
 */
export async function readBaseline(file: string, label: string, shown = file): Promise<BaselineReport> {
  const named = `${label}: ${shown}`;
  const text = await readReportFile(file, named);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ConfigError(`${named} is not JSON: give a report written with --format json`);
  }
  if (!isObject(json) || !('version' in json))
    throw new ConfigError(`${named} is not a checksecure JSON report (it has no version)`);
  if (json.version !== 1)
    throw new ConfigError(
      `${named} is a report of version ${JSON.stringify(json.version).slice(0, 20)}; this checksecure reads version 1`,
    );
  const problem = problemOf(json);
  if (problem) throw new ConfigError(`${named} is not a checksecure JSON report: ${problem}`);
  return json as unknown as BaselineReport;
}
