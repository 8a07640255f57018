/**
 * The key that tells one scan's pull request comment from another's: the `comment-key` input, or
 * by default the workflow, the job and the step; with `shard`, the shard is added to either, so
 * that matrix shards and several checksecure steps (in one job or in several workflows) never
 * overwrite each other's comment, while a re-run of the same scan finds its own again.
 * Characters the key may not hold (see the comment-key input) become `_`.
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
        (part ?? '').replace(/[^\w.:@+ -]/g, '_').slice(0, 30),
      );
  if (shard) parts.push(`shard ${shard.index} of ${shard.total}`);
  return parts.join('/');
}
