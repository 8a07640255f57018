import type { Exchange } from '../core/types.js';

/**
 * What the two POSTs to one endpoint show: `refused` (protected), `accepted` (the cross-site POST
 * succeeded), `unclear` (the same-origin POST succeeded and the cross-site answer shows neither),
 * `unjudged` (the same-origin POST did not succeed, so there is nothing to compare with; whether
 * the cross-site POST sent before it was refused, since that failure may be its aftermath).
 */
export type CsrfVerdict =
  | { kind: 'refused' | 'accepted' }
  | { kind: 'unclear'; why: string }
  | { kind: 'unjudged'; crossSiteRefused: boolean };

// A redirect that names a login, an error or the CSRF failure itself: where frameworks and apps
// send a refused form (Devise's /users/sign_in, /login?next=…, /error?code=csrf, an identity
// provider's /oauth2/auth). Whole words only, so that /author or /errand never count.
const REFUSAL_WORDS =
  /(?:^|[^a-z0-9])(?:log[-_]?in|sign[-_]?in|auth|authenticate|expired|errors?|forbidden|denied|invalid|csrf|xsrf|unauthori[sz]ed|refused|rejected)(?![a-z0-9])/i;

// Path segments and query values that name one record rather than a place: an id, a UUID, a
// hash or an opaque token. Two redirects that differ only in them lead to the same page.
const RECORD = /^(?:\d+|[0-9a-f]{8,}|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|(?=[\w-]*\d)[\w-]{16,})$/i;

const variable = (text: string) => (RECORD.test(text) ? ':id' : text);

function resolve(exchange: Exchange): URL | undefined {
  const location = exchange.headers.location?.[0];
  if (location === undefined || exchange.status < 300 || exchange.status >= 400) return undefined;
  try {
    return new URL(location, exchange.request.url);
  } catch {
    return undefined;
  }
}

/** Where a redirect leads, with record ids and the order of query parameters left out. */
function place(url: URL): string {
  const path = url.pathname.split('/').map(variable).join('/');
  const query = [...url.searchParams]
    .map(([key, value]) => `${key}=${variable(value)}`)
    .sort()
    .join('&');
  return `${url.origin}${path}?${query}`;
}

/** Whether a redirect names a refusal; the host counts only when it is another site's. */
function namesRefusal(url: URL, from: Exchange): boolean {
  const offSite = url.host !== new URL(from.request.url).host;
  return REFUSAL_WORDS.test(`${offSite ? url.hostname : ''}${url.pathname}${url.search}`);
}

/**
 * Judges one endpoint from its same-origin and cross-site POSTs. Protection is the cross-site POST
 * refused where the same-origin one succeeded: a 4xx, or a redirect to a login or error page. A
 * difference alone is not a refusal (an order created as /orders/2 rather than /orders/1), and an
 * answer that shows neither refusal nor success is `unclear`, never a pass.
 *
 * @example
 * judgeCsrf(sameOrigin303ToOrders1, crossSite303ToOrders2) // { kind: 'accepted' }
 */
export function judgeCsrf(sameOrigin: Exchange, crossSite: Exchange): CsrfVerdict {
  const status = crossSite.status;
  // A success status is never a refusal, whatever the same-origin POST got: the probe sends the
  // cross-site POST first, so a same-origin failure may be the aftermath of its success.
  if (status >= 200 && status < 300) return { kind: 'accepted' };
  const sameTo = resolve(sameOrigin);
  const sameSucceeded =
    (sameOrigin.status >= 200 && sameOrigin.status < 300) ||
    (sameTo !== undefined && !namesRefusal(sameTo, sameOrigin));
  // 408 and 429 say "not now", not "not from there": the next try may go through.
  const crossTo = resolve(crossSite);
  const refusal =
    (status >= 400 && status < 500 && status !== 408 && status !== 429) ||
    (crossTo !== undefined && namesRefusal(crossTo, crossSite));
  if (!sameSucceeded) return { kind: 'unjudged', crossSiteRefused: refusal };
  if (crossTo !== undefined) {
    if (sameTo !== undefined && place(crossTo) === place(sameTo)) return { kind: 'accepted' };
    if (refusal) return { kind: 'refused' };
    return { kind: 'unclear', why: 'a redirect elsewhere that names no login or error page' };
  }
  if (refusal) return { kind: 'refused' };
  if (status >= 500)
    return { kind: 'unclear', why: 'an error is not a refusal: the action may have run first' };
  if (status === 408 || status === 429)
    return { kind: 'unclear', why: 'a timeout or rate limit, not a refusal' };
  return { kind: 'unclear', why: 'neither a refusal nor a success' };
}

/**
 * Whether the path answers a GET with the same redirect the cross-site POST got: a route that
 * redirects every method (`/` → `/home`, a moved page) is not a form endpoint, and its redirect
 * says nothing about what a POST did. `get` is the first answer to the GET of the same path.
 *
 * @example
 * redirectsEveryMethod(crossSite302ToHome, get302ToHome) // true
 */
export function redirectsEveryMethod(
  crossSite: Exchange,
  get: { status: number; location?: string },
): boolean {
  const posted = resolve(crossSite);
  if (!posted || get.location === undefined || get.status !== crossSite.status) return false;
  try {
    return place(new URL(get.location, crossSite.request.url)) === place(posted);
  } catch {
    return false;
  }
}
