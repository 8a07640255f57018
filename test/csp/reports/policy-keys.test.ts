import { describe, expect, it } from 'vitest';
import { PolicyKeys } from '../../../src/csp/reports/policy-keys.js';

// The key as analyseReports worked it out before the shortcut: every policy's text through the
// regular expression. The shortcut reuses the last key when only a nonce's value changed, and
// must agree with it on every sequence, including values that end a nonce source early.
const byRegex = (text: string) => text.replace(/'nonce-[^'\s]*'/g, "'nonce'");

const POLICIES = [
  "script-src 'self' 'nonce-abc'; object-src 'none'",
  "script-src 'self' 'nonce-xyz123'; object-src 'none'",
  "script-src 'self' 'nonce-'; object-src 'none'",
  "script-src 'self' 'nonce-a b'; object-src 'none'",
  "script-src 'self' 'nonce-a\u00a0b'; object-src 'none'",
  "script-src 'self' 'nonce-a'b'; object-src 'none'",
  "script-src 'self' 'nonce-q'; style-src 'nonce-q'; object-src 'none'",
  "script-src 'self' 'nonce-r'; style-src 'nonce-s'; object-src 'none'",
  "script-src 'self' 'nonce-abc' 'nonce-def'; object-src 'none'",
  "script-src 'self' 'nonce-abc'; object-src 'none'; x",
  "script-src 'self' 'nonce-abc",
  "script-src 'self' 'nonce-abc'",
  "script-src 'self' 'nonce-'",
  "default-src 'self'",
  '',
];

describe('PolicyKeys', () => {
  it('gives the regular expression’s key for every policy after every other', () => {
    for (const previous of POLICIES)
      for (const text of POLICIES) {
        const keys = new PolicyKeys();
        keys.of(previous);
        expect([previous, keys.of(text)]).toEqual([previous, byRegex(text)]);
      }
  });

  it('returns the same string for policies that differ by a nonce value alone', () => {
    const keys = new PolicyKeys();
    const first = keys.of("script-src 'nonce-aaa'; img-src data:");
    expect(keys.of("script-src 'nonce-bbbbbb'; img-src data:")).toBe(first);
    expect(first).toBe("script-src 'nonce'; img-src data:");
  });
});
