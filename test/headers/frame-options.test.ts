import { describe, expect, it } from 'vitest';
import { parseFrameOptions } from '../../src/headers/frame-options.js';

describe('parseFrameOptions', () => {
  it.each([
    [['DENY'], 'DENY', 0],
    [['sameorigin'], 'SAMEORIGIN', 0],
    [[' Deny '], 'DENY', 0],
    [['DENY', 'DENY'], 'DENY', 1],
    [['DENY, DENY'], 'DENY', 1],
    // Disagreeing values: the strictest valid one, as browsers enforce it (web-platform-tests
    // x-frame-options/multiple), and still a problem.
    [['DENY', 'SAMEORIGIN'], 'DENY', 1],
    [['SAMEORIGIN, DENY'], 'DENY', 1],
    [['SAMEORIGIN', 'INVALID'], 'SAMEORIGIN', 2],
    [['ALLOW-FROM https://a.example', 'ALLOW-FROM https://b.example'], undefined, 3],
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
