import type { Check } from '../core/types.js';
import { cachingCheck } from './caching.js';
import { cookiesCheck } from './cookies.js';
import { corsCheck } from './cors.js';
import { crossOriginCheck } from './cross-origin.js';
import { cspContentCheck } from './csp-content.js';
import { cspCheck } from './csp.js';
import { csrfCheck } from './csrf.js';
import { debugCheck } from './debug.js';
import { framingCheck } from './framing.js';
import { hostHeaderCheck } from './host-header.js';
import { hstsCheck } from './hsts.js';
import { httpsRedirectCheck } from './https-redirect.js';
import { infoLeakCheck } from './info-leak.js';
import { noSniffCheck } from './no-sniff.js';
import { permissionsPolicyCheck } from './permissions-policy.js';
import { referrerPolicyCheck } from './referrer-policy.js';
import { sessionCookieCheck } from './session-cookie.js';
import { sriCheck } from './sri.js';
import { xssFilterCheck } from './xss-filter.js';

/**
 * Every built-in check, in the order of docs/checks.md. Copy it, drop some, add your own:
 *
 * @example
 * const checks = [...defaultChecks.filter((c) => c.name !== 'cors'), myCheck];
 * await runChecks(app, { checks });
 */
export const defaultChecks: readonly Check[] = Object.freeze([
  hstsCheck,
  httpsRedirectCheck,
  framingCheck,
  noSniffCheck,
  sessionCookieCheck,
  cookiesCheck,
  csrfCheck,
  cspCheck,
  cspContentCheck,
  referrerPolicyCheck,
  cachingCheck,
  infoLeakCheck,
  debugCheck,
  hostHeaderCheck,
  corsCheck,
  crossOriginCheck,
  permissionsPolicyCheck,
  sriCheck,
  xssFilterCheck,
]);

export {
  cachingCheck,
  cookiesCheck,
  corsCheck,
  crossOriginCheck,
  cspCheck,
  cspContentCheck,
  csrfCheck,
  debugCheck,
  framingCheck,
  hostHeaderCheck,
  hstsCheck,
  httpsRedirectCheck,
  infoLeakCheck,
  noSniffCheck,
  permissionsPolicyCheck,
  referrerPolicyCheck,
  sessionCookieCheck,
  sriCheck,
  xssFilterCheck,
};
