import type { PermissionsFeature } from '../middleware/permissions-policy.js';
import type { ReferrerPolicyToken } from '../src/headers/referrer-policy.js';
import type { CsrfExpectation } from './to-be-protected-from-csrf.js';
import type { CspExpectation } from './to-have-csp.js';
import type { HstsExpectation } from './to-have-hsts.js';
import type { SecurityChecksExpectation } from './to-pass-security-checks.js';

/** The policies toHaveReferrerPolicy can pass on: it also requires a safe one (docs/checks.md). */
export type SafeReferrerPolicy = Exclude<
  ReferrerPolicyToken,
  'unsafe-url' | 'no-referrer-when-downgrade' | 'origin' | 'origin-when-cross-origin'
>;

/** Received values the matchers send requests to: the matcher returns a promise to await. */
export type AsyncReceived =
  | string
  | URL
  | ((...args: never[]) => unknown)
  | { fetch: (...args: never[]) => unknown }
  | { listen: (...args: never[]) => unknown }
  | { server: unknown; ready: (...args: never[]) => unknown };

/** `R` for a response in hand (synchronous), a promise for an app, URL or handler. */
export type MatcherReturn<R, T> = [T] extends [AsyncReceived] ? Promise<void> : R;

/**
 * The checksecure matchers, typed for Vitest and Jest: `R` is the runner's return type and `T`
 * the received value's type.
 */
export interface CheckSecureMatchers<R = unknown, T = unknown> {
  /** Strict-Transport-Security is valid, with max-age of at least `maxAge` (default 180 days). */
  toHaveHsts(expected?: HstsExpectation): MatcherReturn<R, T>;
  /** Other sites cannot frame the page. */
  toDenyFraming(): MatcherReturn<R, T>;
  /** A session cookie (named `name`, or by name rule) is Secure, HttpOnly and SameSite. */
  toHaveSecureSessionCookie(name?: string): MatcherReturn<R, T>;
  /** X-Content-Type-Options: nosniff. */
  toHaveNoSniff(): MatcherReturn<R, T>;
  /** An enforced CSP without weaknesses; `strict` and `directives` ask for more. */
  toHaveCsp(expected?: CspExpectation): MatcherReturn<R, T>;
  /** A safe Referrer-Policy, or exactly `policy`. */
  toHaveReferrerPolicy(policy?: SafeReferrerPolicy): MatcherReturn<R, T>;
  /** Plain HTTP is redirected to https: on the same host. */
  toRedirectToHttps(): MatcherReturn<R, T>;
  /** Cache-Control: no-store. */
  toPreventCaching(): MatcherReturn<R, T>;
  /** No X-Powered-By, no server version. */
  toHideServerInfo(): MatcherReturn<R, T>;
  /** A valid Permissions-Policy restricting each of `features`. */
  toHavePermissionsPolicy(features?: PermissionsFeature[]): MatcherReturn<R, T>;
  /** A cross-site POST to `path` is refused (an app, URL or handler only); `sameOrigin` carries a token. */
  toBeProtectedFromCsrf(path?: string, expected?: CsrfExpectation): Promise<void>;
  /** Nothing at or above `failOn` from the whole registry. */
  toPassSecurityChecks(expected?: SecurityChecksExpectation): MatcherReturn<R, T>;
}
