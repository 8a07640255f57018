import { referrerPolicyCheck } from '../src/checks/referrer-policy.js';
import { parseReferrerPolicy, type ReferrerPolicyToken } from '../src/headers/referrer-policy.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';

/**
 * The response sends a safe Referrer-Policy, and `policy` is the effective one when given.
 *
 * @example
 * expect(res).toHaveReferrerPolicy('no-referrer');
 */
export function toHaveReferrerPolicy(this: MatcherContext, received: unknown, policy?: ReferrerPolicyToken) {
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
            .filter((page) => page.headers['referrer-policy'])
            .map((page) => parseReferrerPolicy(page.headers['referrer-policy']!).policy)
            .filter((effective) => effective !== policy)
            .map((effective) => `the effective policy is ${effective ?? '(none)'}, not ${policy}`),
    fix: {
      middleware: 'referrerPolicy()',
      snippet: `import { referrerPolicy } from 'checksecure/middleware';\n\napp.use(referrerPolicy({ policy: '${policy ?? 'strict-origin-when-cross-origin'}' }));`,
    },
  });
}
