import { infoLeakCheck } from '../src/checks/info-leak.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments } from './validate-options.js';

/**
 * The response names neither its framework (X-Powered-By) nor its server version.
 *
 * @example
 * expect(res).toHideServerInfo();
 */
export function toHideServerInfo(this: MatcherContext, received: unknown, ...extra: unknown[]) {
  noMoreArguments('toHideServerInfo', extra, 'no arguments');
  return evaluate(this, received, {
    name: 'toHideServerInfo',
    claim: 'hide the framework and server version',
    checks: [infoLeakCheck],
    fails: () => true,
    headers: ['x-powered-by', 'server'],
  });
}
