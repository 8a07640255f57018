/**
 * helmet's Content-Security-Policy cases (helmetjs/helmet, test/content-security-policy.test.ts)
 * ported to contentSecurityPolicy(), each written from its intent against our API. A name that
 * starts with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { directiveSet, expectOptionError, get } from './peer-helpers.js';

const CSP = 'content-security-policy';

/** The policy sent by contentSecurityPolicy(options), with the nonce the route saw. */
async function policy(options?: mw.ContentSecurityPolicyOptions, header = CSP) {
  const res = await get(mw.contentSecurityPolicy(options), {
    route: (_req, res) => res.send(String(res.locals.cspNonce)),
  });
  return { directives: directiveSet(res.headers[header]), nonce: res.text, headers: res.headers };
}

/** Only the directives the caller wrote: the 'none' preset has none of its own. */
const exactly = (directives: mw.CspDirectives) => policy({ preset: 'none', directives });

describe('helmet: Content-Security-Policy (contentSecurityPolicy())', () => {
  // differs: helmet's default is an allow-list ('self' for scripts, 'unsafe-inline' and https:
  // for styles), which an injected <script src> on the site's own origin or any inline style
  // gets through. Ours is the strict CSP that docs/checks.md asks for: a fresh nonce per response
  // with 'strict-dynamic', no plugins, no <base>, no framing. The nonce is res.locals.cspNonce.
  it("differs: helmet csp: with no options the policy is strict and nonce-based, not helmet's 'self' allow-list", async () => {
    const seen = new Set<string>();
    for (const options of [
      undefined,
      {},
      Object.create(null) as mw.ContentSecurityPolicyOptions,
      { directives: undefined },
      { strict: true },
    ]) {
      const { directives, nonce } = await policy(options);
      expect(nonce).toMatch(/^[A-Za-z0-9+/_-]{22,}={0,2}$/);
      expect(directives).toEqual(
        new Set([
          `script-src 'nonce-${nonce}' 'strict-dynamic'`,
          "object-src 'none'",
          "base-uri 'none'",
          "frame-ancestors 'none'",
          "form-action 'self'",
        ]),
      );
      seen.add(nonce);
    }
    expect(seen.size).toBe(5); // a fresh nonce on every response
  });

  // differs: the compatible preset is the nearest to helmet's defaults, but without helmet's
  // style-src https: 'unsafe-inline' (a nonce instead) and with the nonce for inline scripts.
  it("differs: helmet csp: preset 'compatible' is helmet's default list with nonces instead of 'unsafe-inline'", async () => {
    const { directives, nonce } = await policy({ preset: 'compatible' });
    expect(directives).toEqual(
      new Set([
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "script-src-attr 'none'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        'upgrade-insecure-requests',
      ]),
    );
  });

  it('helmet csp: directives named in kebab-case', async () => {
    const { directives } = await exactly({
      'default-src': ["'self'"],
      'script-src': ['example.com'],
      'style-src': ["'none'"],
    });
    expect(directives).toEqual(new Set(["default-src 'self'", 'script-src example.com', "style-src 'none'"]));
  });

  it('helmet csp: directives named in camelCase', async () => {
    const { directives } = await exactly({
      defaultSrc: ["'self'"],
      scriptSrc: ['example.com'],
      styleSrc: ["'none'"],
    });
    expect(directives).toEqual(new Set(["default-src 'self'", 'script-src example.com', "style-src 'none'"]));
  });

  it('helmet csp: a mix of kebab-case and camelCase names', async () => {
    const { directives } = await exactly({
      'default-src': ["'self'"],
      'script-src': ['example.com'],
      styleSrc: ["'none'"],
      objectSrc: ["'none'"],
    });
    expect(directives).toEqual(
      new Set(["default-src 'self'", 'script-src example.com', "style-src 'none'", "object-src 'none'"]),
    );
  });

  it('helmet csp: an empty list of values sends the bare directive', async () => {
    expect((await exactly({ 'default-src': ["'self'"], sandbox: [] })).directives).toEqual(
      new Set(["default-src 'self'", 'sandbox']),
    );
    expect((await exactly({ 'default-src': ["'self'"], sandbox: true })).directives).toEqual(
      new Set(["default-src 'self'", 'sandbox']),
    );
  });

  // differs: helmet takes any iterable (a Set, a generator); we take an array or a
  // space-separated string, and refuse anything else at setup with the directive's name.
  it('differs: helmet csp: a non-array iterable (a Set) is refused at setup', () => {
    expectOptionError(
      () =>
        mw.contentSecurityPolicy({
          preset: 'none',
          directives: { 'default-src': new Set(["'self'"]) as never },
        }),
      'Content-Security-Policy: default-src',
    );
  });

  it('helmet csp: strings are accepted as directive values (space-separated sources)', async () => {
    const { directives, headers } = await exactly({
      'default-src': "'self'  example.com",
      scriptSrc: "'none'",
      sandbox: '',
    });
    expect(directives).toEqual(new Set(["default-src 'self' example.com", "script-src 'none'", 'sandbox']));
    expect(headers[CSP]).toContain("default-src 'self' example.com");
  });

  it("helmet csp: null leaves a directive out, as if it weren't set", async () => {
    expect((await exactly({ 'default-src': "'self'", scriptSrc: null })).directives).toEqual(
      new Set(["default-src 'self'"]),
    );
  });

  // differs: helmet lets a directive value be a function of (req, res), computed per request,
  // mostly to add a nonce. Ours are strings checked once at setup; the nonce is built in
  // ("'nonce'" marks where it goes), and a function is refused.
  it('differs: helmet csp: a function as a directive value is refused at setup; the nonce is built in', async () => {
    expectOptionError(
      () =>
        mw.contentSecurityPolicy({
          preset: 'none',
          directives: { 'default-src': ["'self'", (() => 'foo.example.com') as never, 'bar.example.com'] },
        }),
      'Content-Security-Policy: default-src',
    );
    const { directives, nonce } = await exactly({ 'default-src': ["'self'", mw.NONCE, 'bar.example.com'] });
    expect(directives).toEqual(new Set([`default-src 'self' 'nonce-${nonce}' bar.example.com`]));
  });

  it("helmet csp: directives override the preset's, and null removes one of the preset's", async () => {
    const { directives, nonce } = await policy({
      preset: 'compatible',
      directives: { 'default-src': ["'self'", 'example.com'], 'base-uri': null, scriptSrc: ['example.com'] },
    });
    expect(directives).toEqual(
      new Set([
        "default-src 'self' example.com",
        'script-src example.com',
        "script-src-attr 'none'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        'upgrade-insecure-requests',
      ]),
    );
  });

  it('helmet csp: reportOnly sends Content-Security-Policy-Report-Only instead', async () => {
    const { directives, headers } = await policy(
      { preset: 'none', directives: { 'default-src': "'self'" }, reportOnly: true },
      'content-security-policy-report-only',
    );
    expect(directives).toEqual(new Set(["default-src 'self'"]));
    expect(headers[CSP]).toBeUndefined();
  });

  it('helmet csp: invalid directive names throw at setup', () => {
    for (const name of [
      '',
      ';',
      '\u00e1',
      'default src',
      'default;src',
      'default,src',
      'default!src',
      'def\u00e1ult-src',
      'default_src',
      '__proto__',
    ]) {
      expectOptionError(
        () => mw.contentSecurityPolicy({ directives: { [name]: ["'self'"] } }),
        'Content-Security-Policy: directives',
      );
    }
  });

  it('helmet csp: a directive named twice (camelCase and kebab-case) throws at setup', () => {
    expect(
      expectOptionError(
        () =>
          mw.contentSecurityPolicy({
            preset: 'none',
            directives: { defaultSrc: ['foo'], 'default-src': ['foo'] },
          }),
        'Content-Security-Policy: directives',
      ),
    ).toContain('default-src');
    expect(
      expectOptionError(
        () =>
          mw.contentSecurityPolicy({
            preset: 'none',
            directives: { defaultSrc: ["'self'"], scriptSrc: ['foo'], 'script-src': ['foo'] },
          }),
        'Content-Security-Policy: directives',
      ),
    ).toContain('script-src');
  });

  it('helmet csp: a value with ";" or "," throws at setup', () => {
    for (const value of [';', ',', 'hello;world', 'hello,world']) {
      expectOptionError(
        () =>
          mw.contentSecurityPolicy({
            preset: 'none',
            directives: { 'default-src': "'self'", 'img-src': [value] },
          }),
        'Content-Security-Policy: img-src',
      );
    }
  });

  it('helmet csp: keywords, nonces and hashes written without quotes throw at setup', () => {
    for (const value of [
      'none',
      'self',
      'strict-dynamic',
      'report-sample',
      'inline-speculation-rules',
      'unsafe-inline',
      'unsafe-eval',
      'unsafe-hashes',
      'wasm-unsafe-eval',
      'nonce-abc123',
      'sha256-ks9D5epDKP+c2x6DrkuHmhmfKkOM/HZ+pOlzdWbI91k=',
    ]) {
      const message = expectOptionError(
        () =>
          mw.contentSecurityPolicy({
            preset: 'none',
            directives: { 'default-src': "'self'", 'script-src': [value] },
          }),
        'Content-Security-Policy',
      );
      expect(message).toContain(`must be quoted ('${value}')`);
    }
  });

  // differs: helmet requires default-src (or an explicit dangerouslyDisableDefaultSrc). A strict
  // CSP does not need one: script-src with a nonce, object-src and base-uri are what stop XSS,
  // and that is what docs/checks.md judges. Our strict preset has no default-src.
  it('differs: helmet csp: default-src is not required', async () => {
    expect((await exactly({ scriptSrc: ['example.com'] })).directives).toEqual(
      new Set(['script-src example.com']),
    );
  });

  it('helmet csp: a policy left with no directive throws at setup', () => {
    expectOptionError(
      () => mw.contentSecurityPolicy({ preset: 'none', directives: {} }),
      'Content-Security-Policy: directives',
    );
    expectOptionError(
      () => mw.contentSecurityPolicy({ preset: 'none', directives: { defaultSrc: null } }),
      'Content-Security-Policy: directives',
    );
    expectOptionError(
      () => mw.contentSecurityPolicy({ preset: 'none' }),
      'Content-Security-Policy: directives',
    );
  });

  it('helmet csp: default-src may be a host, an empty list or an empty string', async () => {
    expect((await exactly({ defaultSrc: ['foo'] })).directives).toEqual(new Set(['default-src foo']));
    expect((await exactly({ 'default-src': ['foo'] })).directives).toEqual(new Set(['default-src foo']));
    expect((await exactly({ defaultSrc: [] })).directives).toEqual(new Set(['default-src']));
    expect((await exactly({ defaultSrc: '' })).directives).toEqual(new Set(['default-src']));
  });

  it("helmet csp: default-src can be removed from a preset (helmet's dangerouslyDisableDefaultSrc), the rest kept", async () => {
    const { directives, nonce } = await policy({ preset: 'compatible', directives: { 'default-src': null } });
    expect(directives.has("default-src 'self'")).toBe(false);
    expect(directives).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(directives).toContain("object-src 'none'");
    expect(directives.size).toBe(10);
  });

  it('helmet getDefaultDirectives: the exported presets cannot be changed by a caller', async () => {
    for (const [preset, list] of [
      [mw.STRICT_DIRECTIVES, 'script-src'],
      [mw.COMPATIBLE_DIRECTIVES, 'img-src'],
    ] as const) {
      expect(() => {
        (preset as Record<string, unknown>)['worker-src'] = ['ignored.example'];
      }).toThrow(TypeError);
      expect(() => (preset[list] as string[]).push('ignored.example')).toThrow(TypeError);
    }
    const { directives } = await policy({ preset: 'compatible' });
    expect([...directives].some((d) => d.includes('ignored.example') || d.startsWith('worker-src'))).toBe(
      false,
    );
  });
});
