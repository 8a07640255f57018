import { allowedHosts } from './allowed-hosts.js';
import { contentSecurityPolicy, type ContentSecurityPolicyOptions } from './content-security-policy.js';
import { crossOriginPolicies, type CrossOriginPoliciesOptions } from './cross-origin-policies.js';
import { cspReport, reportTargets, type CspReportOptions } from './csp-report.js';
import { csrf, type CsrfOptions } from './csrf.js';
import { frameGuard, type FrameGuardOptions } from './frame-guard.js';
import { hidePoweredBy } from './hide-powered-by.js';
import { hsts, type HstsOptions } from './hsts.js';
import { httpsRedirect, type HttpsRedirectOptions } from './https-redirect.js';
import { noCache, type NoCacheOptions } from './no-cache.js';
import { noSniff } from './no-sniff.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { partsOf, type Part } from './part.js';
import { permissionsPolicy, type PermissionsPolicyOptions } from './permissions-policy.js';
import { referrerPolicy, type ReferrerPolicyOptions } from './referrer-policy.js';
import { SECURE_PARTS, type SecurePart } from './secure-parts.js';
import { sessionCookie, type SessionCookieOptions } from './session-cookie.js';
import type { Logger } from './types.js';
import { bool, fail, knownKeys } from './validate.js';
import { xssProtection } from './xss-protection.js';

/** Every part of secure(): `false` switches it off, an object configures it. */
export interface SecureOptions {
  hsts?: HstsOptions | false;
  contentSecurityPolicy?: ContentSecurityPolicyOptions | false;
  /**
   * Off unless given: a candidate policy sent as Content-Security-Policy-Report-Only beside the
   * enforced one (or alone, with `contentSecurityPolicy: false`), with the same nonce. Built
   * like contentSecurityPolicy's options, without `reportOnly`.
   */
  cspReportOnly?: Omit<ContentSecurityPolicyOptions, 'reportOnly'> | false;
  /** Off unless given: the report endpoint, wired into the CSP's report-uri and report-to. */
  cspReport?: CspReportOptions | boolean;
  frameGuard?: FrameGuardOptions | false;
  noSniff?: boolean;
  referrerPolicy?: ReferrerPolicyOptions | false;
  permissionsPolicy?: PermissionsPolicyOptions | false;
  crossOriginPolicies?: CrossOriginPoliciesOptions | false;
  xssProtection?: boolean;
  hidePoweredBy?: boolean;
  httpsRedirect?: HttpsRedirectOptions | false;
  csrf?: CsrfOptions | false;
  sessionCookie?: SessionCookieOptions | false;
  /** Off unless given: the hosts this site answers to (400 for others); also pins httpsRedirect's target. */
  allowedHosts?: string[] | false;
  /** Off unless given: confidential paths that must not be cached. */
  noCache?: NoCacheOptions | false;
  /** Believe X-Forwarded-Proto from a TLS-terminating proxy (HSTS, redirect). Default true. */
  trustProxy?: boolean;
  /** Given to every part that logs security events. */
  logger?: Logger;
}

/** secure()'s options but the two every part shares. */
type PartOption = Exclude<keyof SecureOptions, 'trustProxy' | 'logger'>;

// Typed both ways, so that an option without a place in SECURE_PARTS, or a part there that is
// no option here, does not compile: the scanner writes fixes as secure() options from that list.
const PART_DEFAULTS: { readonly [K in PartOption]: 'on' | 'off' } = SECURE_PARTS;
const KEYS: readonly (keyof SecureOptions)[] = [
  ...(Object.keys(SECURE_PARTS) as SecurePart[] satisfies PartOption[]),
  'trustProxy',
  'logger',
];

function section<T extends object>(options: SecureOptions, key: PartOption): T | undefined {
  const value = options[key];
  if (value === false || (value === undefined && PART_DEFAULTS[key] === 'off')) return undefined;
  if (value === undefined || value === true) return {} as T;
  if (typeof value !== 'object' || value === null)
    fail(`secure: ${key}`, value, 'must be false or an options object');
  return value as T;
}

/**
 * The all-in-one: every part safe by default, each switchable or configurable by name. Fixes
 * every code whose "fixed by" names a middleware, except errorHandler (mount it last) and
 * allowedHosts/noCache (give them your hosts and paths). `cspReportOnly` tries a candidate
 * policy before enforcing it: sent as Content-Security-Policy-Report-Only beside the enforced
 * one, with the same nonce, and reported to cspReport when that is on.
 *
 * @example
 * app.use(secure({ allowedHosts: ['example.com'], cspReport: true }));
 * // A stricter policy tried, not enforced, while the current one still protects the site:
 * app.use(secure({ cspReport: true, cspReportOnly: { directives: { defaultSrc: ["'self'"] } } }));
 * // ...routes...
 * app.use(errorHandler());
 */
export function secure(options: SecureOptions = {}): PartMiddleware {
  knownKeys('secure', options, KEYS);
  const trustProxy = bool('secure: trustProxy', options.trustProxy, true);
  const logger = options.logger;
  const withLogger = <T extends object>(o: T) => (logger && !('logger' in o) ? { ...o, logger } : o);
  const parts: Part[] = [];
  const add = (middleware: PartMiddleware) => parts.push(...(partsOf(middleware) ?? []));

  const report = section<CspReportOptions>(options, 'cspReport');
  if (report) add(cspReport(withLogger(report)));
  if (options.allowedHosts !== undefined && options.allowedHosts !== false)
    add(allowedHosts(withLogger({ hosts: options.allowedHosts })));
  const redirect = section<HttpsRedirectOptions>(options, 'httpsRedirect');
  if (redirect) {
    const hosts = redirect.hosts ?? (options.allowedHosts || undefined);
    add(httpsRedirect(withLogger({ trustProxy, ...redirect, ...(hosts ? { hosts } : {}) })));
  }
  const csrfOptions = section<CsrfOptions>(options, 'csrf');
  if (csrfOptions) add(csrf(withLogger(csrfOptions)));
  const hstsOptions = section<HstsOptions>(options, 'hsts');
  if (hstsOptions) add(hsts({ trustProxy, ...hstsOptions }));
  // Pointed at the report endpoint unless a policy names its own targets.
  const reported = (policy: ContentSecurityPolicyOptions) =>
    report && policy.reportUri === undefined && policy.reportTo === undefined
      ? { ...policy, ...reportTargets(report) }
      : policy;
  const csp = section<ContentSecurityPolicyOptions>(options, 'contentSecurityPolicy');
  if (csp) add(contentSecurityPolicy(reported(csp)));
  const candidate = section<ContentSecurityPolicyOptions>(options, 'cspReportOnly');
  if (candidate) {
    if (Object.hasOwn(candidate, 'reportOnly'))
      fail(
        'secure: cspReportOnly: reportOnly',
        candidate.reportOnly,
        'is not an option here: cspReportOnly is always sent as Content-Security-Policy-Report-Only; leave reportOnly out',
      );
    if (csp?.reportOnly === true)
      fail(
        'secure: cspReportOnly',
        candidate,
        'cannot go with contentSecurityPolicy: { reportOnly: true }: both would be the one Content-Security-Policy-Report-Only header; use one (cspReportOnly for a candidate beside an enforced policy, or alone with contentSecurityPolicy: false)',
      );
    add(contentSecurityPolicy({ ...reported(candidate), reportOnly: true }));
  }
  const frame = section<FrameGuardOptions>(options, 'frameGuard');
  if (frame) add(frameGuard(frame));
  if (bool('secure: noSniff', options.noSniff, PART_DEFAULTS.noSniff === 'on')) add(noSniff());
  const referrer = section<ReferrerPolicyOptions>(options, 'referrerPolicy');
  if (referrer) add(referrerPolicy(referrer));
  const permissions = section<PermissionsPolicyOptions>(options, 'permissionsPolicy');
  if (permissions) add(permissionsPolicy(permissions));
  const crossOrigin = section<CrossOriginPoliciesOptions>(options, 'crossOriginPolicies');
  if (crossOrigin) add(crossOriginPolicies(crossOrigin));
  if (bool('secure: xssProtection', options.xssProtection, PART_DEFAULTS.xssProtection === 'on'))
    add(xssProtection());
  if (bool('secure: hidePoweredBy', options.hidePoweredBy, PART_DEFAULTS.hidePoweredBy === 'on'))
    add(hidePoweredBy());
  const cookies = section<SessionCookieOptions>(options, 'sessionCookie');
  if (cookies) add(sessionCookie(cookies));
  const cache = section<NoCacheOptions>(options, 'noCache');
  if (cache) add(noCache(cache));
  return toMiddleware('secure', parts);
}
