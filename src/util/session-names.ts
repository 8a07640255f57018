/**
 * docs/checks.md: without configured names, a cookie is a session cookie when its name says so: a
 * session id (`sess`, `sid`: connect.sid, JSESSIONID, PHPSESSID), a login (`login`, `auth`,
 * `remember`), or a bearer credential (`jwt`, `token`: access_token, refresh_token, id_token).
 */
export const SESSION_COOKIE_NAME = /sess|sid|login|auth|remember|jwt|token/i;

/**
 * Cookies meant for the page's scripts: the anti-CSRF double-submit token that Angular and
 * axios read (XSRF-TOKEN) must stay readable, so it is never taken for a session cookie.
 */
export const SCRIPT_COOKIE_NAME = /csrf|xsrf/i;

/**
 * docs/checks.md stance "Load-balancer affinity cookies": what a load balancer or CDN sets to pin a
 * visitor to one backend, by the vendors' documented names. Heroku's router
 * (heroku-session-affinity), AWS ALB and Classic ELB (AWSALB, AWSALBAPP, AWSALBTG, AWSELB, each
 * with its CORS twin), Google Cloud (GCLB), Azure App Service (ARRAffinity,
 * ARRAffinitySameSite), F5 BIG-IP (BIGipServer<pool>), Cloudflare (__cflb, and the bot-management
 * __cf_bm), nginx sticky modules (route) and HAProxy's usual SERVERID. They route requests and
 * carry no credential, so they are never session cookies, whatever the name says ("session",
 * or a pool named auth_pool).
 */
export const AFFINITY_COOKIE_NAME =
  /^(?:heroku-session-affinity|AWSALB(?:APP|TG)?(?:CORS)?|AWSELB(?:CORS)?|GCLB|ARRAffinity(?:SameSite)?|BIGipServer.+|__cflb|__cf_bm|route|SERVERID)$/;

/** The rule the checker and the `sessionCookie()` middleware share. */
export function sessionCookieMatcher(
  names?: readonly string[],
  more: readonly string[] = [],
): (name: string) => boolean {
  if (names) {
    const set = new Set([...names, ...more]);
    return (name) => set.has(name);
  }
  const extra = new Set(more);
  return (name) =>
    extra.has(name) ||
    (SESSION_COOKIE_NAME.test(name) && !SCRIPT_COOKIE_NAME.test(name) && !AFFINITY_COOKIE_NAME.test(name));
}
