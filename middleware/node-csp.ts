import type { ServerResponse } from 'node:http';
import { nextNonce } from './nonce.js';
import { addOwn } from './own-property.js';
import type { CspTemplate } from './part.js';
import type { SecureRequest, SecureResponse } from './types.js';

/**
 * Where the CSP template of a response is kept, so a per-route override can rebuild it; the
 * nonce stays on `req.cspNonce`. A shared template, not a per-request object.
 */
export const CSP_STATE = Symbol.for('checksecure.csp');

/**
 * The same for the Report-Only header, which a response may carry beside the enforced one (a
 * candidate policy): a per-route override changes both.
 */
export const CSP_REPORT_ONLY_STATE = Symbol.for('checksecure.csp-report-only');

/** A response as the CSP middleware and a per-route override see it. */
export type CspResponse = ServerResponse & {
  [CSP_STATE]?: CspTemplate | undefined;
  [CSP_REPORT_ONLY_STATE]?: CspTemplate | undefined;
};

// Written only once a per-route cspDirectives() exists: the state is there for it alone, and
// every property added to a response costs each request a shape transition.
let cspStateWanted = false;

/** Called by cspDirectives() when it is created. */
export function keepCspState(): void {
  cspStateWanted = true;
}

/**
 * The nonce an earlier middleware gave this request (an enforced policy before a report-only
 * one): a second policy must carry it, or the page's scripts are blocked.
 *
 * @example
 * setCsp(req, res, template, nonceOf(req));
 */
export function nonceOf(req: SecureRequest): string | undefined {
  // Only a nonce set on this request, and only one a policy can carry: a value of another's up
  // the prototype chain, or one with a quote or a semicolon, would write the policy.
  if (!Object.hasOwn(req, 'cspNonce')) return undefined;
  const nonce = req.cspNonce;
  return typeof nonce === 'string' && NONCE.test(nonce) ? nonce : undefined;
}

/** A base64 or base64url nonce of at least 128 bits. */
const NONCE = /^[A-Za-z0-9+/_-]{22,}={0,2}$/;

/**
 * Sets the CSP of a response with a nonce (fresh unless given) and exposes the nonce to
 * templates as `req.cspNonce` and `res.locals.cspNonce`. Returns the nonce it used, for a
 * second policy of the same response.
 *
 * @example
 * const nonce = setCsp(req, res, engine.csp); // res.locals.cspNonce === req.cspNonce === nonce
 */
export function setCsp(
  req: SecureRequest,
  res: SecureResponse,
  template: CspTemplate,
  nonce?: string,
  locals = true,
): string | undefined {
  const value =
    template.parts.length > 1
      ? (nonce ??= nextNonce()) && template.parts.join(nonce)
      : (template.parts[0] as string);
  res.setHeader(template.header, value);
  if (cspStateWanted)
    (res as CspResponse)[template.reportOnly ? CSP_REPORT_ONLY_STATE : CSP_STATE] = template;
  if (nonce !== undefined) {
    addOwn(req, 'cspNonce', nonce);
    const own = res.locals;
    if (own) own.cspNonce = nonce;
    else if (locals) res.locals = { cspNonce: nonce };
  }
  return nonce;
}
