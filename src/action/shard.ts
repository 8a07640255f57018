/**
 * The i-th of n slices of a list, dealt round-robin so slices differ in size by one at most:
 * together the n slices hold every item exactly once.
 *
 * @example
 * shard(['a', 'b', 'c'], { index: 2, total: 2 }) // ['b']
 */
export function shard<T>(items: readonly T[], slice?: { index: number; total: number }): T[] {
  if (!slice) return [...items];
  return items.filter((_, i) => i % slice.total === slice.index - 1);
}
