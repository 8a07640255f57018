import request from 'supertest';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { bareApp, hardenedApp } from './apps.js';

const hardened = hardenedApp();
const good = await request(hardened).get('/').set('X-Forwarded-Proto', 'https');
const poor = await request(bareApp()).get('/');

type Loose = Record<string, (...args: unknown[]) => unknown>;

/** The error a call throws, or a failure when it returns: a bad option must never pass. */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call did not throw');
}

/**
 * Each bad option, as a user would mistype it: the message names the matcher and the option,
 * quotes the value, says why, and suggests what was meant.
 */
const cases: [matcher: string, args: unknown[], message: string][] = [
  [
    'toPassSecurityChecks',
    [{ failOn: 'warnings' }],
    'toPassSecurityChecks: failOn: "warnings" is not a severity (error, warning, info) (did you mean "warning"?)',
  ],
  [
    'toPassSecurityChecks',
    [{ failOn: 'never' }],
    'toPassSecurityChecks: failOn: "never" would pass on anything: use error, warning, info',
  ],
  [
    'toPassSecurityChecks',
    [{ skip: ['CSP_NO_REPORTNG'] }],
    'toPassSecurityChecks: skip: "CSP_NO_REPORTNG" is not a code of any check (did you mean "CSP_NO_REPORTING"?)',
  ],
  [
    'toPassSecurityChecks',
    [{ skips: ['CSP_NO_REPORTING'] }],
    'toPassSecurityChecks: "skips" is not an option (did you mean "skip"?)',
  ],
  [
    'toHaveHsts',
    [{ maxAge: '1 year' }],
    'toHaveHsts: maxAge: "1 year" must be a whole number of seconds from 1 (max-age=0 tells browsers to drop HSTS) (did you mean 31536000?)',
  ],
  [
    'toHaveHsts',
    [{ maxAge: 0 }],
    'toHaveHsts: maxAge: 0 must be a whole number of seconds from 1 (max-age=0 tells browsers to drop HSTS), e.g. 31536000 for a year',
  ],
  // JSON would show NaN as null, another mistake than the one made.
  [
    'toHaveHsts',
    [{ maxAge: Number.NaN }],
    'toHaveHsts: maxAge: NaN must be a whole number of seconds from 1 (max-age=0 tells browsers to drop HSTS), e.g. 31536000 for a year',
  ],
  ['toHaveHsts', [{ maxage: 31536000 }], 'toHaveHsts: "maxage" is not an option (did you mean "maxAge"?)'],
  [
    'toHaveHsts',
    [{ includeSubdomains: true }],
    'toHaveHsts: "includeSubdomains" is not an option (did you mean "includeSubDomains"?)',
  ],
  ['toHaveHsts', [{ preload: 'yes' }], 'toHaveHsts: preload: "yes" must be true or false'],
  [
    'toHaveHsts',
    [31536000],
    'toHaveHsts: 31536000 must be an options object, e.g. { maxAge: 31536000, includeSubDomains: true }',
  ],
  [
    'toHaveCsp',
    [{ directives: { 'frame-ancestor': ["'none'"] } }],
    'toHaveCsp: directives: "frame-ancestor" is not a CSP directive (did you mean "frame-ancestors"?)',
  ],
  [
    'toHaveCsp',
    [{ directives: { imgSrcs: ["'self'"] } }],
    'toHaveCsp: directives: "imgSrcs" is not a CSP directive (did you mean "img-src"?)',
  ],
  [
    'toHaveCsp',
    [{ directives: { 'object-src': ['none'] } }],
    'toHaveCsp: directives: object-src: "none" is not a valid source (object-src: none must be quoted (\'none\'), or browsers read it as a host name)',
  ],
  [
    'toHaveCsp',
    [{ directives: { 'img-src': "'self' https:" } }],
    'toHaveCsp: directives: img-src: "\'self\' https:" must be an array of sources: ["\'self\'","https:"]',
  ],
  ['toHaveCsp', [{ stric: true }], 'toHaveCsp: "stric" is not an option (did you mean "strict"?)'],
  [
    'toHaveReferrerPolicy',
    ['no-referer'],
    'toHaveReferrerPolicy: policy: "no-referer" is not a safe Referrer-Policy (no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin) (did you mean "no-referrer"?)',
  ],
  [
    'toHaveReferrerPolicy',
    ['unsafe-url'],
    'toHaveReferrerPolicy: policy: "unsafe-url" sends URLs or origins to other sites, and this matcher passes only on a safe policy (no-referrer, same-origin, strict-origin, strict-origin-when-cross-origin); assert the header itself: expect(res.headers[\'referrer-policy\']).toBe("unsafe-url")',
  ],
  [
    'toHavePermissionsPolicy',
    [['camra']],
    'toHavePermissionsPolicy: features: "camra" is not a known feature (did you mean "camera"?)',
  ],
  [
    'toHavePermissionsPolicy',
    [['displayCapture']],
    'toHavePermissionsPolicy: features: "displayCapture" is not a known feature (did you mean "display-capture"?)',
  ],
  [
    'toHavePermissionsPolicy',
    ['camera'],
    'toHavePermissionsPolicy: features: "camera" must be an array of feature names: ["camera"]',
  ],
  [
    'toHaveSecureSessionCookie',
    [{ name: 'connect.sid' }],
    'toHaveSecureSessionCookie: name: {"name":"connect.sid"} must be a cookie name, e.g. \'connect.sid\'',
  ],
  [
    'toBeProtectedFromCsrf',
    ['http://localhost/transfer'],
    'toBeProtectedFromCsrf: path: "http://localhost/transfer" must be a path that starts with "/" and has no spaces or line breaks, e.g. "/transfer"',
  ],
  [
    'toPreventCaching',
    [{ paths: ['/account'] }],
    'toPreventCaching: {"paths":["/account"]} is an argument too many: it takes no arguments',
  ],
  [
    'toDenyFraming',
    [{ sameOrigin: true }],
    'toDenyFraming: {"sameOrigin":true} is an argument too many: it takes no arguments',
  ],
  ['toHaveNoSniff', [true], 'toHaveNoSniff: true is an argument too many: it takes no arguments'],
  ['toHideServerInfo', ['nginx'], 'toHideServerInfo: "nginx" is an argument too many: it takes no arguments'],
  ['toRedirectToHttps', [301], 'toRedirectToHttps: 301 is an argument too many: it takes no arguments'],
];

describe('a bad matcher option fails the assertion, never passes it', () => {
  it.each(cases)('%s(%j)', (matcher, args, message) => {
    // The response that passes and the one that fails, with and without .not: a bad option must
    // not turn any of the four into a pass.
    for (const subject of [good, poor]) {
      for (const assertion of [expect(subject), expect(subject).not]) {
        const error = thrown(() => (assertion as unknown as Loose)[matcher]!(...args));
        expect(error.name).toBe('MatcherOptionError');
        expect(error).toBeInstanceOf(TypeError);
        expect(error.message).toBe(message);
      }
    }
  });

  it.each(cases)('%s(%j) on an app, and as an asymmetric matcher', (matcher, args, message) => {
    // Thrown before any request, so even an un-awaited app assertion fails the test.
    expect(() => (expect(hardened).not as unknown as Loose)[matcher]!(...args)).toThrow(message);
    const asymmetric = expect as unknown as Loose & { not: Loose };
    expect(() => expect({ page: poor }).toEqual({ page: asymmetric.not[matcher]!(...args) })).toThrow(
      message,
    );
    expect(() => expect({ page: good }).toEqual({ page: asymmetric[matcher]!(...args) })).toThrow(message);
  });

  it('refuses an extra argument to a matcher that takes one', () => {
    const loose = (subject: unknown) => expect(subject) as unknown as Loose;
    expect(() => loose(good).toHaveSecureSessionCookie!('connect.sid', 'sid')).toThrow(
      'toHaveSecureSessionCookie: "sid" is an argument too many: it takes one cookie name',
    );
    expect(() => loose(good).toHaveReferrerPolicy!('no-referrer', 'strict-origin')).toThrow(
      'toHaveReferrerPolicy: "strict-origin" is an argument too many: it takes one policy',
    );
  });

  it('still accepts every valid form', () => {
    expect(good).toHaveHsts({ maxAge: 1, includeSubDomains: true, preload: false });
    expect(good).toHaveCsp({
      strict: false,
      directives: { 'object-src': ["'none'"], scriptSrc: ["'strict-dynamic'"] },
    });
    expect(good).toHavePermissionsPolicy([]);
    expect(good).toPassSecurityChecks({ skip: [], failOn: 'info' });
    expect(poor).not.toPassSecurityChecks({ failOn: 'error' });
  });
});

describe('toHaveCsp directives with an empty source list', () => {
  it('asks that the directive is set, instead of asserting nothing', () => {
    const page = (csp: string) => ({ status: 200, headers: { 'content-security-policy': csp } });
    const policy =
      "script-src 'nonce-abcdefghijklmnopqrstuv' 'strict-dynamic'; object-src 'none'; base-uri 'none'";
    expect(page(`${policy}; upgrade-insecure-requests`)).toHaveCsp({
      directives: { upgradeInsecureRequests: [] },
    });
    expect(page(policy)).not.toHaveCsp({ directives: { upgradeInsecureRequests: [] } });
  });
});
