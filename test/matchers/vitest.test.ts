import { stripVTControlCharacters } from 'node:util';
import express from 'express';
import request from 'supertest';
import { secure } from '../../middleware/index.js';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { bareApp, hardenedApp } from './apps.js';

const hardened = hardenedApp();
const bare = bareApp();
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion did not fail');
};
const asyncMessage = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion did not fail');
};

describe('matchers on a supertest response (synchronous)', async () => {
  const good = await request(hardened).get('/').set('X-Forwarded-Proto', 'https');
  const poor = await request(bare).get('/');

  it('pass on the hardened response', () => {
    expect(good).toHaveHsts();
    expect(good).toHaveHsts({ maxAge: 31536000, includeSubDomains: true });
    expect(good).toDenyFraming();
    expect(good).toHaveSecureSessionCookie();
    expect(good).toHaveSecureSessionCookie('connect.sid');
    expect(good).toHaveNoSniff();
    expect(good).toHaveCsp();
    expect(good).toHaveCsp({
      strict: true,
      directives: { 'object-src': ["'none'"], frameAncestors: ["'none'"] },
    });
    expect(good).toHaveReferrerPolicy();
    expect(good).toHaveReferrerPolicy('strict-origin-when-cross-origin');
    expect(good).toPreventCaching();
    expect(good).toHideServerInfo();
    expect(good).toHavePermissionsPolicy(['camera', 'microphone']);
    expect(good).toPassSecurityChecks();
  });

  it('fail on the bare response, and .not passes there', () => {
    expect(poor).not.toHaveHsts();
    expect(poor).not.toDenyFraming();
    expect(poor).not.toHaveSecureSessionCookie();
    expect(poor).not.toHaveNoSniff();
    expect(poor).not.toHaveCsp();
    expect(poor).not.toHaveReferrerPolicy();
    expect(poor).not.toPreventCaching();
    expect(poor).not.toHideServerInfo();
    expect(poor).not.toHavePermissionsPolicy(['camera']);
    expect(poor).not.toPassSecurityChecks();
    expect(good).not.toHaveReferrerPolicy('no-referrer');
  });

  it('toHaveReferrerPolicy judges the policy a <meta name="referrer"> puts in force over the header', async () => {
    const app = express();
    app.use(secure());
    app.get('/', (_req, res) =>
      res.send('<!doctype html><head><meta name="referrer" content="unsafe-url"></head><a href="/x">x</a>'),
    );
    const res = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res).not.toHaveReferrerPolicy();
    expect(message(() => expect(res).toHaveReferrerPolicy('strict-origin-when-cross-origin'))).toContain(
      'the effective policy is unsafe-url (from <meta name="referrer">), not strict-origin-when-cross-origin',
    );
  });

  it('works as asymmetric matchers', () => {
    expect({ home: good }).toEqual({ home: expect.toHaveHsts() });
    expect([poor]).toEqual([expect.not.toHaveHsts()]);
  });

  it('explains a failure: the problem, the header received, and the fix', () => {
    expect(message(() => expect(poor).toHaveHsts({ maxAge: 31536000 }))).toMatchInlineSnapshot(`
      "expect(received).toHaveHsts({"maxAge":31536000})

      Expected the response to send a valid Strict-Transport-Security header with max-age of at least 31536000, but:
        - HSTS_MAX_AGE_LOW: Strict-Transport-Security max-age=300 is below 31536000

      Received:
        strict-transport-security: max-age=300

      Fix with hsts():
        import { hsts } from 'checksecure/middleware';

        app.use(hsts({ maxAge: 63072000 }));"
    `);
  });

  it('explains a .not failure', () => {
    expect(message(() => expect(good).not.toHaveNoSniff())).toMatchInlineSnapshot(`
      "expect(received).not.toHaveNoSniff()

      Expected the response not to send X-Content-Type-Options: nosniff, but it does.

      Received:
        x-content-type-options: nosniff"
    `);
  });

  it.each([
    ['toDenyFraming', () => expect(poor).toDenyFraming()],
    ['toHaveSecureSessionCookie', () => expect(poor).toHaveSecureSessionCookie()],
    ['toHaveCsp', () => expect(poor).toHaveCsp({ strict: true })],
    ['toHaveReferrerPolicy', () => expect(poor).toHaveReferrerPolicy('no-referrer')],
    ['toPreventCaching', () => expect(poor).toPreventCaching()],
    ['toHideServerInfo', () => expect(poor).toHideServerInfo()],
    ['toHavePermissionsPolicy', () => expect(poor).toHavePermissionsPolicy(['camera', 'usb'])],
    ['toPassSecurityChecks', () => expect(poor).toPassSecurityChecks({ failOn: 'error' })],
  ])('%s failure message', (_name, assertion) => {
    expect(message(assertion)).toMatchSnapshot();
  });

  it('names the matcher and what it received when given something else', () => {
    expect(() => expect(42).toHaveHsts()).toThrow(
      /^toHaveHsts: expected a response \(supertest, fetch or undici Response.*; received number 42$/,
    );
    expect(() => expect({ status: 200 }).toHaveHsts()).toThrow(/received an object with keys status$/);
    expect(() => expect(good).toBeProtectedFromCsrf()).toThrow(
      /^toBeProtectedFromCsrf: needs an app .* so it can send requests/,
    );
  });
});

describe('matchers on an app, URL or handler (asynchronous)', () => {
  it('pass on the hardened app', async () => {
    await expect(hardened).toHaveHsts();
    await expect(hardened).toDenyFraming();
    await expect(hardened).toRedirectToHttps();
    await expect({ app: hardened }).toRedirectToHttps();
    await expect(hardened).toBeProtectedFromCsrf();
    await expect(hardened).toPassSecurityChecks();
  });

  it('fail on the bare app', async () => {
    await expect(bare).not.toRedirectToHttps();
    await expect(bare).not.toBeProtectedFromCsrf('/');
    expect(await asyncMessage(expect(bare).toBeProtectedFromCsrf())).toMatchInlineSnapshot(`
      "expect(received).toBeProtectedFromCsrf("/")

      Expected the response to refuse a cross-site POST to /, but:
        - CSRF_UNPROTECTED: A cross-site POST to / is accepted (303) like a same-origin one

      Fix with csrf():
        import { csrf } from 'checksecure/middleware';

        app.use(csrf());"
    `);
  });

  it('do not pass on an endpoint that refuses every POST', async () => {
    const msg = await asyncMessage(expect(hardened).toBeProtectedFromCsrf('/missing'));
    expect(msg).toContain(
      '- the csrf check could not run: the same-origin POST was refused too (/missing → 404), so protection cannot be judged',
    );
  });

  it('send the headers of { app, headers } with every request: an app that answers only its own hosts', async () => {
    const app = express();
    app.use(secure({ allowedHosts: ['example.com'] }));
    app.get('/', (_req, res) => res.send('<!doctype html><p>hi</p>'));
    app.post('/', (_req, res) => res.redirect(303, '/'));
    await expect({ app, headers: { Host: 'example.com' } }).toRedirectToHttps();
    await expect({ app, headers: { Host: 'example.com' } }).toHaveHsts();
    await expect({ app, headers: { Host: 'example.com' } }).toPassSecurityChecks({
      skip: ['CSP_NO_REPORTING'],
    });
    // Without it every request is the 400 for an unknown host, which redirects nothing, and a
    // matcher that judged that page alone would pass on nothing.
    await expect(app).not.toRedirectToHttps();
    const bareOfFraming = express();
    // Our own 400 carries X-Frame-Options: DENY; the app's page does not.
    bareOfFraming.use(secure({ allowedHosts: ['example.com'] }));
    bareOfFraming.get('/', (_req, res) => {
      res.removeHeader('X-Frame-Options');
      res.removeHeader('Content-Security-Policy');
      res.send('<!doctype html><p>hi</p>');
    });
    await expect({ app: bareOfFraming, headers: { Host: 'example.com' } }).not.toDenyFraming();
    expect(
      await asyncMessage(expect(bareOfFraming).toDenyFraming() as unknown as Promise<unknown>),
    ).toContain(
      "GET / answered 400, so the app's own page was never judged; if it answers only its own hosts (allowedHosts), send one: expect({ app, headers: { Host: 'example.com' } })",
    );
    await expect(expect({ app, headers: { 'Bad Header': 'x' } }).toHaveHsts()).rejects.toThrow(
      /^headers #1: the name is not a valid header name(?!.*Bad Header)/,
    );
  });

  it('judge a response to a plain-HTTP request with toRedirectToHttps', async () => {
    expect(await request(hardened).get('/').set('X-Forwarded-Proto', 'http')).toRedirectToHttps();
    expect(await request(bare).get('/').set('X-Forwarded-Proto', 'http')).not.toRedirectToHttps();
  });

  it('accept a fetch Response and a plain object', async () => {
    const res = new Response('<p>x</p>', {
      headers: {
        'x-content-type-options': 'nosniff',
        'set-cookie': 'sid=1; Secure; HttpOnly; SameSite=Strict',
      },
    });
    expect(res).toHaveNoSniff();
    expect(res).toHaveSecureSessionCookie('sid');
    expect({ status: 200, headers: { 'Strict-Transport-Security': 'max-age=63072000' } }).toHaveHsts();
  });
});
