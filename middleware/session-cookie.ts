import { sessionCookieMatcher } from '../src/session-names.js';
import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { NO_CACHE_HEADERS } from './engine.js';
import type { Finalize } from './part.js';
import { bool, fail, knownKeys, oneOf } from './validate.js';

export interface SessionCookieOptions extends LoggerOption {
  /** Cookies to harden. Default: names containing sess, sid, login or auth (the rule the checks use). */
  names?: string[];
  /** Default 'Lax'; replaces whatever the app set. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Add Secure. Default true, like Django's SESSION_COOKIE_SECURE: browsers accept it on localhost too. */
  secure?: boolean;
  /** Add HttpOnly. Default true. */
  httpOnly?: boolean;
  /** Send Cache-Control: no-store with a response that sets a session cookie. Default true. */
  noStore?: boolean;
}

const attributeName = (attr: string) => attr.split('=')[0]!.trim().toLowerCase();

/**
 * Rewrites Set-Cookie lines as the response head is written: session cookies get Secure,
 * HttpOnly and SameSite; any `__Host-`/`__Secure-` cookie is brought within its prefix rules so
 * browsers keep it. Works whatever sets the cookie (express-session, res.cookie, setHeader).
 * Fixes SESSION_COOKIE_INSECURE, SESSION_COOKIE_NOT_HTTPONLY, SESSION_COOKIE_SAMESITE,
 * COOKIE_INSECURE and COOKIE_SAMESITE_INVALID (with `names`), COOKIE_PREFIX_INVALID.
 *
 * @example
 * app.use(sessionCookie({ names: ['connect.sid'], sameSite: 'Strict' }));
 */
export function sessionCookie(options: SessionCookieOptions = {}): PartMiddleware {
  knownKeys('sessionCookie', options, ['names', 'sameSite', 'secure', 'httpOnly', 'noStore']);
  if (
    options.names !== undefined &&
    (!Array.isArray(options.names) ||
      options.names.some((n) => typeof n !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(n)))
  ) {
    fail('sessionCookie: names', options.names, 'must be an array of cookie names');
  }
  const isSession = sessionCookieMatcher(options.names);
  const sameSite = oneOf('sessionCookie: sameSite', options.sameSite, ['Strict', 'Lax', 'None'], 'Lax');
  const secure = bool('sessionCookie: secure', options.secure, true);
  const httpOnly = bool('sessionCookie: httpOnly', options.httpOnly, true);
  if (sameSite === 'None' && !secure)
    fail(
      'sessionCookie: sameSite',
      sameSite,
      'requires secure: true (browsers reject SameSite=None without Secure)',
    );
  const noStore = bool('sessionCookie: noStore', options.noStore, true);
  const harden = (line: string): { line: string; session: boolean } => {
    const parts = line.split(';');
    const name = (parts[0] ?? '').split('=')[0]!.trim();
    const lower = name.toLowerCase();
    const host = lower.startsWith('__host-');
    const session = isSession(name);
    if (!session && !host && !lower.startsWith('__secure-')) return { line, session: false };
    const names = new Set(parts.slice(1).map(attributeName));
    let attrs = parts
      .slice(1)
      .map((a) => a.trim())
      .filter((a) => a !== '');
    if (session) attrs = attrs.filter((a) => attributeName(a) !== 'samesite');
    if (host) attrs = attrs.filter((a) => attributeName(a) !== 'domain' && attributeName(a) !== 'path');
    if ((secure || !session) && !names.has('secure')) attrs.push('Secure');
    if (session && httpOnly && !names.has('httponly')) attrs.push('HttpOnly');
    if (session) attrs.push(`SameSite=${sameSite}`);
    if (host) attrs.push('Path=/');
    return { line: [parts[0]!.trim(), ...attrs].join('; '), session };
  };
  const finalize: Finalize = {
    on: ['set-cookie'],
    run(headers) {
      const lines = headers.get('set-cookie');
      if (!lines) return;
      let session = false;
      headers.set(
        'Set-Cookie',
        lines.map((line) => {
          const hardened = harden(line);
          session ||= hardened.session;
          return hardened.line;
        }),
      );
      if (session && noStore) for (const [name, value] of NO_CACHE_HEADERS) headers.set(name, value);
    },
  };
  return toMiddleware('sessionCookie', [{ name: 'sessionCookie', finalize }]);
}
