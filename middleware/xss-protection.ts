import { noOptions } from './validate.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';

/**
 * `X-XSS-Protection: 0`: switches the legacy XSS auditor off, since it caused leaks rather than
 * protection. Fixes XSS_FILTER_ENABLED.
 *
 * @example
 * app.use(xssProtection());
 */
export function xssProtection(options?: never): PartMiddleware {
  noOptions(
    'xssProtection',
    options,
    'it always sends 0, since the legacy filter causes leaks; leave it out with secure({ xssProtection: false })',
  );
  return toMiddleware('xssProtection', [{ name: 'xssProtection', headers: [['X-XSS-Protection', '0']] }]);
}
