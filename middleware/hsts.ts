import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { bool, integer, knownKeys, MiddlewareOptionError } from './validate.js';

export interface HstsOptions extends LoggerOption {
  /** Seconds. Default 63072000 (two years); docs/checks.md asks for at least 15552000. */
  maxAge?: number;
  /** Default true. */
  includeSubDomains?: boolean;
  /** Ask to be preloaded; requires maxAge >= 31536000 and includeSubDomains. Default false. */
  preload?: boolean;
  /** Believe `X-Forwarded-Proto: https` from a TLS-terminating proxy. Default true. */
  trustProxy?: boolean;
}

/**
 * `Strict-Transport-Security`, sent only on HTTPS requests (a TLS socket or a trusted
 * `X-Forwarded-Proto: https`), since browsers ignore it over plain HTTP.
 * Fixes HSTS_MISSING, HSTS_INVALID, HSTS_MAX_AGE_LOW, HSTS_NO_SUBDOMAINS, HSTS_PRELOAD_NOT_READY.
 *
 * @example
 * app.use(hsts({ maxAge: 63072000, includeSubDomains: true }));
 */
export function hsts(options: HstsOptions = {}): PartMiddleware {
  knownKeys('Strict-Transport-Security', options, ['maxAge', 'includeSubDomains', 'preload', 'trustProxy']);
  const maxAge = integer('Strict-Transport-Security: maxAge', options.maxAge, 63_072_000, 0);
  const includeSubDomains = bool(
    'Strict-Transport-Security: includeSubDomains',
    options.includeSubDomains,
    true,
  );
  const preload = bool('Strict-Transport-Security: preload', options.preload, false);
  if (preload && (maxAge < 31_536_000 || !includeSubDomains)) {
    throw new MiddlewareOptionError(
      `Strict-Transport-Security: preload requires maxAge >= 31536000 and includeSubDomains (got maxAge ${maxAge}${includeSubDomains ? '' : ', includeSubDomains false'})`,
    );
  }
  const value = `max-age=${maxAge}${includeSubDomains ? '; includeSubDomains' : ''}${preload ? '; preload' : ''}`;
  return toMiddleware('hsts', [
    {
      name: 'hsts',
      httpsHeaders: [['Strict-Transport-Security', value]],
      trustProxy: bool('Strict-Transport-Security: trustProxy', options.trustProxy, true),
    },
  ]);
}
