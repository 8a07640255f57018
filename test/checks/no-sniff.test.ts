import { describe, expect, it } from 'vitest';
import { noSniffCheck } from '../../src/checks/no-sniff.js';
import { codesOf } from '../helpers/captured.js';

describe('noSniff check', () => {
  it.each([
    [{ 'x-content-type-options': 'nosniff' }, []],
    [{ 'X-Content-Type-Options': 'NoSniff' }, []],
    [{}, ['NOSNIFF_MISSING']],
    [{ 'x-content-type-options': 'no-sniff' }, ['NOSNIFF_INVALID']],
    [{ 'x-content-type-options': '' }, ['NOSNIFF_INVALID']],
  ])('%j → %j (on any content type)', async (headers, expected) => {
    expect(
      await codesOf(noSniffCheck, { headers: { 'content-type': 'application/json', ...headers } }),
    ).toEqual(expected);
  });
});
