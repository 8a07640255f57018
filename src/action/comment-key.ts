import { createHash } from 'node:crypto';

/** Room for the key in the marker; a longer default keeps its start and a digest of the whole. */
const MAX_KEY = 120;

/**
 * The key that tells one scan's pull request comment from another's: the `comment-key` input, or
 * by default the workflow, the job and the step; with `shard`, the shard is added to either, so
 * that matrix shards and several checksecure steps (in one job or in several workflows) never
 * overwrite each other's comment, while a re-run of the same scan finds its own again.
 * Characters the key may not hold (see the comment-key input) become `_`; nothing is cut that
 * tells two steps apart (GitHub's `_2` for a second step comes last), since a long default key
 * ends with a digest of all of it.
 *
 * @example
 * commentKey(undefined, { GITHUB_WORKFLOW: 'CI', GITHUB_JOB: 'scan', GITHUB_ACTION: '__org_checksecure-action' }, { index: 2, total: 4 })
 * // 'CI/scan/__org_checksecure-action/shard 2 of 4'
 */
export function commentKey(
  given: string | undefined,
  env: Record<string, string | undefined>,
  shard?: { index: number; total: number },
): string {
  const parts = given
    ? [given]
    : [env.GITHUB_WORKFLOW, env.GITHUB_JOB, env.GITHUB_ACTION].map((part) =>
        (part ?? '').replace(/[^\w.:@+ -]/g, '_'),
      );
  if (shard) parts.push(`shard ${shard.index} of ${shard.total}`);
  const key = parts.join('/');
  if (key.length <= MAX_KEY) return key;
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return `${key.slice(0, MAX_KEY - 17)}~${digest}`;
}
