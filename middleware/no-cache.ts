import { NO_CACHE_HEADERS } from './engine.js';
import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { pathMatcher } from './path-match.js';
import { bool, knownKeys, pathList } from './validate.js';

export interface NoCacheOptions extends LoggerOption {
  /**
   * Confidential pages: a string matches that path and everything under it ("/account" covers
   * "/account/cards"); a RegExp tests the path. Default: every response.
   */
  paths?: (string | RegExp)[];
  /** Match paths with case as given. Default false: routers serve /ACCOUNT as /account. */
  caseSensitive?: boolean;
}

/**
 * `Cache-Control: no-store` with the legacy Pragma/Expires/Surrogate-Control, so confidential
 * pages are kept by no browser or shared cache. Fixes CONFIDENTIAL_CACHEABLE.
 *
 * @example
 * app.use(noCache({ paths: ['/account', /^\/admin\b/] }));
 */
export function noCache(options: NoCacheOptions = {}): PartMiddleware {
  knownKeys('noCache', options, ['paths', 'caseSensitive']);
  const caseSensitive = bool('noCache: caseSensitive', options.caseSensitive, false);
  if (options.paths === undefined)
    return toMiddleware('noCache', [{ name: 'noCache', headers: NO_CACHE_HEADERS }]);
  return toMiddleware('noCache', [
    {
      name: 'noCache',
      // A path that cannot be made canonical may name a confidential page: it is not cached.
      noStore: pathMatcher(pathList('noCache: paths', options.paths), {
        grants: 'protection',
        caseSensitive,
      }),
    },
  ]);
}
