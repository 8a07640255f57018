import http from 'node:http';
import cookieSession from 'cookie-session';
import expressLatest from 'express';
import session from 'express-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { secure, sessionCookie } from '../../middleware/index.js';
import { express4 } from '../helpers/versions.js';

const HTTPS = { 'X-Forwarded-Proto': 'https' };
const HARDENED = /^connect\.sid=s%3A[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/;

// express-session (like cookie-session, compression, morgan) sets its headers from an on-headers
// listener: a writeHead wrapper of its own, which runs when the head is written. Mounted before
// secure(), that wrapper sits beneath ours, so its cookie appears after our writeHead has run.
const sessions = () => session({ secret: 'test', resave: false, saveUninitialized: true });

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('a session cookie express-session sets on %s', (_name, express) => {
  it('is hardened when express-session is mounted before secure(), from the first request on', async () => {
    const app = express();
    app.use(sessions());
    app.use(secure());
    app.get('/', (_req, res) => res.send('ok'));
    for (let i = 0; i < 2; i++) {
      const res = await request(app).get('/').set(HTTPS);
      expect(res.headers['set-cookie']).toEqual([expect.stringMatching(HARDENED)]);
      expect(res.headers['cache-control']).toBe('no-store, max-age=0');
    }
  });

  it('is hardened when express-session is mounted after secure(), and alongside a cookie the route sets', async () => {
    const app = express();
    app.use(secure());
    app.use(sessions());
    app.get('/', (_req, res) => res.cookie('auth_token', 'abc').send('ok'));
    const res = await request(app).get('/').set(HTTPS);
    expect(res.headers['set-cookie']).toEqual([
      'auth_token=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
      expect.stringMatching(HARDENED),
    ]);
  });
});

describe('a session cookie cookie-session sets', () => {
  it('is hardened when cookie-session is mounted before secure()', async () => {
    const app = expressLatest();
    app.use(cookieSession({ name: 'session', keys: ['k'] }));
    app.use(secure());
    app.get('/', (req, res) => {
      (req as unknown as { session: Record<string, unknown> }).session.user = 'ada';
      res.send('ok');
    });
    const res = await request(app).get('/').set(HTTPS);
    expect(res.headers['set-cookie']).toEqual([
      expect.stringMatching(/^session=[^;]+; path=\/; httponly; Secure; SameSite=Lax$/),
      expect.stringMatching(/^session\.sig=[^;]+; path=\/; httponly; Secure; SameSite=Lax$/),
    ]);
  });
});

describe('a session cookie express-session sets on plain node:http', () => {
  it('is hardened beneath sessionCookie(), each attribute once', async () => {
    const sessionMiddleware = sessions();
    const harden = sessionCookie();
    const server = http.createServer((req, res) =>
      sessionMiddleware(req as never, res as never, () =>
        harden(req, res, () => {
          res.setHeader('Set-Cookie', 'sessionid=1; Secure');
          res.end('ok');
        }),
      ),
    );
    const res = await request(server).get('/');
    // The route's cookie was hardened by our writeHead, then again beneath express-session's:
    // the second pass leaves a hardened line as it is.
    expect(res.headers['set-cookie']).toEqual([
      'sessionid=1; Secure; HttpOnly; SameSite=Lax',
      expect.stringMatching(HARDENED),
    ]);
  });
});
