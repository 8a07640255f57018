/**
 * helmet's behavioural cases for X-Frame-Options (helmetjs/helmet, test/x-frame-options.test.ts)
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get } from './peer-helpers.js';

describe('helmet: X-Frame-Options (frameGuard())', () => {
  // differs: no page of a default app needs to be framed; docs/checks.md's FRAMING_ALLOWED asks for
  // DENY (or frame-ancestors 'none'), and our CSP preset sends frame-ancestors 'none' to match.
  // helmet defaults to SAMEORIGIN.
  it('differs: helmet x-frame-options: the default is DENY, not SAMEORIGIN', async () => {
    for (const make of [
      () => mw.frameGuard(),
      () => mw.frameGuard({}),
      () => mw.frameGuard(Object.create(null) as mw.FrameGuardOptions),
      () => mw.frameGuard({ action: undefined }),
    ]) {
      expect((await get(make())).headers['x-frame-options']).toBe('DENY');
    }
  });

  it('helmet x-frame-options: action "deny" sends DENY', async () => {
    expect((await get(mw.frameGuard({ action: 'deny' }))).headers['x-frame-options']).toBe('DENY');
  });

  it('helmet x-frame-options: action "sameorigin" sends SAMEORIGIN', async () => {
    expect((await get(mw.frameGuard({ action: 'sameorigin' }))).headers['x-frame-options']).toBe(
      'SAMEORIGIN',
    );
  });

  // differs: options are checked exactly and a near miss is refused with the intended value, the
  // same way for every option; helmet accepts other cases and SAME-ORIGIN / same-origin.
  it('differs: helmet x-frame-options: other spellings (DENY, deNY, SAMEORIGIN, SAME-ORIGIN, same-origin) are refused with a suggestion', () => {
    for (const [action, meant] of [
      ['DENY', 'deny'],
      ['deNY', 'deny'],
      ['SAMEORIGIN', 'sameorigin'],
      ['sameORIGIN', 'sameorigin'],
      ['SAME-ORIGIN', 'sameorigin'],
      ['same-origin', 'sameorigin'],
    ]) {
      const message = expectOptionError(
        () => mw.frameGuard({ action: action as never }),
        'X-Frame-Options: action',
      );
      expect(message).toContain(`did you mean "${meant}"`);
    }
  });

  it('helmet x-frame-options: invalid actions throw at setup', () => {
    for (const action of [
      '',
      'foo',
      ' deny',
      'allow-from',
      'ALLOW-FROM',
      123,
      null,
      new String('SAMEORIGIN'),
    ]) {
      expectOptionError(() => mw.frameGuard({ action: action as never }), 'X-Frame-Options: action');
    }
  });
});
