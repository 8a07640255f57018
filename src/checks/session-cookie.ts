import { defineCheck } from '../core/registry.js';

export const sessionCookieCheck = defineCheck({
  name: 'sessionCookie',
  description: 'session cookies are Secure, HttpOnly and SameSite',
  messages: {
    SESSION_COOKIE_INSECURE: {
      severity: 'error',
      message: 'A session cookie is set without Secure',
      explanation:
        "Without Secure the browser also sends the session cookie over plain HTTP, where anyone on the network path can copy it and take over the session (like Django's SESSION_COOKIE_SECURE).",
      fix: { part: 'sessionCookie' },
    },
    SESSION_COOKIE_NOT_HTTPONLY: {
      severity: 'error',
      message: 'A session cookie is set without HttpOnly',
      explanation:
        'Without HttpOnly any script on the page, including one injected through XSS, can read the session cookie and send it away.',
      fix: { part: 'sessionCookie' },
    },
    SESSION_COOKIE_SAMESITE: {
      severity: 'warning',
      message: 'A session cookie has SameSite missing, invalid or None',
      explanation:
        'SameSite=Lax (or Strict) keeps the browser from sending the session on cross-site POSTs and subresource requests, a strong layer against CSRF. None sends it everywhere.',
      fix: { part: 'sessionCookie' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      for (const cookie of page.cookies) {
        if (cookie.deletion || !ctx.isSessionCookie(cookie.name)) continue;
        const evidence = `Set-Cookie: ${cookie.raw}`;
        // Secure is judged only over HTTPS: on a plain-HTTP target it would be a false warning.
        if (!cookie.secure && page.https) {
          yield {
            code: 'SESSION_COOKIE_INSECURE',
            url: page.url,
            evidence,
            message: `Session cookie ${cookie.name} is set without Secure`,
          };
        }
        if (!cookie.httpOnly) {
          yield {
            code: 'SESSION_COOKIE_NOT_HTTPONLY',
            url: page.url,
            evidence,
            message: `Session cookie ${cookie.name} is set without HttpOnly`,
          };
        }
        if (cookie.sameSiteValue !== 'Strict' && cookie.sameSiteValue !== 'Lax') {
          const why = cookie.sameSite === undefined ? 'no SameSite' : `SameSite=${cookie.sameSite}`;
          yield {
            code: 'SESSION_COOKIE_SAMESITE',
            url: page.url,
            evidence,
            message: `Session cookie ${cookie.name} has ${why}; use Lax or Strict`,
            // sessionCookie() keeps an app's explicit SameSite=None: overriding it is a choice.
            ...(cookie.sameSiteValue === 'None'
              ? { fix: { part: 'sessionCookie', options: { sameSite: 'Lax' } } }
              : {}),
          };
        }
      }
    }
  },
});
