import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';
import type { BaselineReport } from './baseline.js';

/**
 * The largest baseline read. A JSON report of a thousand-page crawl with every finding grouped
 * is a few MiB; a file far past that is not a report, and reading it whole would hold the run.
 */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

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
  let handle;
  try {
    // Non-blocking: opening a FIFO for reading otherwise waits for a writer, so the run would
    // hang before fstat() could refuse it. A regular file reads the same either way.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `${named} does not exist` : `${named} cannot be read (${code ?? 'unknown error'})`,
    );
  }
  let text: string;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ConfigError(`${named} is not a file`);
    if (info.size > MAX_BASELINE_BYTES)
      throw new ConfigError(
        `${named} is ${Math.round(info.size / 1024 / 1024)} MiB, more than the 64 MiB a report may be`,
      );
    // Read no further than the limit even if the file grew since stat().
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_BASELINE_BYTES)
      throw new ConfigError(`${named} is more than the 64 MiB a report may be`);
    text = buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `${named} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  } finally {
    await handle.close();
  }
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
