import { cookiesCheck } from '../src/checks/cookies.js';
import { sessionCookieCheck } from '../src/checks/session-cookie.js';
import { sessionCookieMatcher } from '../src/util/session-names.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments, optionFail } from './validate-options.js';

const SESSION_CODES = new Set([
  'SESSION_COOKIE_INSECURE',
  'SESSION_COOKIE_NOT_HTTPONLY',
  'SESSION_COOKIE_SAMESITE',
  'COOKIE_PREFIX_INVALID',
]);

const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The response sets a session cookie (named `name`, or by the docs/checks.md name rule) that is
 * Secure, HttpOnly and SameSite=Lax or Strict.
 *
 * @example
 * expect(await request(app).post('/login').send(credentials)).toHaveSecureSessionCookie('connect.sid');
 */
export function toHaveSecureSessionCookie(
  this: MatcherContext,
  received: unknown,
  name?: string,
  ...extra: unknown[]
) {
  noMoreArguments('toHaveSecureSessionCookie', extra, 'one cookie name');
  if (name !== undefined && (typeof name !== 'string' || !COOKIE_NAME.test(name)))
    optionFail(
      'toHaveSecureSessionCookie: name',
      name,
      typeof name === 'string'
        ? 'is not a cookie name (RFC 6265 token: no spaces, "=", ";" or ",")'
        : "must be a cookie name, e.g. 'connect.sid'",
    );
  const isSession = sessionCookieMatcher(name === undefined ? undefined : [name]);
  return evaluate(this, received, {
    name: 'toHaveSecureSessionCookie',
    expected: name === undefined ? '' : JSON.stringify(name),
    claim: `set ${name === undefined ? 'a session cookie' : `the cookie ${name}`} with Secure, HttpOnly and SameSite=Lax or Strict`,
    checks: [sessionCookieCheck, cookiesCheck],
    options: name === undefined ? {} : { sessionCookies: [name] },
    fails: (code) => SESSION_CODES.has(code),
    headers: ['set-cookie'],
    extra: (ctx) =>
      ctx.pages.some((page) => page.cookies.some((c) => !c.deletion && isSession(c.name)))
        ? []
        : [
            name === undefined
              ? "no session cookie is set (no cookie name contains sess, sid, login, auth, remember, jwt or token, other than a load balancer's affinity cookie)"
              : `no cookie named ${name} is set`,
          ],
  });
}
