// docs/matchers.md's "Logged-in tests with a supertest agent": secure() marks the session cookie
// Secure, and superagent's cookie jar, like a browser, sends a Secure cookie only over https://.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import express from 'express';
import session from 'express-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { secure } from '../../middleware/index.js';
import { ROOT } from '../helpers/cli.js';

const key = readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-key.pem'));
const cert = readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-cert.pem'));

declare module 'express-session' {
  interface SessionData {
    user?: string;
  }
}

function loginApp() {
  const app = express();
  app.use(secure());
  app.use(session({ secret: 'test only', resave: false, saveUninitialized: false }));
  app.post('/login', (req, res) => {
    req.session.user = 'ada';
    res.redirect(303, '/account');
  });
  app.get('/account', (req, res) => {
    if (req.session.user === undefined) res.status(401).send('log in first');
    else res.send(`hello ${req.session.user}`);
  });
  return app;
}

describe('a supertest agent after secure()', () => {
  it('over http:// loses the session: the jar keeps the Secure cookie to itself, X-Forwarded-Proto or not', async () => {
    const agent = request.agent(loginApp());
    const login = await agent
      .post('/login')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('X-Forwarded-Proto', 'https');
    expect(login.status).toBe(303);
    expect(login.headers['set-cookie']?.[0]).toMatch(/^connect\.sid=.*; Secure/);
    const account = await agent.get('/account').set('X-Forwarded-Proto', 'https');
    expect(account.status).toBe(401);
  });

  it('over https:// (a test certificate, trusted with ca) keeps it, and the responses are judged as HTTPS', async () => {
    const agent = request.agent(https.createServer({ key, cert }, loginApp()), { ca: cert });
    const login = await agent.post('/login').set('Sec-Fetch-Site', 'same-origin');
    expect(login).toHaveSecureSessionCookie('connect.sid');
    expect(login).toHaveHsts();
    const account = await agent.get('/account');
    expect(account.status).toBe(200);
    expect(account.text).toBe('hello ada');
  });

  it('without an agent, carrying the cookie by hand over http:// works too', async () => {
    const app = loginApp();
    const login = await request(app)
      .post('/login')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('X-Forwarded-Proto', 'https');
    expect(login).toHaveSecureSessionCookie('connect.sid');
    const cookie = (login.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    const account = await request(app)
      .get('/account')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookie);
    expect(account.text).toBe('hello ada');
  });
});
