// docs/matchers.md's "complete supertest example", kept runnable so the documentation cannot rot.
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { errorHandler, secure } from '../../middleware/index.js';

const app = express();
app.use(secure());
app.post('/login', (_req, res) => {
  res.cookie('connect.sid', 'signed-session-id');
  res.redirect(303, '/account');
});
app.get('/account', (_req, res) => res.send(`<script nonce="${res.locals.cspNonce}">…</script>`));
app.use(errorHandler({ logger: { error() {}, warn() {} } }));

describe('security', () => {
  it('hardens the login response', async () => {
    const res = await request(app)
      .post('/login')
      .set('Sec-Fetch-Site', 'same-origin')
      .set('X-Forwarded-Proto', 'https');
    expect(res).toHaveSecureSessionCookie('connect.sid');
    expect(res).toHaveHsts();
    expect(res).toPreventCaching();
  });

  it('refuses cross-site form posts and framing', async () => {
    await expect(app).toBeProtectedFromCsrf('/login');
    await expect(app).toDenyFraming();
  });
});
