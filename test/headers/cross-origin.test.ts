import { describe, expect, it } from 'vitest';
import { parseCrossOrigin } from '../../src/headers/cross-origin.js';

describe('parseCrossOrigin', () => {
  it.each([
    ['cross-origin-opener-policy', 'same-origin', 'same-origin'],
    ['cross-origin-opener-policy', 'same-origin-allow-popups; report-to="coop"', 'same-origin-allow-popups'],
    ['cross-origin-opener-policy', 'Same-Origin', undefined],
    ['cross-origin-opener-policy', '"same-origin"', undefined],
    ['cross-origin-opener-policy', 'same-origin;;', undefined],
    ['cross-origin-embedder-policy', 'require-corp', 'require-corp'],
    ['cross-origin-embedder-policy', 'credentialless', 'credentialless'],
    ['cross-origin-embedder-policy', 'require_corp', undefined],
    ['cross-origin-resource-policy', 'same-site', 'same-site'],
    ['cross-origin-resource-policy', ' cross-origin ', 'cross-origin'],
    ['cross-origin-resource-policy', 'Same-Origin', undefined],
  ] as const)('%s: %j → %s', (header, value, expected) => {
    const parsed = parseCrossOrigin(header, [value]);
    expect(parsed.value).toBe(expected);
    expect(parsed.problems.length).toBe(expected ? 0 : 1);
  });

  it('rejects two header lines', () => {
    expect(
      parseCrossOrigin('cross-origin-opener-policy', ['same-origin', 'unsafe-none']).problems[0],
    ).toMatch(/2 header lines/);
  });
});
