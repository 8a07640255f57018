import { cachingCheck } from '../src/checks/caching.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments } from './validate-options.js';

/**
 * The response forbids caching with `Cache-Control: no-store`, as a confidential page must.
 *
 * @example
 * expect(await request(app).get('/account')).toPreventCaching();
 */
export function toPreventCaching(this: MatcherContext, received: unknown, ...extra: unknown[]) {
  noMoreArguments('toPreventCaching', extra, 'no arguments');
  return evaluate(this, received, {
    name: 'toPreventCaching',
    claim: 'forbid caching (Cache-Control: no-store)',
    checks: [cachingCheck],
    // Every path is confidential for this assertion.
    options: { confidentialPaths: [/^/] },
    headers: ['cache-control', 'pragma', 'expires'],
  });
}
