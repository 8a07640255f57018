import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';
import type { Report } from '../core/types.js';

/**
 * Refuses reports to merge that are one file given twice (a path, a link to it): merged, every
 * finding, page and check would count twice. `files` pairs the path to read with the name to show;
 * a file that cannot be resolved is left to the reader, which says why.
 *
 * @example
 * await refuseSameFile([{ file: '/w/a.json', shown: 'a.json' }, { file: '/w/a.json', shown: './a.json' }], 'merge')
 * // throws ConfigError('merge: ./a.json is a.json again; give each report once')
 */
export async function refuseSameFile(
  files: readonly { file: string; shown: string }[],
  prefix: string,
): Promise<void> {
  const seen = new Map<string, string>();
  for (const { file, shown } of files) {
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined) continue;
    const first = seen.get(real);
    if (first !== undefined)
      throw new ConfigError(`${prefix}: ${shown} is ${first} again; give each report once`);
    seen.set(real, shown);
  }
}

/**
 * Refuses two reports of identical content that scanned something (a shard's artifact
 * downloaded twice): its sites would count twice. Shards with an empty slice write the same
 * empty report, and are not refused.
 *
 * @example
 * refuseSameContent([a, a], ['s1.json', 'copy.json'], 'merge')
 * // throws ConfigError('merge: copy.json has the same content as s1.json, …')
 */
export function refuseSameContent(
  reports: readonly Report[],
  shown: readonly string[],
  prefix: string,
): void {
  const seen = new Map<string, string>();
  reports.forEach((report, i) => {
    if (
      (report.pages ?? []).length === 0 &&
      (report.unscanned ?? []).length === 0 &&
      report.warnings.length === 0
    )
      return;
    // readReport copies each field by name in one order, so equal reports serialise alike.
    const digest = createHash('sha256').update(JSON.stringify(report)).digest('hex');
    const first = seen.get(digest);
    if (first !== undefined)
      throw new ConfigError(
        `${prefix}: ${shown[i]} has the same content as ${first}, so its sites would be counted twice; give each shard's report once`,
      );
    seen.set(digest, shown[i]!);
  });
}
