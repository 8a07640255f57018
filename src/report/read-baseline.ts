import type { BaselineReport } from './baseline.js';
import { readReport } from './read-report.js';

/**
 * Reads an earlier `--format json` report to compare a scan with, as hostile input (readReport,
 * as merge reads a shard): a file that is missing, not a regular file, over 64 MiB, not JSON, of
 * another version, missing a field or with a URL that is not http(s) is refused with one line
 * that starts with `label` and names the file (as `shown`, default `file`). Nothing of the file's text is quoted: a wrong file
 * named by mistake (an .env) must not reach the log.
 *
 * @example
 * const earlier = await readBaseline(path.resolve('reports/main.json'), '--baseline', 'reports/main.json');
 */
export function readBaseline(file: string, label: string, shown = file): Promise<BaselineReport> {
  return readReport(file, `${label}: ${shown}`);
}
