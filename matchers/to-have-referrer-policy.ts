import { referrerPolicyCheck } from '../src/checks/referrer-policy.js';
import { pageReferrerPolicy } from '../src/checks/page-referrer-policy.js';
import {
  REFERRER_POLICIES,
  UNSAFE_REFERRER_POLICIES,
  type ReferrerPolicyToken,
} from '../src/headers/referrer-policy.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { didYouMean, noMoreArguments, optionFail } from './validate-options.js';

const SAFE = REFERRER_POLICIES.filter((p) => !UNSAFE_REFERRER_POLICIES.has(p));

function validPolicy(policy: unknown): ReferrerPolicyToken | undefined {
  if (policy === undefined) return undefined;
  // The matcher also requires a safe policy, so asking for an unsafe one could never pass (and
  // under .not would always pass).
  if (typeof policy === 'string' && UNSAFE_REFERRER_POLICIES.has(policy))
    optionFail(
      'toHaveReferrerPolicy: policy',
      policy,
      `sends URLs or origins to other sites, and this matcher passes only on a safe policy (${SAFE.join(', ')}); assert the header itself: expect(res.headers['referrer-policy']).toBe(${JSON.stringify(policy)})`,
    );
  if (typeof policy !== 'string' || !SAFE.includes(policy as ReferrerPolicyToken))
    optionFail(
      'toHaveReferrerPolicy: policy',
      policy,
      `is not a safe Referrer-Policy (${SAFE.join(', ')})${didYouMean(policy, SAFE)}`,
    );
  return policy as ReferrerPolicyToken;
}

/**
 * The response sends a safe Referrer-Policy, and `policy` is the effective one when given.
 *
 * @example
 * expect(res).toHaveReferrerPolicy('no-referrer');
 */
export function toHaveReferrerPolicy(
  this: MatcherContext,
  received: unknown,
  expected?: ReferrerPolicyToken,
  ...extra: unknown[]
) {
  noMoreArguments('toHaveReferrerPolicy', extra, 'one policy');
  const policy = validPolicy(expected);
  return evaluate(this, received, {
    name: 'toHaveReferrerPolicy',
    expected: policy === undefined ? '' : JSON.stringify(policy),
    claim: policy === undefined ? 'send a safe Referrer-Policy' : `send Referrer-Policy ${policy}`,
    checks: [referrerPolicyCheck],
    fails: () => true,
    headers: ['referrer-policy'],
    extra: (ctx) =>
      policy === undefined
        ? []
        : ctx.pages
            .map(pageReferrerPolicy)
            .filter((found) => found.header.length > 0 || found.meta.length > 0)
            .filter((found) => found.policy !== policy)
            .map(
              (found) =>
                `the effective policy is ${found.policy ?? '(none)'}${found.from === 'meta' ? ' (from <meta name="referrer">)' : ''}, not ${policy}`,
            ),
    fix: { part: 'referrerPolicy', options: { policy: policy ?? 'strict-origin-when-cross-origin' } },
  });
}
