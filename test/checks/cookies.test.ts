import { describe, expect, it } from 'vitest';
import { cachingCheck } from '../../src/checks/caching.js';
import { cookiesCheck } from '../../src/checks/cookies.js';
import { sessionCookieCheck } from '../../src/checks/session-cookie.js';
import { codesOf, scanResponse } from '../helpers/captured.js';

const cookies = (setCookie: string | string[], options = {}, url = 'https://example.com/') =>
  codesOf([sessionCookieCheck, cookiesCheck], { url, headers: { 'set-cookie': setCookie } }, options);

describe('sessionCookie and cookies checks', () => {
  it.each([
    ['connect.sid=s%3Aabc; Path=/; HttpOnly; Secure; SameSite=Lax', []],
    ['sessionid=abc; Secure; HttpOnly; SameSite=Strict', []],
    [
      'connect.sid=abc; Path=/',
      ['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_NOT_HTTPONLY', 'SESSION_COOKIE_SAMESITE'],
    ],
    ['AUTH_TOKEN=abc; Secure; HttpOnly; SameSite=None', ['SESSION_COOKIE_SAMESITE']],
    ['login=abc; Secure; HttpOnly; SameSite=Sloppy', ['SESSION_COOKIE_SAMESITE']],
    ['__Host-sid=abc; Secure; HttpOnly; SameSite=Lax; Path=/', []],
    ['__Host-sid=abc; HttpOnly; SameSite=Lax; Path=/', ['COOKIE_PREFIX_INVALID', 'SESSION_COOKIE_INSECURE']],
    ['theme=dark', ['COOKIE_INSECURE']],
    ['theme=dark; Secure; SameSite=Loose', ['COOKIE_SAMESITE_INVALID']],
    ['theme=dark; SameSite=None', ['COOKIE_INSECURE', 'COOKIE_SAMESITE_INVALID']],
    ['theme=dark; Secure; SameSite=None', []],
    ['__Secure-pref=1', ['COOKIE_INSECURE', 'COOKIE_PREFIX_INVALID']],
    ['XSRF-TOKEN=abc; Secure', ['CSRF_COOKIE_SAMESITE']],
    ['_csrf=abc; Secure; SameSite=Strict', []],
    // a cookie being cleared (logout) leaks nothing
    ['connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT', []],
    ['sid=; Max-Age=0', []],
  ])('%j → %j', async (line, expected) => {
    expect(await cookies(line)).toEqual(expected);
  });

  it('judges several cookies on one response', async () => {
    expect(
      await cookies(['sid=1; Secure; HttpOnly; SameSite=Lax', 'tracking=1; Secure; SameSite=Lax', 'pref=1']),
    ).toEqual(['COOKIE_INSECURE']);
  });

  it('uses the configured session cookie names instead of the name rule', async () => {
    expect(await cookies('token=abc; Secure', { sessionCookies: ['token'] })).toEqual([
      'SESSION_COOKIE_NOT_HTTPONLY',
      'SESSION_COOKIE_SAMESITE',
    ]);
    // with names configured, "sid" is an ordinary cookie
    expect(await cookies('sid=abc; Secure', { sessionCookies: ['token'] })).toEqual([]);
  });

  it('does not ask for Secure on a plain-HTTP response', async () => {
    expect(await cookies('connect.sid=a; HttpOnly; SameSite=Lax', {}, 'http://example.com/')).toEqual([]);
    expect(await cookies('theme=dark', {}, 'http://example.com/')).toEqual([]);
  });

  it('names the cookie and shows the header as evidence', async () => {
    const report = await scanResponse(sessionCookieCheck, {
      headers: { 'set-cookie': 'connect.sid=abc; Path=/; Secure; SameSite=Lax' },
    });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'SESSION_COOKIE_NOT_HTTPONLY',
        message: 'Session cookie connect.sid is set without HttpOnly',
        evidence: 'Set-Cookie: connect.sid=abc; Path=/; Secure; SameSite=Lax',
      }),
    ]);
  });
});

describe('load-balancer affinity cookies (docs/checks.md stance)', () => {
  // As the vendors set them, or as an app behind them sees them: no HttpOnly, no SameSite.
  const AFFINITY = [
    'heroku-session-affinity',
    'AWSALB',
    'AWSALBCORS',
    'AWSALBAPP',
    'AWSALBTG',
    'AWSELB',
    'GCLB',
    'ARRAffinity',
    'ARRAffinitySameSite',
    'BIGipServer~Common~auth_pool',
    'BIGipServersession-pool',
    '__cflb',
    '__cf_bm',
    'route',
    'SERVERID',
  ];
  const all = [sessionCookieCheck, cookiesCheck, cachingCheck];

  it.each(AFFINITY)('%s is no session cookie: Secure is all it is asked for', async (name) => {
    const report = await scanResponse(all, {
      headers: { 'set-cookie': `${name}=1677787402.20480.0000; Path=/` },
    });
    expect(report.warnings.map((w) => w.code)).toEqual(['COOKIE_INSECURE']);
    // Set by the balancer after the app answered: the fix is its configuration, not a middleware.
    expect(report.warnings[0]!.fix?.middleware).toBe('load balancer or CDN configuration');
    expect(report.warnings[0]!.fix?.snippet).toContain(`# ${name} is a load balancer's`);
    expect(await codesOf(all, { headers: { 'set-cookie': `${name}=x; Path=/; Secure` } })).toEqual([]);
  });

  it('still checks what browsers reject on them, and names them as session cookies when configured', async () => {
    expect(await cookies('AWSALBCORS=x; Path=/; SameSite=None')).toEqual([
      'COOKIE_INSECURE',
      'COOKIE_SAMESITE_INVALID',
    ]);
    expect(
      await cookies('heroku-session-affinity=x', { sessionCookies: ['heroku-session-affinity'] }),
    ).toEqual(['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_NOT_HTTPONLY', 'SESSION_COOKIE_SAMESITE']);
  });

  it.each(['heroku-session-affinity-copy', 'app_BIGipServer_session'])(
    'leaves %s, which only contains a vendor name, to the session rule',
    async (name) => {
      expect(await cookies(`${name}=x; Path=/`)).toEqual([
        'SESSION_COOKIE_INSECURE',
        'SESSION_COOKIE_NOT_HTTPONLY',
        'SESSION_COOKIE_SAMESITE',
      ]);
    },
  );
});
