import { toMiddleware, type PartMiddleware } from './node-adapter.js';

/**
 * `X-Content-Type-Options: nosniff`. Fixes NOSNIFF_MISSING and NOSNIFF_INVALID.
 *
 * @example
 * app.use(noSniff());
 */
export function noSniff(): PartMiddleware {
  return toMiddleware('noSniff', [{ name: 'noSniff', headers: [['X-Content-Type-Options', 'nosniff']] }]);
}
