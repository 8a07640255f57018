/** Compiles path rules once: strings match exactly or as a "/prefix/" directory; RegExps test the path. */
export function pathMatcher(rules: readonly (string | RegExp)[]): (path: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) patterns.push(rule);
    else if (rule.endsWith('/') && rule.length > 1) prefixes.push(rule);
    else {
      exact.add(rule);
      prefixes.push(`${rule}/`);
    }
  }
  return (path) =>
    exact.has(path) || prefixes.some((p) => path.startsWith(p)) || patterns.some((r) => r.test(path));
}
