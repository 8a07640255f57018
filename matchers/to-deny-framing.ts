import { framingCheck } from '../src/checks/framing.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments } from './validate-options.js';

/**
 * Other sites cannot frame the page: X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors.
 *
 * @example
 * await expect(app).toDenyFraming();
 */
export function toDenyFraming(this: MatcherContext, received: unknown, ...extra: unknown[]) {
  noMoreArguments('toDenyFraming', extra, 'no arguments');
  return evaluate(this, received, {
    name: 'toDenyFraming',
    claim: 'refuse to be framed by other sites (X-Frame-Options DENY/SAMEORIGIN or CSP frame-ancestors)',
    checks: [framingCheck],
    headers: ['x-frame-options', 'content-security-policy'],
    asPage: true,
  });
}
