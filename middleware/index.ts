/**
 * checksecure/middleware: the "fix" in check → fix → verify. Each middleware validates its
 * options when created and precomputes its headers; each names the codes it fixes.
 *
 * @example
 * import { secure, errorHandler } from 'checksecure/middleware';
 * app.use(secure());
 * // ...routes...
 * app.use(errorHandler());
 */
export { secure, type SecureOptions } from './secure.js';
export { hsts, type HstsOptions } from './hsts.js';
export {
  contentSecurityPolicy,
  cspDirectives,
  cspTemplate,
  NONCE,
  type ContentSecurityPolicyOptions,
} from './content-security-policy.js';
export { STRICT_DIRECTIVES, COMPATIBLE_DIRECTIVES, type CspDirectives } from './csp-builder.js';
export { cspReport, type CspReportOptions } from './csp-report.js';
export { parseCspReports, type CspViolation } from './csp-violation.js';
export { jsonlSink, type JsonlSink, type JsonlSinkOptions } from './jsonl-sink.js';
export { frameGuard, type FrameGuardOptions } from './frame-guard.js';
export { noSniff } from './no-sniff.js';
export { referrerPolicy, type ReferrerPolicyOptions } from './referrer-policy.js';
export {
  permissionsPolicy,
  PERMISSIONS_FEATURES,
  DEFAULT_DENIED_FEATURES,
  type PermissionsPolicyOptions,
  type PermissionsFeature,
  type PermissionsAllowlist,
} from './permissions-policy.js';
export { crossOriginPolicies, type CrossOriginPoliciesOptions } from './cross-origin-policies.js';
export { httpsRedirect, type HttpsRedirectOptions } from './https-redirect.js';
export { noCache, type NoCacheOptions } from './no-cache.js';
export { sessionCookie, type SessionCookieOptions } from './session-cookie.js';
export { csrf, type CsrfOptions, type CsrfTokenOptions } from './csrf.js';
export { hidePoweredBy } from './hide-powered-by.js';
export { xssProtection } from './xss-protection.js';
export { errorHandler, type ErrorHandlerOptions } from './error-handler.js';
export { allowedHosts, type AllowedHostsOptions } from './allowed-hosts.js';
export { sessionExpiry, type SessionExpiryOptions } from './session-expiry.js';
export { loginRequired, type LoginRequiredOptions } from './login-required.js';
export { requireAjax, type RequireAjaxOptions } from './require-ajax.js';
export { doNotTrack } from './do-not-track.js';
export { passwordExpiry, type PasswordExpiryOptions } from './password-expiry.js';
export { p3p, type P3pOptions } from './p3p.js';
export { nextNonce } from './nonce.js';
export { MiddlewareOptionError } from './validate.js';
export type { Logger, LoggerOption, Middleware, SecureRequest, SecureResponse } from './types.js';
export type { PartMiddleware } from './node-adapter.js';
