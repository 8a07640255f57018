import { describe, expect, it } from 'vitest';
import { referrerPolicyCheck } from '../../src/checks/referrer-policy.js';
import { codesOf, HTML, scanResponse } from '../helpers/captured.js';

describe('referrerPolicy check', () => {
  it.each([
    ['no-referrer', []],
    ['same-origin', []],
    ['strict-origin', []],
    ['strict-origin-when-cross-origin', []],
    ['no-referrer, strict-origin-when-cross-origin', []],
    ['unsafe-url', ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer-when-downgrade', ['REFERRER_POLICY_UNSAFE']],
    ['origin', ['REFERRER_POLICY_UNSAFE']],
    ['origin-when-cross-origin', ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer, unsafe-url', ['REFERRER_POLICY_UNSAFE']],
    ['unsafe-url, strict-origin, bogus', []],
    ['bogus', ['REFERRER_POLICY_INVALID']],
    ['', ['REFERRER_POLICY_INVALID']],
  ])('%j → %j', async (value, expected) => {
    expect(await codesOf(referrerPolicyCheck, { headers: { 'referrer-policy': value } })).toEqual(expected);
  });

  it('reports a missing header as info', async () => {
    expect(await codesOf(referrerPolicyCheck, {})).toEqual(['REFERRER_POLICY_MISSING']);
  });

  const withMeta = (content: string, policy?: string, type = HTML) => ({
    headers: { ...type, ...(policy === undefined ? {} : { 'referrer-policy': policy }) },
    body: `<!doctype html><head><meta name="referrer" content="${content}"></head>`,
  });

  it.each([
    // A <meta name="referrer"> with one policy replaces the header's (test/browser).
    ['unsafe-url', 'strict-origin-when-cross-origin', ['REFERRER_POLICY_UNSAFE']],
    ['always', undefined, ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer', 'unsafe-url', []],
    ['never', undefined, []],
    // A list is no policy for <meta>: the header stays in force.
    ['no-referrer, same-origin', 'unsafe-url', ['REFERRER_POLICY_UNSAFE']],
    ['no-referrer, same-origin', 'no-referrer', []],
    ['no-referrer, same-origin', undefined, ['REFERRER_POLICY_INVALID']],
  ])('<meta> %j with header %j → %j', async (content, policy, expected) => {
    expect(await codesOf(referrerPolicyCheck, withMeta(content, policy))).toEqual(expected);
  });

  it('names the <meta> and a markup fix when it is what leaks', async () => {
    const report = await scanResponse(referrerPolicyCheck, withMeta('unsafe-url', 'no-referrer'));
    expect(report.warnings[0]).toMatchObject({
      code: 'REFERRER_POLICY_UNSAFE',
      evidence: 'Referrer-Policy: no-referrer | <meta name="referrer" content="unsafe-url">',
      fix: { middleware: 'markup' },
    });
    expect(report.warnings[0]!.message).toMatch(/^<meta name="referrer"> sets unsafe-url, which overrides/);
  });

  it('reads <meta> on HTML only', async () => {
    const json = { 'content-type': 'application/json' };
    expect(await codesOf(referrerPolicyCheck, withMeta('unsafe-url', 'no-referrer', json))).toEqual([]);
  });
});
