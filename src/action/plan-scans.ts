import type { Target } from '../probe/target.js';
import { shard } from './shard.js';

/** One scan the Action runs: a target and the paths this shard takes on it. */
export interface PlannedScan {
  target: Target;
  label: string;
  paths: string[];
}

/**
 * Deals every (target, path) pair into the shard's slice, then regroups by target, so a matrix of
 * `shard: i/n` jobs covers each URL and path exactly once.
 */
export function planScans(
  targets: { target: Target; label: string }[],
  paths: string[],
  slice?: { index: number; total: number },
): PlannedScan[] {
  const pairs = targets.flatMap((t, ti) => paths.map((path) => ({ ti, path })));
  const mine = shard(pairs, slice);
  return targets
    .map((t, ti) => ({ ...t, paths: mine.filter((p) => p.ti === ti).map((p) => p.path) }))
    .filter((scan) => scan.paths.length > 0);
}
