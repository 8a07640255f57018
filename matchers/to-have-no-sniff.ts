import { noSniffCheck } from '../src/checks/no-sniff.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments } from './validate-options.js';

/**
 * The response sends `X-Content-Type-Options: nosniff`.
 *
 * @example
 * expect(res).toHaveNoSniff();
 */
export function toHaveNoSniff(this: MatcherContext, received: unknown, ...extra: unknown[]) {
  noMoreArguments('toHaveNoSniff', extra, 'no arguments');
  return evaluate(this, received, {
    name: 'toHaveNoSniff',
    claim: 'send X-Content-Type-Options: nosniff',
    checks: [noSniffCheck],
    headers: ['x-content-type-options'],
  });
}
