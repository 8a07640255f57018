import {
  REFERRER_POLICIES,
  UNSAFE_REFERRER_POLICIES,
  type ReferrerPolicyToken,
} from '../src/headers/referrer-policy.js';
import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { fail, knownKeys, oneOf } from './validate.js';

export interface ReferrerPolicyOptions extends LoggerOption {
  /** One policy, or a fallback list (browsers use the last one they know). Default strict-origin-when-cross-origin. */
  policy?: ReferrerPolicyToken | ReferrerPolicyToken[];
  /** Allow unsafe-url and the other policies that leak URLs to other sites. Default false. */
  allowUnsafe?: boolean;
}

/**
 * `Referrer-Policy`. Fixes REFERRER_POLICY_MISSING, REFERRER_POLICY_UNSAFE, REFERRER_POLICY_INVALID.
 *
 * @example
 * app.use(referrerPolicy({ policy: 'no-referrer' }));
 */
export function referrerPolicy(options: ReferrerPolicyOptions = {}): PartMiddleware {
  knownKeys('Referrer-Policy', options, ['policy', 'allowUnsafe']);
  const list = options.policy === undefined ? ['strict-origin-when-cross-origin'] : [options.policy].flat();
  if (list.length === 0) fail('Referrer-Policy: policy', list, 'must name at least one policy');
  for (const token of list) {
    oneOf('Referrer-Policy: policy', token, REFERRER_POLICIES, 'no-referrer');
  }
  // Browsers take the last valid token: a repeated one means the list says something other
  // than what its writer meant.
  const repeated = list.find((token, i) => list.indexOf(token) !== i);
  if (repeated !== undefined)
    fail(
      'Referrer-Policy: policy',
      list,
      `names ${repeated} twice: list each fallback once, the one to use last`,
    );
  const effective = list.at(-1) as string;
  if (UNSAFE_REFERRER_POLICIES.has(effective) && options.allowUnsafe !== true) {
    fail(
      'Referrer-Policy: policy',
      effective,
      'sends URLs or origins to other sites (REFERRER_POLICY_UNSAFE); pass allowUnsafe: true if you mean it',
    );
  }
  return toMiddleware('referrerPolicy', [
    { name: 'referrerPolicy', headers: [['Referrer-Policy', list.join(', ')]] },
  ]);
}
