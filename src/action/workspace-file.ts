import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';

const outside = (rel: string) => rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);

/**
 * A file named by an input or the config (annotate-file, fixSource), checked to be a file inside
 * the workspace, links resolved: annotations, SARIF and suggestions quote and point at it, so
 * `../../etc/passwd` or a link to it is refused, and so is a name that is not there (a typo would
 * send every annotation to a file the pull request cannot show).
 *
 * @returns the path relative to the workspace, with forward slashes
 * @example
 * await workspaceFile('/home/runner/work/site/site', 'src/app.ts', 'input annotate-file') // 'src/app.ts'
 */
export async function workspaceFile(workspace: string, file: string, label: string): Promise<string> {
  const absolute = path.resolve(workspace, file);
  const rel = path.relative(workspace, absolute);
  if (outside(rel)) throw new ConfigError(`${label}: ${JSON.stringify(file)} is outside the workspace`);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch {
    throw new ConfigError(`${label}: ${JSON.stringify(file)} is not a file in the workspace`);
  }
  // Relative to the workspace as the repository has it: through a linked folder, the file's
  // own path, which is the one a pull request's diff and code scanning know.
  const inRepo = path.relative(await realpath(workspace), real);
  if (outside(inRepo))
    throw new ConfigError(`${label}: ${JSON.stringify(file)} links to a file outside the workspace`);
  if (!(await stat(real)).isFile())
    throw new ConfigError(`${label}: ${JSON.stringify(file)} is not a file in the workspace`);
  // A line break in a name would end up raw in SARIF and workflow commands.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(inRepo))
    throw new ConfigError(`${label}: ${JSON.stringify(file)} has a control character in its name`);
  return inRepo.split(path.sep).join('/');
}
