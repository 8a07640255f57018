import { describe, expect, it } from 'vitest';
import { crossOriginCheck } from '../../src/checks/cross-origin.js';
import { codesOf } from '../helpers/captured.js';

const COOP = { 'cross-origin-opener-policy': 'same-origin' };

describe('crossOrigin check', () => {
  it.each([
    [COOP, []],
    [{}, ['COOP_MISSING']],
    [{ 'cross-origin-opener-policy': 'Same-Origin' }, ['COOP_INVALID']],
    [{ 'cross-origin-opener-policy': 'same-origin; report-to="x"' }, []],
    [{ ...COOP, 'cross-origin-resource-policy': 'same-site' }, []],
    [{ ...COOP, 'cross-origin-resource-policy': 'same_site' }, ['CORP_INVALID']],
    [{ ...COOP, 'cross-origin-embedder-policy': 'require-corp' }, []],
    [{ ...COOP, 'cross-origin-embedder-policy': 'require-corp, credentialless' }, ['COEP_INVALID']],
    [{ ...COOP, 'cross-origin-embedder-policy': ['require-corp', 'credentialless'] }, ['COEP_INVALID']],
  ])('%j → %j', async (headers, expected) => {
    expect(await codesOf(crossOriginCheck, { headers })).toEqual(expected);
  });
});
