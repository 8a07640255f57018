import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { BaselineReport } from '../report/baseline.js';
import { readBaseline } from '../report/read-baseline.js';

const outside = (rel: string) => rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);

/**
 * The `baseline` input's report: a file inside the workspace (links resolved), read as hostile
 * input. A file that is not there gives a notice and no baseline, since the first run on a
 * repository (or one whose base report expired from the cache) has none: the step then reports
 * every finding, as without the input. A file that is there but is not a report fails the step.
 *
 * @example
 * const { earlier, notice } = await actionBaseline(workspace, 'checksecure-base/report.json');
 */
export async function actionBaseline(
  workspace: string,
  file: string,
): Promise<{ earlier?: BaselineReport; notice?: string }> {
  const label = 'input baseline';
  const shown = JSON.stringify(file);
  if (outside(path.relative(workspace, path.resolve(workspace, file))))
    throw new ConfigError(`${label}: ${shown} is outside the workspace`);
  let real: string;
  try {
    real = await realpath(path.resolve(workspace, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return {
      notice: `checksecure: input baseline: ${shown} does not exist, so every finding is reported, with nothing compared (a first run, or no report saved for the base commit yet)`,
    };
  }
  if (outside(path.relative(await realpath(workspace), real)))
    throw new ConfigError(`${label}: ${shown} links to a file outside the workspace`);
  return { earlier: await readBaseline(real, label, shown) };
}
