import picomatch from 'picomatch';

// After decoding, these make a path mean another page to some server than it reads as here: a
// dot segment (`..;` too, which Tomcat reads as `..`), an empty segment (`//legacy`, which
// nginx merges), a backslash (a separator to IIS), a control character.
const AMBIGUOUS_SEGMENT = /^(?:\.{1,2})?(?:;.*)?$/;
const ENCODED_SEPARATOR = /%(?:2f|5c)/i;
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

/**
 * The path of `url` as an acceptance's globs are matched against: the WHATWG-normalised pathname
 * (`/legacy/../admin` and `/legacy/%2e%2e/admin` are `/admin`), percent-decoded. Undefined when a
 * router could read it as another page than it reads as here (an encoded or doubled slash, a dot
 * segment left after decoding, a backslash): no glob matches such a page, so a `paths`
 * acceptance never accepts a finding on a page it does not name.
 *
 * @example
 * acceptancePath('https://example.com/legacy/../admin?x=1') // '/admin'
 * acceptancePath('https://example.com//legacy/a') // undefined
 */
export function acceptancePath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  if (ENCODED_SEPARATOR.test(pathname)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || UNSAFE.test(decoded)) return undefined;
  const segments = decoded.slice(1).split('/');
  // The last segment is empty for a trailing slash (`/legacy/`), which every router reads alike.
  if (
    segments.some(
      (segment, i) => AMBIGUOUS_SEGMENT.test(segment) && !(segment === '' && i === segments.length - 1),
    )
  )
    return undefined;
  return decoded;
}

/**
 * A test of a page's URL against globs on its path. A page matches only when it matches both
 * case-sensitively and not: `/LEGACY/x` is another page to a case-sensitive router, and
 * `/ADMIN` the admin page to Express, so neither `/legacy/**` nor `/!(admin)/**` accepts them.
 *
 * @example
 * pathMatcher(['/legacy/**'])('https://example.com/legacy/a') // true
 */
export function pathMatcher(globs: readonly string[]): (url: string) => boolean {
  const exact = picomatch([...globs], { dot: true });
  const folded = picomatch([...globs], { dot: true, nocase: true });
  return (url) => {
    const path = acceptancePath(url);
    return path !== undefined && exact(path) && folded(path);
  };
}
