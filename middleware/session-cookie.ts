import { SCRIPT_COOKIE_NAME, sessionCookieMatcher } from '../src/util/session-names.js';
import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { NO_CACHE_HEADERS } from './engine.js';
import type { Finalize } from './part.js';
import { bool, fail, knownKeys, oneOf } from './validate.js';

export interface SessionCookieOptions extends LoggerOption {
  /**
   * Session cookies to harden, instead of the default rule: names containing sess, sid, login,
   * auth, remember, jwt or token, but not csrf or xsrf nor a load balancer's affinity cookie such
   * as heroku-session-affinity (the rule the checks use).
   */
  names?: string[];
  /** Session cookies to harden besides those `names` (or the default rule) covers. */
  addNames?: string[];
  /**
   * Other cookies, which the page's scripts may read: they get Secure (and SameSite=Lax when they
   * have none), never HttpOnly. Anti-CSRF tokens (csrf/xsrf in the name, Angular's and axios's
   * XSRF-TOKEN) are always treated so.
   */
  scriptCookies?: string[];
  /**
   * Replaces whatever SameSite the app set on a session cookie. Default 'Lax', which keeps an
   * explicit `SameSite=None; Secure` of the app's (a cross-site login, an embedded widget) and
   * never lowers a `SameSite=Strict`.
   */
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
  knownKeys('sessionCookie', options, [
    'names',
    'addNames',
    'scriptCookies',
    'sameSite',
    'secure',
    'httpOnly',
    'noStore',
  ]);
  const cookieNames = (key: 'names' | 'addNames' | 'scriptCookies') => {
    const value = options[key];
    if (
      value !== undefined &&
      (!Array.isArray(value) ||
        value.some((n) => typeof n !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(n)))
    )
      fail(`sessionCookie: ${key}`, value, 'must be an array of cookie names');
    return value;
  };
  const isSession = sessionCookieMatcher(cookieNames('names'), cookieNames('addNames'));
  const scriptNames = new Set(cookieNames('scriptCookies'));
  const isScript = (name: string) => scriptNames.has(name) || SCRIPT_COOKIE_NAME.test(name);
  const sameSite = oneOf('sessionCookie: sameSite', options.sameSite, ['Strict', 'Lax', 'None'], 'Lax');
  const sameSiteGiven = options.sameSite !== undefined;
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
    const script = !session && isScript(name);
    if (!session && !script && !host && !lower.startsWith('__secure-')) return { line, session: false };
    const names = new Set(parts.slice(1).map(attributeName));
    let attrs = parts
      .slice(1)
      .map((a) => a.trim())
      .filter((a) => a !== '');
    // Without a sameSite of its own, the default never overrules the app (or a stricter
    // middleware mounted before): an explicit SameSite=None on a Secure cookie is its choice (an
    // embedded widget, a cross-site login), and Strict is stricter than the default. Any other
    // value is replaced.
    const kept =
      !sameSiteGiven &&
      names.has('samesite') &&
      attrs.some(
        (a) =>
          attributeName(a) === 'samesite' &&
          (/^samesite\s*=\s*strict$/i.test(a) || (names.has('secure') && /^samesite\s*=\s*none$/i.test(a))),
      );
    const replaceSameSite = session && !kept;
    if (replaceSameSite) attrs = attrs.filter((a) => attributeName(a) !== 'samesite');
    if (host) attrs = attrs.filter((a) => attributeName(a) !== 'domain' && attributeName(a) !== 'path');
    if ((secure || (!session && !script)) && !names.has('secure')) attrs.push('Secure');
    if (session && httpOnly && !names.has('httponly')) attrs.push('HttpOnly');
    if (replaceSameSite) attrs.push(`SameSite=${sameSite}`);
    // An anti-CSRF token's SameSite is csrf()'s to set (Strict); another script cookie gets Lax.
    else if (script && !SCRIPT_COOKIE_NAME.test(name)) {
      // A script cookie keeps a valid SameSite of its own; a missing or unknown one becomes Lax.
      const valid = attrs.some((a) => /^samesite\s*=\s*(strict|lax|none)$/i.test(a));
      if (!valid) attrs = [...attrs.filter((a) => attributeName(a) !== 'samesite'), 'SameSite=Lax'];
    }
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
