import type { IncomingMessage } from 'node:http';

/**
 * The path and query the browser asked for: Express and Connect cut `req.url` under a mount
 * (`app.use('/portal', mw)` sees `/home`) and keep the whole in `originalUrl`.
 *
 * @example
 * requestUrl(req) // '/portal/home?x=1' under app.use('/portal', ...)
 */
export function requestUrl(req: IncomingMessage): string {
  const original = (req as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  return typeof original === 'string' ? original : (req.url ?? '/');
}

/**
 * The path of a request target as routers read it (parseurl, find-my-way): up to the first `?`
 * or `#` (a raw request line may carry a fragment), and for an absolute-form target
 * (`GET http://host/account`) the path after the authority.
 *
 * @example
 * pathOf('/account#x') // '/account'
 * pathOf('http://example.com/account?tab=1') // '/account'
 */
export function pathOf(target: string): string {
  let start = 0;
  if (target.charCodeAt(0) !== 47 /* / */) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(target);
    if (scheme) {
      const slash = target.slice(scheme[0].length).search(/[/?#]/);
      if (slash === -1 || target[scheme[0].length + slash] !== '/') return '/';
      start = scheme[0].length + slash;
    }
  }
  let end = target.length;
  for (let i = start; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) {
      end = i;
      break;
    }
  }
  return start === 0 && end === target.length ? target : target.slice(start, end);
}

/**
 * A request target in origin form (path and query): an absolute-form target
 * (`GET https://example.com/x?y HTTP/1.1`) without its scheme and authority.
 *
 * @example
 * originForm('https://example.com/x?y=1') // '/x?y=1'
 */
export function originForm(target: string): string {
  if (target.charCodeAt(0) === 47 /* / */) return target;
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  const rest = authority ? target.slice(authority[0].length) : target;
  return rest.startsWith('/') ? rest : `/${rest}`;
}
