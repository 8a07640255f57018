import { describe, expect, it } from 'vitest';
import { parseFrameOptions } from '../../src/headers/frame-options.js';

describe('parseFrameOptions', () => {
  it.each([
    [['DENY'], 'DENY', 0],
    [['sameorigin'], 'SAMEORIGIN', 0],
    [[' Deny '], 'DENY', 0],
    [['DENY', 'DENY'], 'DENY', 1],
    [['DENY, DENY'], 'DENY', 1],
    [['DENY', 'SAMEORIGIN'], undefined, 1],
    [['ALLOW-FROM https://example.com'], undefined, 1],
    [['allowall'], undefined, 1],
    [[''], undefined, 1],
    [[], undefined, 0],
  ])('%j → %s with %i problem(s)', (values, value, problems) => {
    const parsed = parseFrameOptions(values);
    expect(parsed.value).toBe(value);
    expect(parsed.problems.length).toBe(problems);
  });
});
