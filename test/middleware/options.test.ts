import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { MiddlewareOptionError } from '../../middleware/validate.js';

const cyclic = (() => {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
})();

describe('option values our own message formatter must survive', () => {
  it.each([
    ['a BigInt', 10n, /^Strict-Transport-Security: maxAge: 10n must be a whole number/],
    ['a symbol', Symbol('x'), /^Strict-Transport-Security: maxAge: Symbol\(x\) must be/],
    ['a cyclic object', cyclic, /^Strict-Transport-Security: maxAge: an object that cannot be shown/],
    ['a very long string', 'x'.repeat(5000), /^Strict-Transport-Security: maxAge: "x{200}…" must be/],
  ])('%s is refused as a MiddlewareOptionError naming the option', (_what, value, message) => {
    let thrown: unknown;
    try {
      mw.hsts({ maxAge: value as never });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MiddlewareOptionError);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('exported presets', () => {
  it('are frozen: changing STRICT_DIRECTIVES cannot change every later policy', () => {
    expect(Object.isFrozen(mw.STRICT_DIRECTIVES)).toBe(true);
    expect(Object.isFrozen(mw.STRICT_DIRECTIVES['script-src'])).toBe(true);
    expect(Object.isFrozen(mw.COMPATIBLE_DIRECTIVES)).toBe(true);
    expect(() => {
      (mw.STRICT_DIRECTIVES as Record<string, unknown>)['script-src'] = ['*'];
    }).toThrow(TypeError);
    expect(() => (mw.STRICT_DIRECTIVES['script-src'] as string[]).push('*')).toThrow(TypeError);
  });
});

describe('null is a value, not the default', () => {
  it.each(['openerPolicy', 'resourcePolicy', 'embedderPolicy'] as const)(
    'crossOriginPolicies %s: null',
    (key) => {
      expect(() => mw.crossOriginPolicies({ [key]: null })).toThrow(
        new RegExp(`^Cross-Origin-\\w+-Policy: ${key}: null is not one of`),
      );
    },
  );
});

describe('the likely typo gets a suggestion, not only a slip of case', () => {
  it.each<[string, () => unknown, RegExp]>([
    [
      'frameGuard action',
      () => mw.frameGuard({ action: 'sameorign' as never }),
      /\(did you mean "sameorigin"\?\)/,
    ],
    [
      'a Permissions-Policy feature',
      () => mw.permissionsPolicy({ features: { camra: [] } as never }),
      /did you mean "camera"/,
    ],
    [
      'a Referrer-Policy token',
      () => mw.referrerPolicy({ policy: 'no-referer' as never }),
      /did you mean "no-referrer"/,
    ],
    [
      'a CSP directive',
      () => mw.contentSecurityPolicy({ directives: { scriptSrcc: ["'self'"] } }),
      /did you mean script-src\?/,
    ],
    ['an option name', () => mw.hsts({ maxage: 1 } as never), /did you mean maxAge\?/],
    [
      'an option name, two edits away',
      () => mw.hsts({ incldeSubDomans: true } as never),
      /did you mean includeSubDomains\?/,
    ],
  ])('%s', (_what, make, message) => {
    expect(make).toThrow(message);
  });

  it('nothing is suggested for a value that is nothing like a valid one', () => {
    expect(() => mw.frameGuard({ action: 'banana' as never })).toThrow(/is not one of deny, sameorigin$/);
  });
});

describe('middleware without options refuse what secure() would refuse, rather than ignore it', () => {
  it.each<[string, () => unknown]>([
    ['noSniff', () => mw.noSniff({ enabled: false } as never)],
    ['xssProtection', () => mw.xssProtection('1; mode=block' as never)],
    ['hidePoweredBy', () => mw.hidePoweredBy({ setTo: 'PHP' } as never)],
    ['doNotTrack', () => mw.doNotTrack(false as never)],
  ])('%s', (name, make) => {
    expect(make).toThrow(new RegExp(`^${name}: .* takes no options: `));
  });
});

describe('directives and tokens that would say something else than meant', () => {
  it('one directive named twice (camelCase and kebab-case) is refused', () => {
    expect(() =>
      mw.contentSecurityPolicy({ directives: { defaultSrc: ["'self'"], 'default-src': ['*'] } }),
    ).toThrow(
      /^Content-Security-Policy: directives: "default-src" names default-src again \(as "defaultSrc" too\)/,
    );
  });

  it.each([["'none'"], ['invalid'], ['allow-scipts']])('sandbox token %s is refused', (token) => {
    expect(() => mw.contentSecurityPolicy({ directives: { sandbox: [token] } })).toThrow(
      /^Content-Security-Policy: sandbox: .* is not a sandbox token/,
    );
  });

  it('a sandbox with valid tokens, or none (true), is kept', () => {
    expect(() =>
      mw.contentSecurityPolicy({ directives: { sandbox: ['allow-scripts', 'allow-forms'] } }),
    ).not.toThrow();
    expect(() => mw.contentSecurityPolicy({ directives: { sandbox: true } })).not.toThrow();
    expect(() => mw.contentSecurityPolicy({ directives: { sandbox: ['allow-scipts'] } })).toThrow(
      /did you mean allow-scripts\?/,
    );
  });

  it('a Referrer-Policy token listed twice is refused', () => {
    expect(() =>
      mw.referrerPolicy({ policy: ['no-referrer', 'strict-origin', 'no-referrer'] as never }),
    ).toThrow(/^Referrer-Policy: policy: .* names no-referrer twice/);
  });
});

describe('middleware that need options say so when called without any', () => {
  it.each([
    [
      'sessionExpiry',
      () => (mw.sessionExpiry as (o?: unknown) => unknown)(),
      /^sessionExpiry: undefined needs idle or absolute/,
    ],
    [
      'allowedHosts',
      () => (mw.allowedHosts as (o?: unknown) => unknown)(),
      /^allowedHosts: undefined needs your hosts/,
    ],
  ])('%s()', (_name, make, message) => {
    expect(make).toThrow(MiddlewareOptionError);
    expect(make).toThrow(message);
  });
});
