import { noOptions } from './validate.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';

/**
 * `X-Content-Type-Options: nosniff`. Fixes NOSNIFF_MISSING and NOSNIFF_INVALID.
 *
 * @example
 * app.use(noSniff());
 */
export function noSniff(options?: never): PartMiddleware {
  noOptions('noSniff', options, 'it always sends nosniff; leave it out with secure({ noSniff: false })');
  return toMiddleware('noSniff', [{ name: 'noSniff', headers: [['X-Content-Type-Options', 'nosniff']] }]);
}
