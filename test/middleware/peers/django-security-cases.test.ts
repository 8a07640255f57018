/**
 * django-security's behavioural cases for its header middleware (sdelements/django-security,
 * tests/tests.py: XFrameOptions, XssProtect, ContentNoSniff, StrictTransportSecurity, P3P,
 * ReferrerPolicy, DoNotTrack, NoConfidentialCaching, BaseMiddleware) ported to our middleware,
 * each written from its intent against our API. The CSP cases are in
 * django-security-csp-cases.test.ts, the login, password and session cases in
 * django-security-auth-cases.test.ts. A name that starts with "differs:" asserts where we
 * deliberately part from django-security; the comment says why.
 */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { appWith, expectOptionError, get, HTTPS } from './peer-helpers.js';

describe('django-security: XFrameOptionsMiddleware (frameGuard())', () => {
  it('django-security XFrameOptions: the header is set, DENY by default', async () => {
    // django-security's default is "deny"; header values are case-insensitive, we send DENY.
    expect((await get(mw.frameGuard(), { path: '/accounts/login/' })).headers['x-frame-options']).toBe(
      'DENY',
    );
    expect(
      (await get(mw.frameGuard({ action: undefined }), { path: '/home/' })).headers['x-frame-options'],
    ).toBe('DENY');
  });

  // differs: there is no list of excluded URLs. A page meant to be framed says so itself: its
  // route removes X-Frame-Options (the middleware sets headers before the route runs) and, better,
  // allows its framers with cspDirectives({ frameAncestors: [...] }).
  it('differs: django-security XFrameOptions: no exclude-URL list; the route that may be framed removes the header itself', async () => {
    const app = appWith([mw.frameGuard()], {
      route: (req, res) => {
        if (req.path === '/test1/') res.removeHeader('X-Frame-Options');
        res.send('ok');
      },
    });
    expect((await request(app).get('/home/')).headers['x-frame-options']).toBe('DENY');
    expect((await request(app).get('/test1/')).headers['x-frame-options']).toBeUndefined();
  });

  it('django-security XFrameOptions: an invalid setting is refused at setup', () => {
    expectOptionError(() => mw.frameGuard({ action: 'invalid' as never }), 'X-Frame-Options: action');
    expectOptionError(() => mw.frameGuard({ excludeUrls: 1 } as never), 'X-Frame-Options');
  });
});

describe('django-security: XssProtectMiddleware (xssProtection())', () => {
  // differs: django-security's default is "1" (sanitize). The XSS auditor it switches on let
  // attackers read cross-origin data and was removed from every browser; OWASP and docs/checks.md
  // (XSS_FILTER_ENABLED) ask for 0, which is the only value we send.
  it('differs: django-security XssProtect: the default is 0 (filter off), not 1 (sanitize)', async () => {
    expect((await get(mw.xssProtection())).headers['x-xss-protection']).toBe('0');
  });

  it('django-security XssProtect: "off" sends 0 (the only setting we have)', async () => {
    const res = await get(mw.secure({ xssProtection: true }));
    expect(res.headers['x-xss-protection']).toBe('0');
    expect((await get(mw.secure({ xssProtection: false }))).headers['x-xss-protection']).toBeUndefined();
  });

  it('django-security XssProtect: an invalid setting is refused at setup', () => {
    expectOptionError(() => mw.xssProtection('invalid' as never), 'xssProtection');
    expectOptionError(() => mw.xssProtection('1; mode=block' as never), 'xssProtection');
  });
});

describe('django-security: ContentNoSniff and StrictTransportSecurityMiddleware', () => {
  // differs: django-security's test looks for "X-Content-Options: nosniff", a header no browser
  // reads; the header is X-Content-Type-Options.
  it('differs: django-security ContentNoSniff: the header is X-Content-Type-Options (not X-Content-Options)', async () => {
    const res = await get(mw.noSniff(), { path: '/accounts/login/' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-content-options']).toBeUndefined();
  });

  // differs: browsers ignore HSTS received over plain HTTP, so it is sent on HTTPS requests
  // only (TLS, or a trusted X-Forwarded-Proto: https); django-security sends it on every response.
  it('differs: django-security StrictTransportSecurity: the header is set on HTTPS responses only', async () => {
    expect(
      (await get(mw.hsts(), { path: '/accounts/login/' })).headers['strict-transport-security'],
    ).toBeUndefined();
    expect(
      (await get(mw.hsts(), { path: '/accounts/login/', headers: HTTPS })).headers[
        'strict-transport-security'
      ],
    ).toBe('max-age=63072000; includeSubDomains');
  });
});

describe('django-security: P3PPolicyMiddleware (p3p())', () => {
  // differs: we send the compact policy only, without policyref="/w3c/p3p.xml": P3P is
  // obsolete, no browser fetches the reference file, and p3p() exists for parity only.
  it('differs: django-security P3P: CP="..." is sent without a policyref', async () => {
    expect((await get(mw.p3p({ policy: 'NN AD BLAH' }), { path: '/accounts/login/' })).headers.p3p).toBe(
      'CP="NN AD BLAH"',
    );
  });

  it('django-security P3P: the compact policy is required and checked at setup', () => {
    expectOptionError(() => mw.p3p({} as never), 'P3P: policy');
    expectOptionError(() => mw.p3p({ policy: 'NN "AD"' }), 'P3P: policy');
    expectOptionError(() => mw.p3p({ policy: 'NN\r\nSet-Cookie: a=b' }), 'P3P: policy');
  });
});

describe('django-security: ReferrerPolicyMiddleware (referrerPolicy())', () => {
  const sent = async (options?: mw.ReferrerPolicyOptions) =>
    (await get(mw.referrerPolicy(options), { path: '/accounts/login/' })).headers['referrer-policy'];

  // differs: strict-origin-when-cross-origin (the browsers' default) keeps the origin for
  // other HTTPS sites, which analytics and partner links rely on, and sends nothing on a
  // downgrade; django-security defaults to same-origin. Both are safe by docs/checks.md.
  it('differs: django-security ReferrerPolicy: the default is strict-origin-when-cross-origin, not same-origin', async () => {
    expect(await sent()).toBe('strict-origin-when-cross-origin');
  });

  it.each(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'] as const)(
    'django-security ReferrerPolicy: the %s setting is sent',
    async (policy) => {
      expect(await sent({ policy })).toBe(policy);
    },
  );

  // differs: these send the page's URL or origin to other sites (REFERRER_POLICY_UNSAFE); they
  // need allowUnsafe: true.
  it.each(['no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'unsafe-url'] as const)(
    'differs: django-security ReferrerPolicy: the %s setting needs allowUnsafe: true',
    async (policy) => {
      expectOptionError(() => mw.referrerPolicy({ policy }), 'Referrer-Policy: policy');
      expect(await sent({ policy, allowUnsafe: true })).toBe(policy);
    },
  );

  it('django-security ReferrerPolicy: "off" leaves the header out', async () => {
    expect((await get(mw.secure({ referrerPolicy: false }))).headers['referrer-policy']).toBeUndefined();
  });

  it('django-security ReferrerPolicy: an invalid setting is refused at setup', () => {
    expectOptionError(() => mw.referrerPolicy({ policy: 'invalid' as never }), 'Referrer-Policy: policy');
  });
});

describe('django-security: DoNotTrackMiddleware (doNotTrack())', () => {
  const dnt = (headers: Record<string, string> = {}) => {
    const app = express();
    app.use(mw.doNotTrack());
    app.get('*path', (req, res) => res.send(String((req as mw.SecureRequest).doNotTrack)));
    return request(app).get('/').set(headers);
  };

  it('django-security DoNotTrack: DNT: 1 sets the flag', async () => {
    expect((await dnt({ DNT: '1' })).text).toBe('true');
  });

  it('django-security DoNotTrack: DNT: off leaves it unset', async () => {
    expect((await dnt({ DNT: 'off' })).text).toBe('false');
  });

  it('django-security DoNotTrack: no DNT header leaves it unset', async () => {
    expect((await dnt()).text).toBe('false');
  });

  // differs: django-security echoes the request's DNT header in the response (from a 2011
  // draft that never became a standard, and no client reads it); we only read it, along with
  // Sec-GPC (Global Privacy Control).
  it('differs: django-security DoNotTrack: DNT is not echoed in the response', async () => {
    for (const value of ['1', 'off']) expect((await dnt({ DNT: value })).headers.dnt).toBeUndefined();
    expect((await dnt()).headers.dnt).toBeUndefined();
  });
});

describe('django-security: NoConfidentialCachingMiddleware (noCache())', () => {
  const NOT_CACHED = {
    'cache-control': 'no-store, max-age=0',
    pragma: 'no-cache',
    expires: '0',
    'surrogate-control': 'no-store',
  };
  const cacheHeaders = (res: request.Response) =>
    Object.fromEntries(Object.keys(NOT_CACHED).map((name) => [name, res.headers[name]]));

  // differs in the values only: no-store alone keeps a response out of every cache, so we send
  // "no-store, max-age=0" (not "no-cache, no-store, max-age=0, must-revalidate"), Expires: 0
  // (not -1) and Surrogate-Control: no-store for CDNs.
  it('differs: django-security NoConfidentialCaching blacklist: listed pages get no-store (with our header values), others are untouched', async () => {
    const app = appWith([mw.noCache({ paths: [/\/accounts\/logout\/$/] })]);
    const login = await request(app).get('/accounts/login/');
    for (const name of Object.keys(NOT_CACHED)) expect(login.headers[name], name).toBeUndefined();
    expect(cacheHeaders(await request(app).get('/accounts/logout/'))).toEqual(NOT_CACHED);
  });

  it('django-security NoConfidentialCaching: a listed path covers itself with or without the slash, below it, in any case', async () => {
    const app = appWith([mw.noCache({ paths: ['/accounts/logout'] })]);
    for (const path of [
      '/accounts/logout',
      '/accounts/logout/',
      '/ACCOUNTS/Logout',
      '/accounts/logout/all',
    ]) {
      expect(cacheHeaders(await request(app).get(path)), path).toEqual(NOT_CACHED);
    }
    expect((await request(app).get('/accounts/login/')).headers['cache-control']).toBeUndefined();
  });

  // differs: there is no allow-list mode (everything private except listed pages). noCache()
  // without paths covers every response, and a page that may be cached says so itself: its
  // route's own Cache-Control replaces ours, since the middleware sets headers before the route.
  it('differs: django-security NoConfidentialCaching whitelist: noCache() covers every page; a cacheable page sets its own Cache-Control', async () => {
    const app = appWith([mw.noCache()], {
      route: (req, res) => {
        if (req.path === '/accounts/login/') res.set('Cache-Control', 'public, max-age=60');
        res.send('ok');
      },
    });
    expect((await request(app).get('/accounts/login/')).headers['cache-control']).toBe('public, max-age=60');
    expect(cacheHeaders(await request(app).get('/accounts/logout'))).toEqual(NOT_CACHED);
  });
});

describe('django-security: BaseMiddleware settings', () => {
  // differs: django-security re-reads its settings when they change (override_settings); ours
  // are read, checked and compiled once, when the middleware is created, and changing the
  // options object afterwards changes nothing.
  it('differs: django-security BaseMiddleware: options are read once at creation; changing them later has no effect', async () => {
    const options: mw.FrameGuardOptions = { action: 'sameorigin' };
    const guard = mw.frameGuard(options);
    options.action = 'deny';
    expect((await get(guard)).headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('django-security BaseMiddleware: an unknown setting is refused at setup, naming the middleware', () => {
    expectOptionError(() => mw.noCache({ path: ['/account'] } as never), 'noCache');
    expectOptionError(() => mw.p3p({ policy: 'NOI', policyref: '/w3c/p3p.xml' } as never), 'P3P');
  });
});
