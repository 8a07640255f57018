import { isPrefixProblem } from '../headers/set-cookie.js';
import { defineCheck } from '../core/registry.js';
import { AFFINITY_COOKIE_NAME, SCRIPT_COOKIE_NAME } from '../util/session-names.js';
import type { FixSpec } from '../core/types.js';

/**
 * The fix for a cookie that is not a session cookie: anti-CSRF tokens are hardened by default,
 * any other cookie is named in scriptCookies (Secure and SameSite, never HttpOnly: scripts may
 * read it). A name that is not a plain token is not quoted into code. A load balancer's affinity
 * cookie is usually added after the app has answered, where no middleware reaches.
 */
function cookieFix(name: string): FixSpec {
  if (AFFINITY_COOKIE_NAME.test(name))
    return {
      middleware: 'load balancer or CDN configuration',
      snippet: `# ${name} is a load balancer's (or CDN's) affinity cookie: it picks a backend and carries no\n# credential. Mark it Secure where it is set: the balancer's stickiness (persistence) settings,\n# or the app if it sets the cookie for the balancer to read.`,
    };
  if (SCRIPT_COOKIE_NAME.test(name)) return { part: 'sessionCookie' };
  if (!/^[\w.!#$%&'*+^`|~-]{1,64}$/.test(name) || name.includes("'"))
    return { part: 'sessionCookie', options: { scriptCookies: ['cookie-name'] } };
  return { part: 'sessionCookie', options: { scriptCookies: [name] } };
}

export const cookiesCheck = defineCheck({
  name: 'cookies',
  description: 'other cookies are Secure, with valid SameSite and prefixes',
  messages: {
    COOKIE_INSECURE: {
      severity: 'warning',
      message: 'A cookie on an HTTPS response is set without Secure',
      explanation:
        'A cookie without Secure is also sent over plain HTTP, where it can be read or overwritten by anyone on the path.',
      fix: { part: 'sessionCookie', options: { scriptCookies: ['cookie-name'] } },
    },
    COOKIE_SAMESITE_INVALID: {
      severity: 'warning',
      message: 'A cookie has an invalid SameSite value, or SameSite=None without Secure',
      explanation:
        'Browsers ignore an unknown SameSite value and reject SameSite=None without Secure, so the cookie does not behave as written.',
      fix: { part: 'sessionCookie', options: { scriptCookies: ['cookie-name'] } },
    },
    COOKIE_PREFIX_INVALID: {
      severity: 'error',
      message: 'A __Host- or __Secure- cookie breaks its prefix rules, so browsers drop it',
      explanation:
        '__Secure- cookies must be Secure; __Host- cookies must be Secure, have Path=/ and no Domain. A cookie that breaks the rule is rejected by the browser, which usually breaks login in production only.',
      fix: { part: 'sessionCookie' },
    },
    CSRF_COOKIE_SAMESITE: {
      severity: 'warning',
      message: 'An anti-CSRF cookie has no SameSite attribute',
      explanation:
        'A CSRF token cookie without SameSite is sent on cross-site requests, which weakens the double-submit defence it belongs to.',
      fix: { part: 'csrf' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      for (const cookie of page.cookies) {
        if (cookie.deletion) continue;
        const evidence = `Set-Cookie: ${cookie.raw}`;
        const prefixProblems = cookie.problems.filter(isPrefixProblem);
        if (prefixProblems.length > 0) {
          yield {
            code: 'COOKIE_PREFIX_INVALID',
            url: page.url,
            evidence,
            message: prefixProblems.join('; '),
          };
        }
        if (ctx.isSessionCookie(cookie.name)) continue;
        if (!cookie.secure && page.https) {
          yield {
            code: 'COOKIE_INSECURE',
            url: page.url,
            evidence,
            message: `Cookie ${cookie.name} is set without Secure on an HTTPS response`,
            fix: cookieFix(cookie.name),
          };
        }
        if (cookie.sameSite !== undefined && !cookie.sameSiteValue) {
          yield {
            code: 'COOKIE_SAMESITE_INVALID',
            url: page.url,
            evidence,
            message: `Cookie ${cookie.name}: SameSite=${cookie.sameSite} is not Strict, Lax or None`,
            fix: cookieFix(cookie.name),
          };
        } else if (cookie.sameSiteValue === 'None' && !cookie.secure) {
          yield {
            code: 'COOKIE_SAMESITE_INVALID',
            url: page.url,
            evidence,
            message: `Cookie ${cookie.name}: SameSite=None without Secure is rejected by browsers`,
            fix: cookieFix(cookie.name),
          };
        }
        if (SCRIPT_COOKIE_NAME.test(cookie.name) && cookie.sameSite === undefined) {
          yield {
            code: 'CSRF_COOKIE_SAMESITE',
            url: page.url,
            evidence,
            message: `Anti-CSRF cookie ${cookie.name} has no SameSite`,
          };
        }
      }
    }
  },
});
