import { canonicalPath } from './canonical-path.js';

export interface PathMatchOptions {
  /**
   * What a match gives the request. An `exemption` (public paths, CSRF exemptions) is granted
   * only when the path matches both as received and as the router serves it (canonicalPath), and
   * never to a path that cannot be made canonical: a router matching the raw path and a static
   * server resolving `..` must both agree. A `protection` (confidential paths) applies when either
   * reading matches, and to every path that cannot be made canonical.
   */
  grants: 'exemption' | 'protection';
  /**
   * Match case as given. The default fails closed either way: exemptions match case as given
   * (Fastify and hapi route /Webhook elsewhere than /webhook), protections any case (Express and
   * Koa route /ACCOUNT to /account).
   */
  caseSensitive?: boolean;
  /** Strings match exactly, not as a "/prefix/" directory too (CSRF exemptions). */
  exact?: boolean;
}

/**
 * Compiles path rules once: strings match exactly or as a "/prefix/" directory; RegExps test the
 * path. Paths are judged as the router and the static server would serve them, so
 * `/public/../members`, `/public/..%2fmembers` and `//members` are never taken for public paths,
 * and `/ACCOUNT` is as confidential as `/account`.
 *
 * @example
 * const isPublic = pathMatcher(['/', '/public/'], { grants: 'exemption' });
 * isPublic('/public/%2e%2e/members') // false
 */
export function pathMatcher(
  rules: readonly (string | RegExp)[],
  options: PathMatchOptions,
): (rawPath: string) => boolean {
  const exemption = options.grants === 'exemption';
  const fold = (options.caseSensitive ?? exemption) ? (s: string) => s : (s: string) => s.toLowerCase();
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const rule of rules) {
    if (rule instanceof RegExp) patterns.push(rule);
    else {
      // A rule is a path as the router serves it, too.
      const path = fold(canonicalPath(rule) ?? rule);
      if (path.endsWith('/') && path.length > 1 && !options.exact) prefixes.push(path);
      else {
        exact.add(path);
        // "/" is the home page alone, not every path.
        if (path !== '/' && !options.exact) prefixes.push(`${path}/`);
      }
    }
  }
  const matches = (path: string) => {
    const folded = fold(path);
    return (
      exact.has(folded) ||
      prefixes.some((p) => folded.startsWith(p)) ||
      patterns.some((r) => r.test(path) || (folded !== path && r.test(folded)))
    );
  };
  return (rawPath) => {
    const canonical = canonicalPath(rawPath);
    if (canonical === undefined) return !exemption;
    if (canonical === rawPath) return matches(rawPath);
    return exemption ? matches(rawPath) && matches(canonical) : matches(rawPath) || matches(canonical);
  };
}
