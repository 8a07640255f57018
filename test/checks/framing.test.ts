import { describe, expect, it } from 'vitest';
import { framingCheck } from '../../src/checks/framing.js';
import { codesOf, HTML } from '../helpers/captured.js';

const framing = (headers: Record<string, string | string[]>, body = '<p>hi</p>') =>
  codesOf(framingCheck, { headers: { ...HTML, ...headers }, body });

describe('framing check', () => {
  it.each([
    [{ 'x-frame-options': 'DENY' }, []],
    [{ 'x-frame-options': 'sameorigin' }, []],
    [{}, ['FRAMING_ALLOWED']],
    [{ 'x-frame-options': 'ALLOW-FROM https://a.example' }, ['FRAME_OPTIONS_INVALID', 'FRAMING_ALLOWED']],
    [{ 'x-frame-options': 'ALLOWALL' }, ['FRAME_OPTIONS_INVALID', 'FRAMING_ALLOWED']],
    [{ 'x-frame-options': ['DENY', 'DENY'] }, ['FRAME_OPTIONS_INVALID']],
    // Disagreeing values still keep other sites out (web-platform-tests x-frame-options/multiple):
    // a repetition to clean up, not a page open to clickjacking.
    [{ 'x-frame-options': ['DENY', 'SAMEORIGIN'] }, ['FRAME_OPTIONS_INVALID']],
    [{ 'x-frame-options': 'SAMEORIGIN, ALLOW-FROM https://a.example' }, ['FRAME_OPTIONS_INVALID']],
    [
      { 'x-frame-options': ['ALLOW-FROM https://a.example', 'ALLOWALL'] },
      ['FRAME_OPTIONS_INVALID', 'FRAMING_ALLOWED'],
    ],
    // frame-ancestors in an enforced header satisfies framing on its own (docs/checks.md stance)
    [{ 'content-security-policy': "frame-ancestors 'none'" }, []],
    [{ 'content-security-policy': "frame-ancestors 'self' https://partner.example" }, []],
    [
      { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'ALLOW-FROM x' },
      ['FRAME_OPTIONS_INVALID'],
    ],
    // frame-ancestors overrides X-Frame-Options in browsers, so * opens the page again
    [{ 'content-security-policy': 'frame-ancestors *', 'x-frame-options': 'DENY' }, ['FRAMING_ALLOWED']],
    [{ 'content-security-policy': 'frame-ancestors https:' }, ['FRAMING_ALLOWED']],
    // report-only does not protect
    [{ 'content-security-policy-report-only': "frame-ancestors 'none'" }, ['FRAMING_ALLOWED']],
  ])('%j → %j', async (headers, expected) => {
    expect(await framing(headers)).toEqual(expected);
  });

  it('ignores frame-ancestors in a <meta> policy, as browsers do', async () => {
    expect(
      await framing({}, `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`),
    ).toEqual(['FRAMING_ALLOWED']);
  });

  it('judges HTML responses only', async () => {
    expect(await codesOf(framingCheck, { headers: { 'content-type': 'application/json' } })).toEqual([]);
    expect(await codesOf(framingCheck, { headers: {} })).toEqual([]);
    expect(await codesOf(framingCheck, { headers: { 'content-type': 'application/xhtml+xml' } })).toEqual([
      'FRAMING_ALLOWED',
    ]);
  });
});
