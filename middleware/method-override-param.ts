/**
 * Whether a query string asks, in any spelling a query parser accepts, for a method other than
 * the safe ones: method-override, Rails and Laravel read `_method`, and qs or querystring decode
 * `%5Fmethod`, `_%6Dethod`, `_method[]`, `_method[0]`, `[_method]` and `[_method]x` to it, Koa 3's
 * URLSearchParams `??_method`. A key or value that cannot be decoded counts as asking, since a
 * parser more lenient than ours might read it. With `safe` empty, any `_method` at all counts.
 *
 * @example
 * asksUnsafeMethod('/account?%5Fmethod=DELETE', SAFE) // true
 */
export function asksUnsafeMethod(url: string, safe: ReadonlySet<string>): boolean {
  const q = url.indexOf('?');
  if (q === -1) return false;
  // The common case, on every request with a query: no "_" at all, so no key can decode to
  // "_method". Searched in place (a sticky start, no slice): this runs per request.
  MAYBE.lastIndex = q;
  if (!MAYBE.test(url)) return false;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash === -1 ? undefined : hash);
  for (const pair of query.split(/[&;]/)) {
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    if (key === undefined) return true;
    if (!KEY.test(key)) continue;
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    if (value === undefined) return true;
    const method = value.trim().toUpperCase();
    if (method !== '' && !safe.has(method)) return true;
  }
  return false;
}

/** An underscore, plain or escaped, somewhere in the query: the only way to spell `_method`. */
const MAYBE = /_|%5f/gi;
/**
 * `_method` as a whole name anywhere in the key, any case: alone, with qs's bracket forms before
 * or after it (`_method[]`, `[_method]`, `[_method]x`), after the `?` a parser strips.
 */
const KEY = /(?:^|[[\]?.])_method(?:$|[[\]?.])/i;

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
