import { describe, expect, it } from 'vitest';
import { parseHsts } from '../../src/headers/hsts.js';

describe('parseHsts', () => {
  it.each([
    [
      'max-age=63072000; includeSubDomains; preload',
      { maxAge: 63072000, includeSubDomains: true, preload: true },
    ],
    ['MAX-AGE=300', { maxAge: 300, includeSubDomains: false, preload: false }],
    ['max-age="31536000"; includesubdomains', { maxAge: 31536000, includeSubDomains: true, preload: false }],
    ['  max-age=0 ;  ', { maxAge: 0, includeSubDomains: false, preload: false }],
    ['max-age=100; unknown-directive=1', { maxAge: 100, includeSubDomains: false, preload: false }],
    [';;max-age=5;;', { maxAge: 5, includeSubDomains: false, preload: false }],
  ])('accepts %j', (value, expected) => {
    const parsed = parseHsts([value]);
    expect(parsed.problems).toEqual([]);
    expect(parsed).toMatchObject(expected);
  });

  it.each([
    ['includeSubDomains', /no max-age/],
    ['max-age=abc', /not a number/],
    ['max-age=-1', /not a number/],
    ['max-age=1.5', /not a number/],
    ['max-age=', /not a number/],
    ['max-age=10; max-age=20', /repeated/],
    ['max-age=10; includeSubDomains; includeSubDomains', /repeated/],
    ['', /no max-age/],
    ['max-age=10, max-age=20', /not a number/],
    ['max-age=10; include SubDomains', /not a directive name/],
  ])('rejects %j', (value, problem) => {
    const parsed = parseHsts([value]);
    expect(parsed.problems.join('; ')).toMatch(problem);
    if (/max-age/.test(String(problem)) || /not a number/.test(String(problem)))
      expect(parsed.maxAge).toBeUndefined();
  });

  it('reports two header lines', () => {
    expect(parseHsts(['max-age=1', 'max-age=2']).problems).toEqual([
      '2 Strict-Transport-Security header lines',
    ]);
  });

  it('reports an absent header', () => {
    expect(parseHsts([]).problems).toEqual(['no Strict-Transport-Security header']);
  });
});
