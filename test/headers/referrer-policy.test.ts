import { describe, expect, it } from 'vitest';
import { parseReferrerPolicy } from '../../src/headers/referrer-policy.js';

describe('parseReferrerPolicy', () => {
  it.each([
    [['no-referrer'], 'no-referrer'],
    [['No-Referrer'], 'no-referrer'],
    [['no-referrer, strict-origin-when-cross-origin'], 'strict-origin-when-cross-origin'],
    [['strict-origin, made-up-policy'], 'strict-origin'],
    [['unsafe-url', 'same-origin'], 'same-origin'],
    [['same-origin', 'unsafe-url'], 'unsafe-url'],
    [['nope'], undefined],
    [[', ,'], undefined],
    [[], undefined],
  ])('%j → %s (the last valid token wins)', (values, policy) => {
    expect(parseReferrerPolicy(values).policy).toBe(policy);
  });

  it('lists unknown tokens', () => {
    expect(parseReferrerPolicy(['strict-orgin, no-referrer']).unknown).toEqual(['strict-orgin']);
  });
});
