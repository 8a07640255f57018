import { percentDecoded } from '../../util/percent-decoded.js';

/**
 * A logout-like path or query (`/logout`, `/account/sign-out`, `?action=logoff`, OpenID Connect's
 * `/oidc/endsession`, `/session/destroy`, `/exit`, `/disconnect`, French `/deconnexion`, German
 * `/abmelden`): following one ends the session a `-H 'Cookie: …'` gave the crawl (or, for an
 * OAuth `/disconnect`, an integration), and every page after it is the logged-out site, judged
 * (or drafted) as if it were the app.
 */
const LOGOUT =
  /(?:^|[/_.=&?-])(?:(?:log|sign)[-_]?(?:out|off)|end[-_]?session|(?:destroy|kill)[-_]?session|session[/_-](?:destroy|end|kill)|disconnect|exit|d[eé]connexion|abmelden)(?:$|[/_.=&?#-])/i;

/**
 * Whether a link looks like one that ends the session: such links are never followed by a
 * crawl, the scan's or the CSP draft's (a path the user names is still loaded).
 *
 * @example
 * isLogoutLink(new URL('https://shop.example/account/sign-out')); // true
 * isLogoutLink(new URL('https://shop.example/blog/logging-outages')); // false
 */
export function isLogoutLink(url: URL): boolean {
  return isLogoutPath(url.pathname, url.search);
}

/**
 * isLogoutLink on a URL's path and query (`?…` or ''), for a caller that has not parsed one.
 *
 * @example
 * isLogoutPath('/account/sign-out', ''); // true
 */
export function isLogoutPath(pathname: string, search: string): boolean {
  const path = withoutParameters(percentDecoded(pathname));
  // A query is decoded too: the crawl requests `?action=log%6Fut` as `?action=logout`.
  return LOGOUT.test(path) || (search !== '' && LOGOUT.test(percentDecoded(search)));
}

/**
 * A path without its segments' parameters: Tomcat, Jetty and Spring serve `/logout;jsessionid=1`
 * as `/logout`, so the rules judge what such a server routes.
 *
 * @example
 * withoutParameters('/admin;x/y'); // '/admin/y'
 */
export function withoutParameters(path: string): string {
  return path.includes(';') ? path.replace(/;[^/]*/g, '') : path;
}
