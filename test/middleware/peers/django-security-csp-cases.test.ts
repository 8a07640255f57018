/**
 * django-security's behavioural cases for ContentSecurityPolicyMiddleware and its csp_report view
 * (sdelements/django-security, tests/tests.py: ContentSecurityPolicyTests) ported to
 * contentSecurityPolicy() and cspReport(), each written from its intent against our API. A name
 * that starts with "differs:" asserts where we deliberately part from django-security; the
 * comment says why.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { appWith, directiveSet, expectOptionError, get } from './peer-helpers.js';

describe('django-security: ContentSecurityPolicyMiddleware (contentSecurityPolicy())', () => {
  const only = (directives: mw.CspDirectives, extra: mw.ContentSecurityPolicyOptions = {}) =>
    mw.contentSecurityPolicy({ preset: 'none', directives, ...extra });

  it('django-security CSP: the policy from a dict is sent', async () => {
    expect((await get(only({ 'default-src': ["'self'"] }))).headers['content-security-policy']).toBe(
      "default-src 'self'",
    );
  });

  // differs: django-security quotes the bare keywords it is given (self, none). We refuse them
  // at setup: a bare "self" in a header is a host name, and one spelling in code and header
  // keeps what is written what is sent.
  it("differs: django-security CSP: keywords must be written quoted ('self'); bare ones are refused, not quoted for you", () => {
    const message = expectOptionError(
      () => only({ 'default-src': ['self', 'cdn.example.com'] }),
      'Content-Security-Policy',
    );
    expect(message).toContain("must be quoted ('self')");
  });

  it('django-security CSP gen 1: many directives in one policy', async () => {
    const res = await get(
      only({
        'default-src': ["'self'", 'cdn.example.com'],
        'script-src': ["'self'", 'js.example.com'],
        'style-src': ["'self'", 'css.example.com'],
        'img-src': ["'self'", 'img.example.com'],
        'connect-src': ["'self'"],
        'font-src': ['fonts.example.com'],
        'object-src': ["'self'"],
        'media-src': ['media.example.com'],
        'frame-src': ['*'],
        sandbox: [],
        'report-uri': ['http://example.com/csp-report'],
      }),
    );
    expect(directiveSet(res.headers['content-security-policy'])).toEqual(
      new Set([
        "default-src 'self' cdn.example.com",
        "script-src 'self' js.example.com",
        "style-src 'self' css.example.com",
        "img-src 'self' img.example.com",
        "connect-src 'self'",
        'font-src fonts.example.com',
        "object-src 'self'",
        'media-src media.example.com',
        'frame-src *',
        'sandbox',
        'report-uri http://example.com/csp-report',
      ]),
    );
  });

  // differs: reflected-xss and referrer were dropped from CSP (browsers ignore them; docs/checks.md
  // calls them CSP_DEPRECATED); a policy that names them is refused at setup, where
  // django-security's builder still writes them.
  it('differs: django-security CSP gen 1: the obsolete reflected-xss and referrer directives are refused', () => {
    expectOptionError(
      () => only({ 'default-src': ["'self'"], 'reflected-xss': ['filter'] }),
      'Content-Security-Policy',
    );
    expectOptionError(
      () => only({ 'default-src': ["'self'"], referrer: ['origin'] }),
      'Content-Security-Policy',
    );
  });

  it("django-security CSP gen 2: default-src 'none'; script-src 'none'", async () => {
    const res = await get(only({ 'default-src': ["'none'"], 'script-src': ["'none'"] }));
    expect(directiveSet(res.headers['content-security-policy'])).toEqual(
      new Set(["default-src 'none'", "script-src 'none'"]),
    );
  });

  it('django-security CSP gen 3: sources are kept in the order given', async () => {
    const res = await get(
      only({ 'script-src': ["'self'", 'www.google-analytics.com', 'ajax.googleapis.com'] }),
    );
    expect(res.headers['content-security-policy']).toBe(
      "script-src 'self' www.google-analytics.com ajax.googleapis.com",
    );
  });

  // differs: django-security refuses a source list given as one string; we read a string as
  // space-separated sources (each checked the same way), the way a policy is written by hand.
  it('differs: django-security CSP gen err: a single string is read as a space-separated source list', async () => {
    expect((await get(only({ 'default-src': "'self'" }))).headers['content-security-policy']).toBe(
      "default-src 'self'",
    );
  });

  it('django-security CSP gen err 2: an unknown directive is refused at setup', () => {
    expectOptionError(() => only({ invalid: "'self'" }), 'Content-Security-Policy: directives');
  });

  it('django-security CSP gen err 3 and 4: sandbox accepts only its own tokens', async () => {
    expectOptionError(() => only({ sandbox: 'none' }), 'Content-Security-Policy: sandbox');
    expectOptionError(() => only({ sandbox: ['invalid'] }), 'Content-Security-Policy: sandbox');
    expect(
      (await get(only({ sandbox: ['allow-forms', 'allow-scripts'] }))).headers['content-security-policy'],
    ).toBe('sandbox allow-forms allow-scripts');
  });

  it('django-security CSP gen err 5 and 6: invalid referrer and reflected-xss values are refused at setup', () => {
    expectOptionError(
      () => only({ 'default-src': ["'self'"], referrer: ['invalid'] }),
      'Content-Security-Policy',
    );
    expectOptionError(
      () => only({ 'default-src': ["'self'"], 'reflected-xss': ['invalid'] }),
      'Content-Security-Policy',
    );
  });

  it('django-security CSP: enforced by default (no Report-Only header)', async () => {
    for (const options of [undefined, { reportOnly: false }]) {
      const res = await get(mw.contentSecurityPolicy(options), { path: '/accounts/login/' });
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['content-security-policy-report-only']).toBeUndefined();
    }
  });

  it('django-security CSP: report-only mode sends only the Report-Only header', async () => {
    const res = await get(mw.contentSecurityPolicy({ reportOnly: true }), { path: '/accounts/login/' });
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['content-security-policy-report-only']).toBeDefined();
  });

  it('django-security CSP: enforce-and-report-only sends both headers, with the one nonce the page uses', async () => {
    const res = await get(
      [
        mw.contentSecurityPolicy(),
        mw.contentSecurityPolicy({
          preset: 'compatible',
          directives: { 'default-src': ["'none'"] },
          reportOnly: true,
        }),
      ],
      { path: '/accounts/login/', route: (_req, res) => res.send(String(res.locals.cspNonce)) },
    );
    const enforced = res.headers['content-security-policy'];
    const tried = res.headers['content-security-policy-report-only'];
    expect(enforced).toBeDefined();
    expect(tried).toBeDefined();
    // The page carries one nonce (res.locals.cspNonce): both policies must allow its scripts,
    // or the enforced policy blocks every script the template marked.
    expect(enforced).toContain(`'nonce-${res.text}'`);
    expect(tried).toContain(`'nonce-${res.text}'`);
  });

  it('django-security CSP: an invalid mode is refused at setup', () => {
    expectOptionError(
      () => mw.contentSecurityPolicy({ reportOnly: 'report-only' as never }),
      'Content-Security-Policy',
    );
  });

  // differs: with no policy configured, django-security's middleware refuses to start; ours
  // sends the strict preset, which is safe for any app that puts the nonce on its scripts.
  it('differs: django-security CSP: with no options the strict preset is sent instead of refusing to start', async () => {
    expect((await get(mw.contentSecurityPolicy())).headers['content-security-policy']).toMatch(
      /^script-src 'nonce-[^']+' 'strict-dynamic'; /,
    );
  });

  it('django-security CSP: a policy with nothing in it is refused at setup', () => {
    expectOptionError(
      () => mw.contentSecurityPolicy({ preset: 'none' }),
      'Content-Security-Policy: directives',
    );
  });

  it('django-security CSP: two contradicting ways of giving the policy are refused at setup', () => {
    expectOptionError(
      () => mw.contentSecurityPolicy({ strict: true, preset: 'compatible' }),
      'Content-Security-Policy: strict',
    );
  });

  it('django-security csp_report view: a violation report is accepted with 204', async () => {
    const app = appWith([mw.cspReport({ rateLimit: false })]);
    const res = await request(app)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(
        JSON.stringify({
          'csp-report': {
            'document-uri': 'http://example.org/page.html',
            referrer: 'http://evil.example.com/haxor.html',
            'blocked-uri': 'http://evil.example.com/image.png',
            'violated-directive': "default-src 'self'",
            'original-policy': "default-src 'self'; report-uri http://example.org/csp-report.cgi",
          },
        }),
      );
    expect(res.status).toBe(204);
  });
});
