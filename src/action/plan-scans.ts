import type { Target } from '../probe/target.js';
import { shard } from './shard.js';

/** One scan the Action runs: a target and the paths this shard takes on it. */
export interface PlannedScan {
  target: Target;
  label: string;
  paths: string[];
}

/**
 * The scans of the shard's slice, so a matrix of `shard: i/n` jobs covers each URL and path
 * exactly once. Several targets are dealt whole: each site is scanned by one job (its findings,
 * its site-wide probes and its pages in one report), so a hundred sites spread over the matrix.
 * One target has its paths dealt instead, so that a large site is split too.
 */
export function planScans(
  targets: { target: Target; label: string }[],
  paths: string[],
  slice?: { index: number; total: number },
): PlannedScan[] {
  if (targets.length > 1) return shard(targets, slice).map((t) => ({ ...t, paths }));
  const pairs = targets.flatMap((t, ti) => paths.map((path) => ({ ti, path })));
  const mine = shard(pairs, slice);
  return targets
    .map((t, ti) => ({ ...t, paths: mine.filter((p) => p.ti === ti).map((p) => p.path) }))
    .filter((scan) => scan.paths.length > 0);
}
