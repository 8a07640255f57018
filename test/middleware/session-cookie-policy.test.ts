import http from 'node:http';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { runChecks } from '../../src/index.js';

const cookieLines = async (set: string[], options?: mw.SessionCookieOptions) => {
  const app = express();
  app.use(mw.sessionCookie(options));
  app.get('/', (_req, res) => {
    for (const line of set) res.append('Set-Cookie', line);
    res.send('ok');
  });
  return (await request(app).get('/')).headers['set-cookie'] as unknown as string[];
};

describe('a cookie policy that fits how cookies are used', () => {
  it.each(['jwt', 'access_token', 'refresh_token', 'id_token', 'remember_me', 'JSESSIONID', 'connect.sid'])(
    '%s is a session cookie for the middleware and for the scanner alike',
    async (name) => {
      expect(await cookieLines([`${name}=x`])).toEqual([`${name}=x; Secure; HttpOnly; SameSite=Lax`]);
      const app = express();
      app.get('/', (_req, res) => res.append('Set-Cookie', `${name}=x`).send('ok'));
      const codes = (await runChecks(app)).map((w) => w.code);
      expect(codes).toContain('SESSION_COOKIE_INSECURE');
      expect(codes).toContain('SESSION_COOKIE_NOT_HTTPONLY');
    },
  );

  it.each(['heroku-session-affinity', 'BIGipServer~Common~auth_pool', 'route'])(
    '%s, a load balancer affinity cookie, is no session cookie for the middleware and the scanner alike',
    async (name) => {
      // An app behind nginx `sticky route` (or relaying the balancer's cookie) sets it itself.
      const app = express();
      app.use(mw.sessionCookie());
      app.get('/', (_req, res) => res.append('Set-Cookie', `${name}=a1; Path=/`).send('ok'));
      const res = await request(app).get('/');
      expect(res.headers['set-cookie']).toEqual([`${name}=a1; Path=/`]);
      expect(res.headers['cache-control']).toBeUndefined();
      const bare = express();
      bare.get('/', (_req, res) => res.append('Set-Cookie', `${name}=a1; Path=/`).send('ok'));
      const codes = (await runChecks(bare)).map((w) => w.code);
      expect(codes).not.toContain('SESSION_COOKIE_NOT_HTTPONLY');
      expect(codes).not.toContain('CONFIDENTIAL_CACHEABLE');
      expect(codes).toContain('COOKIE_INSECURE');
    },
  );

  it('an anti-CSRF token scripts read (XSRF-TOKEN) gets Secure and never HttpOnly', async () => {
    for (const name of ['XSRF-TOKEN', 'csrf_token', 'csrftoken'])
      expect(await cookieLines([`${name}=x`])).toEqual([`${name}=x; Secure`]);
  });

  it('scriptCookies get Secure and SameSite=Lax, never HttpOnly; a valid SameSite of their own is kept', async () => {
    expect(
      await cookieLines(['theme=dark', 'lang=en; SameSite=Strict'], { scriptCookies: ['theme', 'lang'] }),
    ).toEqual(['theme=dark; Secure; SameSite=Lax', 'lang=en; SameSite=Strict; Secure']);
  });

  it('an explicit SameSite=None on a Secure session cookie is kept, unless sameSite is given', async () => {
    expect(await cookieLines(['sid=1; SameSite=None; Secure'])).toEqual([
      'sid=1; SameSite=None; Secure; HttpOnly',
    ]);
    expect(await cookieLines(['sid=1; SameSite=None; Secure'], { sameSite: 'Lax' })).toEqual([
      'sid=1; Secure; HttpOnly; SameSite=Lax',
    ]);
    // Without Secure, None is rejected by browsers: replaced.
    expect(await cookieLines(['sid=1; SameSite=None'])).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax']);
  });

  it('addNames adds session cookies to the default rule', async () => {
    expect(await cookieLines(['uid=1', 'sid=2'], { addNames: ['uid'] })).toEqual([
      'uid=1; Secure; HttpOnly; SameSite=Lax',
      'sid=2; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('the scanner’s advice names the real cookie and the option that fits it, never a placeholder', async () => {
    const app = express();
    app.get('/', (_req, res) =>
      res.append('Set-Cookie', ['theme=dark', 'XSRF-TOKEN=abc; SameSite=Lax']).send('ok'),
    );
    const warnings = await runChecks(app);
    const theme = warnings.find((w) => w.code === 'COOKIE_INSECURE' && w.message.includes('theme'))!;
    expect(theme.fix!.snippet).toContain("sessionCookie({ scriptCookies: ['theme'] })");
    const xsrf = warnings.find((w) => w.code === 'COOKIE_INSECURE' && w.message.includes('XSRF-TOKEN'))!;
    expect(xsrf.fix!.snippet).toContain('sessionCookie()');
    expect(xsrf.fix!.snippet).not.toContain('names');
    // The XSRF-TOKEN pattern is not a session cookie: no HttpOnly demanded of it.
    expect(warnings.some((w) => w.code.startsWith('SESSION_COOKIE') && w.message.includes('XSRF'))).toBe(
      false,
    );
  });
});

describe('every way of sending a cookie is hardened, and none is lost', () => {
  it.each([
    ['a flat array with a list value', ['Set-Cookie', ['a=1', 'sid=2'], 'Content-Type', 'text/plain']],
    ['a flat array with the name twice', ['Set-Cookie', 'a=1', 'set-cookie', 'sid=2']],
    [
      'nested pairs',
      [
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'sid=2'],
      ],
    ],
    ['an object', { 'Set-Cookie': ['a=1', 'sid=2'] }],
  ])('writeHead(200, %s)', async (_how, headers) => {
    const guard = mw.secure();
    const server = http.createServer((req, res) =>
      guard(req, res, () => {
        res.writeHead(200, headers as http.OutgoingHttpHeaders);
        res.end('ok');
      }),
    );
    const res = await request(server).get('/').set('X-Forwarded-Proto', 'https');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'sid=2; Secure; HttpOnly; SameSite=Lax']);
  });
});

describe('the default SameSite never lowers a stricter one', () => {
  it("keeps an app's SameSite=Strict, and replaces it only when sameSite is given", async () => {
    expect(await cookieLines(['sid=1; SameSite=Strict'])).toEqual([
      'sid=1; SameSite=Strict; Secure; HttpOnly',
    ]);
    expect(await cookieLines(['sid=1; SameSite=Strict'], { sameSite: 'Lax' })).toEqual([
      'sid=1; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('keeps what a stricter sessionCookie() mounted before secure() chose', async () => {
    const app = express();
    app.use(mw.sessionCookie({ sameSite: 'Strict' }));
    app.use(mw.secure());
    app.get('/', (_req, res) => res.cookie('connect.sid', 'abc').send('ok'));
    const res = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Strict']);
  });
});
