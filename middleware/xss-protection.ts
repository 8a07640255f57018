import { toMiddleware, type PartMiddleware } from './node-adapter.js';

/**
 * `X-XSS-Protection: 0`: switches the legacy XSS auditor off, since it caused leaks rather than
 * protection. Fixes XSS_FILTER_ENABLED.
 *
 * @example
 * app.use(xssProtection());
 */
export function xssProtection(): PartMiddleware {
  return toMiddleware('xssProtection', [{ name: 'xssProtection', headers: [['X-XSS-Protection', '0']] }]);
}
