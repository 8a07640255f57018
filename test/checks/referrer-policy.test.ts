import { describe, expect, it } from 'vitest';
import { referrerPolicyCheck } from '../../src/checks/referrer-policy.js';
import { codesOf } from '../helpers/captured.js';

describe('referrerPolicy check', () => {
  it.each([
    ['no-referrer', []],
    ['same-origin', []],
    ['strict-origin', []],
    ['strict-origin-when-cross-origin', []],
    ['no-referrer, strict-origin-when-cross-origin', []],
    ['unsafe-url', ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer-when-downgrade', ['REFERRER_POLICY_UNSAFE']],
    ['origin', ['REFERRER_POLICY_UNSAFE']],
    ['origin-when-cross-origin', ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer, unsafe-url', ['REFERRER_POLICY_UNSAFE']],
    ['unsafe-url, strict-origin, bogus', []],
    ['bogus', ['REFERRER_POLICY_INVALID']],
    ['', ['REFERRER_POLICY_INVALID']],
  ])('%j → %j', async (value, expected) => {
    expect(await codesOf(referrerPolicyCheck, { headers: { 'referrer-policy': value } })).toEqual(expected);
  });

  it('reports a missing header as info', async () => {
    expect(await codesOf(referrerPolicyCheck, {})).toEqual(['REFERRER_POLICY_MISSING']);
  });
});
