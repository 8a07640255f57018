import { noOptions } from './validate.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';

/**
 * Removes `X-Powered-By` (which Express sets before any middleware runs) and `Server`.
 * Fixes POWERED_BY_EXPOSED and SERVER_VERSION_EXPOSED (for headers the app sets; a proxy's own
 * `Server` header is configured there).
 *
 * @example
 * app.use(hidePoweredBy());
 */
export function hidePoweredBy(options?: never): PartMiddleware {
  noOptions(
    'hidePoweredBy',
    options,
    'it removes X-Powered-By and Server; leave it out with secure({ hidePoweredBy: false })',
  );
  return toMiddleware('hidePoweredBy', [{ name: 'hidePoweredBy', remove: ['X-Powered-By', 'Server'] }]);
}
