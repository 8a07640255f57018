/**
 * The path a router serves for a request path as received, for matching path rules (public
 * paths, exemptions, confidential paths): percent-decoded as routers and static file servers
 * decode it, dot-segments resolved, repeated slashes collapsed. Undefined when the path cannot
 * be made canonical: an invalid escape, an encoded slash or backslash, a NUL, a backslash. A
 * rule must then grant no exemption, since routers disagree on what such a path names.
 *
 * @example
 * canonicalPath('/public/..%2fmembers') // undefined (an encoded slash)
 * canonicalPath('/public/%2e%2e/members//report.txt') // '/members/report.txt'
 */
export function canonicalPath(raw: string): string | undefined {
  // The common case, a plain path, costs one scan: nothing to decode, resolve or collapse.
  if (PLAIN.test(raw) && !DOT_OR_DOUBLE.test(raw)) return raw;
  if (/%(?![0-9a-f]{2})|%2f|%5c|%00|\\|\0/i.test(raw)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  // A decoded "%25" may form a new escape ("%252e" is "%2e"): a second decoder (a proxy, then
  // the app) would read it differently from the first.
  if (decoded.includes('%') || decoded.includes('\0')) return undefined;
  const out: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const trailing = decoded.endsWith('/') || /\/\.\.?$/.test(decoded);
  return `/${out.join('/')}${trailing && out.length > 0 ? '/' : ''}`;
}

/** Nothing but unreserved characters and single slashes, starting with one. */
const PLAIN = /^\/[\w\-.~!$&'()*+,;=:@/]*$/;
/** A dot-segment or an empty segment somewhere. */
const DOT_OR_DOUBLE = /\/\/|\/\.\.?(?:\/|$)/;
