import { describe, expect, it } from 'vitest';
import { metaReferrerPolicy, parseReferrerPolicy } from '../../src/headers/referrer-policy.js';

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

describe('metaReferrerPolicy (HTML <meta name="referrer">)', () => {
  it.each([
    [['no-referrer'], 'no-referrer'],
    [['UNSAFE-URL'], 'unsafe-url'],
    [['never'], 'no-referrer'],
    [['default'], 'strict-origin-when-cross-origin'],
    [['always'], 'unsafe-url'],
    [['origin-when-crossorigin'], 'origin-when-cross-origin'],
    [['unsafe-url', 'no-referrer'], 'no-referrer'],
    [['no-referrer', 'bogus'], 'no-referrer'],
    // One policy per element, untrimmed: a list, padding or an empty content sets nothing.
    [['no-referrer, same-origin'], undefined],
    [[' unsafe-url '], undefined],
    [[''], undefined],
    [[], undefined],
  ])('%j → %s', (contents, expected) => {
    expect(metaReferrerPolicy(contents)).toBe(expected);
  });
});
