/**
 * helmet's behavioural cases for Strict-Transport-Security (helmetjs/helmet,
 * test/strict-transport-security.test.ts)
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get, HTTPS } from './peer-helpers.js';

const HSTS = 'strict-transport-security';

describe('helmet: Strict-Transport-Security (hsts())', () => {
  // differs: two years is what the HSTS preload list asks for and what docs/checks.md recommends;
  // helmet sends one year (180 days before helmet 8).
  it('differs: helmet hsts: the default is max-age=63072000 (two years) with includeSubDomains', async () => {
    for (const make of [
      () => mw.hsts(),
      () => mw.hsts({}),
      () => mw.hsts(Object.create(null) as mw.HstsOptions),
      () => mw.hsts({ maxAge: undefined }),
      () => mw.hsts({ includeSubDomains: undefined }),
    ]) {
      expect((await get(make(), { headers: HTTPS })).headers[HSTS]).toBe(
        'max-age=63072000; includeSubDomains',
      );
    }
  });

  // differs: browsers ignore HSTS received over plain HTTP (RFC 6797 §8.1), so we send it only
  // on HTTPS requests (a TLS socket, or a trusted proxy's X-Forwarded-Proto: https); helmet
  // sends it on every response.
  it('differs: helmet hsts: the header is sent over HTTPS only, not on plain HTTP responses', async () => {
    expect((await get(mw.hsts())).headers[HSTS]).toBeUndefined();
    expect((await get(mw.hsts(), { headers: HTTPS })).headers[HSTS]).toBeDefined();
  });

  it('helmet hsts: maxAge is sent as given when it is a non-negative whole number (1234, 0, -0)', async () => {
    const sent = async (maxAge: number) => (await get(mw.hsts({ maxAge }), { headers: HTTPS })).headers[HSTS];
    expect(await sent(1234)).toBe('max-age=1234; includeSubDomains');
    expect(await sent(0)).toBe('max-age=0; includeSubDomains');
    expect(await sent(-0)).toBe('max-age=0; includeSubDomains');
  });

  // differs: a fractional max-age is a mistake in the caller's arithmetic; we refuse it at setup
  // rather than send something other than what was written. helmet rounds it down.
  it('differs: helmet hsts: a fractional maxAge (123.4, 123.5) is refused, not rounded down', () => {
    for (const maxAge of [123.4, 123.5]) {
      expectOptionError(() => mw.hsts({ maxAge }), 'Strict-Transport-Security: maxAge');
    }
  });

  it('helmet hsts: includeSubDomains: false leaves includeSubDomains out', async () => {
    expect((await get(mw.hsts({ includeSubDomains: false }), { headers: HTTPS })).headers[HSTS]).toBe(
      'max-age=63072000',
    );
  });

  it('helmet hsts: preload: true adds preload', async () => {
    expect((await get(mw.hsts({ preload: true }), { headers: HTTPS })).headers[HSTS]).toBe(
      'max-age=63072000; includeSubDomains; preload',
    );
  });

  it('helmet hsts: preload: false leaves preload out', async () => {
    expect((await get(mw.hsts({ preload: false }), { headers: HTTPS })).headers[HSTS]).toBe(
      'max-age=63072000; includeSubDomains',
    );
  });

  // differs: the preload list refuses a site whose header has a max-age under a year or lacks
  // includeSubDomains; sending preload then only looks like it worked. helmet sends it anyway.
  it('differs: helmet hsts: preload with a max-age under a year, or without includeSubDomains, is refused', () => {
    expectOptionError(() => mw.hsts({ preload: true, maxAge: 1234 }), 'Strict-Transport-Security: preload');
    expectOptionError(
      () => mw.hsts({ preload: true, includeSubDomains: false }),
      'Strict-Transport-Security: preload',
    );
  });

  it('helmet hsts: an invalid maxAge throws at setup', () => {
    for (const maxAge of [
      -123,
      BigInt(-123),
      -0.1,
      Infinity,
      -Infinity,
      NaN,
      '123',
      BigInt(123),
      true,
      false,
      {},
      [],
      null,
    ]) {
      expectOptionError(() => mw.hsts({ maxAge } as never), 'Strict-Transport-Security: maxAge');
    }
  });

  it('helmet hsts: a misspelt option (maxage) throws at setup and names the right one', () => {
    for (const options of [{ maxage: false }, { maxage: 1234 }]) {
      const message = expectOptionError(() => mw.hsts(options as never), 'Strict-Transport-Security');
      expect(message).toContain('maxAge');
    }
  });

  // differs: helmet warns on the mis-capitalised includeSubdomains and goes on without it; a
  // typo in a security option must not ship, so we refuse it at setup with the right spelling.
  it('differs: helmet hsts: includeSubdomains (lower-case d) throws with the right spelling, where helmet only warns', () => {
    const message = expectOptionError(
      () => mw.hsts({ includeSubdomains: false } as never),
      'Strict-Transport-Security',
    );
    expect(message).toContain('includeSubDomains');
  });
});
