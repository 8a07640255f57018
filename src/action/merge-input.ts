import { readdir } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConfigError } from '../core/errors.js';
import type { Report } from '../core/types.js';
import { refuseSameContent } from '../report/distinct-reports.js';
import { mergeReports } from '../report/merge-reports.js';
import { readReport } from '../report/read-report.js';

const GLOB = /[*?[\]{}!]/;

/** The files a line of the `merge` input names: the file itself, or those its glob matches. */
async function expand(line: string, workspace: string): Promise<string[]> {
  const pattern = line.split(path.sep).join('/');
  if (!GLOB.test(pattern)) return [path.resolve(workspace, pattern)];
  // Only the folders under the glob's fixed start are walked (never the whole workspace).
  const parts = pattern.split('/');
  const fixed = parts.findIndex((part) => GLOB.test(part));
  const root = path.resolve(workspace, parts.slice(0, fixed).join('/') || '.');
  const match = picomatch(parts.slice(fixed).join('/'), { dot: true });
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => match(path.relative(root, file).split(path.sep).join('/')))
    .sort();
}

/**
 * The `merge` input: every JSON report its lines name (paths or globs, relative to the
 * workspace, e.g. the shards' downloaded artifacts), read as untrusted and combined into one
 * report. A line that matches no file is refused: a shard whose report is missing would
 * otherwise vanish from the verdict.
 *
 * @example
 * const report = await mergeInput(['reports/**\/report.json'], process.env.GITHUB_WORKSPACE!);
 */
export async function mergeInput(lines: readonly string[], workspace: string): Promise<Report> {
  const files = new Set<string>();
  for (const line of lines) {
    const found = await expand(line, workspace);
    if (found.length === 0) throw new ConfigError(`input merge: ${line} matches no file`);
    for (const file of found) files.add(file);
  }
  const shown = (file: string) => path.relative(workspace, file) || file;
  const reports: Report[] = [];
  for (const file of files) reports.push(await readReport(file, `input merge: ${shown(file)}`));
  refuseSameContent(reports, [...files].map(shown), 'input merge');
  return mergeReports(reports);
}
