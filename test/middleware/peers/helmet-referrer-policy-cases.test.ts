/**
 * helmet's behavioural cases for Referrer-Policy (helmetjs/helmet, test/referrer-policy.test.ts)
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get } from './peer-helpers.js';

describe('helmet: Referrer-Policy (referrerPolicy())', () => {
  const sent = async (options?: mw.ReferrerPolicyOptions) =>
    (await get(mw.referrerPolicy(options))).headers['referrer-policy'];

  // differs: strict-origin-when-cross-origin is the browsers' own default and what docs/checks.md
  // accepts; it keeps same-origin analytics and CSRF Referer checks working. helmet sends
  // no-referrer.
  it('differs: helmet referrer-policy: the default is strict-origin-when-cross-origin, not no-referrer', async () => {
    expect(await sent()).toBe('strict-origin-when-cross-origin');
    expect(await sent({})).toBe('strict-origin-when-cross-origin');
    expect(await sent(Object.create(null) as mw.ReferrerPolicyOptions)).toBe(
      'strict-origin-when-cross-origin',
    );
    expect(await sent({ policy: undefined })).toBe('strict-origin-when-cross-origin');
  });

  it.each(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'] as const)(
    'helmet referrer-policy: %s is sent as given, as a string or in an array',
    async (policy) => {
      expect(await sent({ policy })).toBe(policy);
      expect(await sent({ policy: [policy] })).toBe(policy);
    },
  );

  // differs: these send the page's URL or origin to other sites (docs/checks.md's
  // REFERRER_POLICY_UNSAFE); they are refused unless allowUnsafe: true says it is meant.
  // helmet sends any of them.
  it.each(['no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'unsafe-url'] as const)(
    'differs: helmet referrer-policy: %s needs allowUnsafe: true',
    async (policy) => {
      expectOptionError(() => mw.referrerPolicy({ policy }), 'Referrer-Policy: policy');
      expect(await sent({ policy, allowUnsafe: true })).toBe(policy);
      expect(await sent({ policy: [policy], allowUnsafe: true })).toBe(policy);
    },
  );

  // differs: an empty Referrer-Policy is no policy at all (browsers fall back to their
  // default); we refuse it rather than send a header that says nothing.
  it('differs: helmet referrer-policy: the empty policy "" is refused', () => {
    expectOptionError(() => mw.referrerPolicy({ policy: '' as never }), 'Referrer-Policy: policy');
    expectOptionError(() => mw.referrerPolicy({ policy: [''] as never }), 'Referrer-Policy: policy');
  });

  it('helmet referrer-policy: an array of several policies is sent as a fallback list, in order', async () => {
    const value = await sent({ policy: ['origin', 'unsafe-url'], allowUnsafe: true });
    expect(value?.split(/\s*,\s*/)).toEqual(['origin', 'unsafe-url']);
    const safe = await sent({ policy: ['no-referrer', 'strict-origin-when-cross-origin'] });
    expect(safe?.split(/\s*,\s*/)).toEqual(['no-referrer', 'strict-origin-when-cross-origin']);
  });

  it('helmet referrer-policy: a bad policy throws at setup', () => {
    for (const policy of ['foo', 'sameorigin', 'ORIGIN', 123, false, null, {}]) {
      expectOptionError(() => mw.referrerPolicy({ policy: policy as never }), 'Referrer-Policy: policy');
    }
  });

  it('helmet referrer-policy: an empty array throws at setup', () => {
    expectOptionError(() => mw.referrerPolicy({ policy: [] }), 'Referrer-Policy: policy');
  });

  it('helmet referrer-policy: a policy listed twice throws at setup', () => {
    expectOptionError(() => mw.referrerPolicy({ policy: ['origin', 'origin'] }), 'Referrer-Policy: policy');
    expectOptionError(
      () => mw.referrerPolicy({ policy: ['same-origin', 'origin', 'same-origin'] }),
      'Referrer-Policy: policy',
    );
  });
});
