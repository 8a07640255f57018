import express from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import * as mw from '../../middleware/index.js';

describe('the django-security parity set', () => {
  it('doNotTrack reads DNT and Sec-GPC', async () => {
    const app = express();
    app.use(mw.doNotTrack());
    app.get('/', (req, res) => res.send(String((req as mw.SecureRequest).doNotTrack)));
    expect((await request(app).get('/').set('DNT', '1')).text).toBe('true');
    expect((await request(app).get('/').set('Sec-GPC', '1')).text).toBe('true');
    expect((await request(app).get('/').set('DNT', '0')).text).toBe('false');
    expect((await request(app).get('/')).text).toBe('false');
  });

  it('loginRequired redirects browsers, answers 401 to JSON and XHR clients, and lets public paths through', async () => {
    const app = express();
    app.use(
      mw.loginRequired({
        isAuthenticated: (req) => req.headers.authorization === 'yes',
        publicPaths: ['/', '/static/'],
      }),
    );
    app.get('*path', (_req, res) => res.send('content'));
    expect((await request(app).get('/')).text).toBe('content');
    expect((await request(app).get('/static/app.css')).text).toBe('content');
    expect((await request(app).get('/login')).text).toBe('content');
    const browser = await request(app).get('/account?tab=cards').set('Accept', 'text/html');
    expect(browser.status).toBe(302);
    expect(browser.headers.location).toBe('/login?next=%2Faccount%3Ftab%3Dcards');
    expect((await request(app).get('/api/me').set('Accept', 'application/json')).status).toBe(401);
    expect((await request(app).get('/api/me').set('X-Requested-With', 'XMLHttpRequest')).status).toBe(401);
    expect((await request(app).get('/account').set('Authorization', 'yes')).text).toBe('content');
    // "/static" covers "/static/..." but not "/staticky"
    expect((await request(app).get('/staticky')).status).toBe(302);
  });

  it('requireAjax refuses requests without X-Requested-With', async () => {
    const app = express();
    app.post('/api/cart', mw.requireAjax(), (_req, res) => res.send('added'));
    expect((await request(app).post('/api/cart')).status).toBe(400);
    expect((await request(app).post('/api/cart').set('X-Requested-With', 'XMLHttpRequest')).text).toBe(
      'added',
    );
  });

  it('passwordExpiry sends users to the change page while their password has expired', async () => {
    const app = express();
    app.use(mw.passwordExpiry({ isExpired: (req) => req.headers['x-expired'] === '1', exempt: ['/logout'] }));
    app.get('*path', (_req, res) => res.send('content'));
    expect((await request(app).get('/account').set('X-Expired', '1')).headers.location).toBe(
      '/password/change',
    );
    expect((await request(app).get('/password/change').set('X-Expired', '1')).text).toBe('content');
    expect((await request(app).get('/logout').set('X-Expired', '1')).text).toBe('content');
    expect(
      (await request(app).get('/api').set('X-Expired', '1').set('Accept', 'application/json')).status,
    ).toBe(403);
    expect((await request(app).get('/account')).text).toBe('content');
  });

  it('sessionExpiry ends idle and overlong sessions', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const sessions = new Map<string, Record<string, unknown>>();
      const events: unknown[] = [];
      const app = express();
      // A minimal express-session stand-in: the session object lives across requests.
      app.use((req, _res, next) => {
        const id = String(req.headers['x-session']);
        const session = sessions.get(id) ?? { user: 'ada' };
        Object.assign(session, {
          regenerate(cb: (e?: unknown) => void) {
            const fresh: Record<string, unknown> = { regenerate: session.regenerate };
            sessions.set(id, fresh);
            (req as unknown as { session: unknown }).session = fresh;
            cb();
          },
        });
        sessions.set(id, session);
        (req as unknown as { session: unknown }).session = session;
        next();
      });
      app.use(mw.sessionExpiry({ idle: 60, absolute: 3600, logger: { warn: (f) => events.push(f) } }));
      app.get('/', (req, res) => {
        const r = req as unknown as { session: { user?: string }; sessionExpired?: boolean };
        res.send(`${r.session.user ?? 'anonymous'}${r.sessionExpired ? ' (expired)' : ''}`);
      });
      const hit = () => request(app).get('/').set('X-Session', 'a');
      expect((await hit()).text).toBe('ada');
      vi.setSystemTime(Date.now() + 30_000);
      expect((await hit()).text).toBe('ada');
      vi.setSystemTime(Date.now() + 61_000);
      expect((await hit()).text).toBe('anonymous (expired)');
      expect(events).toEqual([expect.objectContaining({ event: 'session.expired' })]);

      sessions.clear();
      expect((await hit()).text).toBe('ada');
      for (let i = 0; i < 70; i++) {
        vi.setSystemTime(Date.now() + 55_000);
        const text = (await hit()).text;
        if (text !== 'ada') {
          expect(text).toBe('anonymous (expired)');
          expect(i * 55).toBeGreaterThanOrEqual(3600 - 55 * 2);
          return;
        }
      }
      throw new Error('the absolute timeout never ended the session');
    } finally {
      vi.useRealTimers();
    }
  });

  it('validates its options', () => {
    expect(() => mw.sessionExpiry({})).toThrow('sessionExpiry: {} needs idle or absolute (seconds)');
    expect(() => mw.loginRequired({} as never)).toThrow(/^loginRequired: isAuthenticated: /);
    expect(() => mw.loginRequired({ isAuthenticated: () => true, loginUrl: '//evil.example/' })).toThrow(
      /must be a path on this site/,
    );
    expect(() => mw.requireAjax({ status: 200 })).toThrow(
      /^requireAjax: status: 200 must be a whole number from 400 to 499/,
    );
  });
});
