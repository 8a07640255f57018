/**
 * The Levenshtein distance between two strings: how many single-character edits turn one into
 * the other. Used to suggest the option or flag a user meant.
 *
 * @example
 * editDistance('frmat', 'format'); // 1
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * The valid name or value a typo most likely meant: the same up to case, `_` for `-`, or the
 * camelCase of a kebab name, else the nearest by edit distance (one edit in four characters, at
 * most two). Undefined when nothing is that close.
 *
 * @example
 * nearest('sameorign', ['deny', 'sameorigin']) // 'sameorigin'
 */
export function nearest(value: unknown, candidates: Iterable<string>): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const wanted = plain(value);
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.max(1, Math.floor(wanted.length / 4)));
  for (const candidate of candidates) {
    const distance = editDistance(wanted, plain(candidate));
    if (distance === 0) return candidate;
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance - 1;
    }
  }
  return best;
}
