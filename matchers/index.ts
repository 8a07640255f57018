import { toBeProtectedFromCsrf } from './to-be-protected-from-csrf.js';
import { toDenyFraming } from './to-deny-framing.js';
import { toHaveCsp } from './to-have-csp.js';
import { toHaveHsts } from './to-have-hsts.js';
import { toHaveNoSniff } from './to-have-no-sniff.js';
import { toHavePermissionsPolicy } from './to-have-permissions-policy.js';
import { toHaveReferrerPolicy } from './to-have-referrer-policy.js';
import { toHaveSecureSessionCookie } from './to-have-secure-session-cookie.js';
import { toHideServerInfo } from './to-hide-server-info.js';
import { toPassSecurityChecks } from './to-pass-security-checks.js';
import { toPreventCaching } from './to-prevent-caching.js';
import { toRedirectToHttps } from './to-redirect-to-https.js';

/**
 * Every checksecure matcher, for `expect.extend(matchers)`: no side effects on import.
 *
 * @example
 * import { matchers } from 'checksecure/matchers';
 * expect.extend(matchers);
 */
export const matchers = {
  toHaveHsts,
  toDenyFraming,
  toHaveSecureSessionCookie,
  toHaveNoSniff,
  toHaveCsp,
  toHaveReferrerPolicy,
  toRedirectToHttps,
  toPreventCaching,
  toHideServerInfo,
  toHavePermissionsPolicy,
  toBeProtectedFromCsrf,
  toPassSecurityChecks,
};

export type { HstsExpectation } from './to-have-hsts.js';
export type { CspExpectation } from './to-have-csp.js';
export type { SecurityChecksExpectation } from './to-pass-security-checks.js';
export type { CsrfExpectation } from './to-be-protected-from-csrf.js';
export type { CsrfSameOrigin, CsrfToken, CsrfTokenContext } from '../src/core/types.js';
export type { CheckSecureMatchers } from './matcher-types.js';
export type { MatcherContext, MatcherResult } from './types.js';
