import { stripVTControlCharacters } from 'node:util';
import express from 'express';
import { describe, expect, it } from 'vitest';
import '../../matchers/vitest.js';
import { shopToken, tokenShop } from '../helpers/token-shop.js';

const asyncMessage = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('the assertion did not fail');
};

describe('toBeProtectedFromCsrf on an app that checks a token', () => {
  it('passes when the app checks it: the token goes with the same-origin POST only', async () => {
    const { app, seen } = tokenShop({ checksToken: true });
    await expect(app).toBeProtectedFromCsrf('/transfer', { sameOrigin: shopToken });
    expect(seen.map((post) => [post.site, post.token !== undefined])).toEqual([
      ['cross-site', false],
      ['same-origin', true],
    ]);
  });

  it('fails the same app with the check removed, and the message never shows the token', async () => {
    const { app, seen } = tokenShop({ checksToken: false });
    await expect(app).not.toBeProtectedFromCsrf('/transfer', { sameOrigin: shopToken });
    const message = await asyncMessage(
      expect(app).toBeProtectedFromCsrf('/transfer', { sameOrigin: shopToken }),
    );
    expect(message).toContain('expect(received).toBeProtectedFromCsrf("/transfer", { sameOrigin })');
    expect(message).toContain(
      '- CSRF_UNPROTECTED: A cross-site POST to /transfer is accepted (303) like a same-origin one',
    );
    const tokens = seen.flatMap((post) => (post.token ? [post.token] : []));
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(message).not.toContain(token);
  });

  it('a static token works too, and without one the failure says what to send', async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/transfer', (req, res) =>
      (req.body as { _csrf?: string })._csrf === 'fixed-token'
        ? res.redirect(303, '/transfers/1')
        : res.status(403).send('invalid csrf token'),
    );
    await expect(app).toBeProtectedFromCsrf('/transfer', { sameOrigin: { form: { _csrf: 'fixed-token' } } });
    expect(await asyncMessage(expect(app).toBeProtectedFromCsrf('/transfer'))).toContain(
      '- the csrf check could not run: the same-origin POST was refused too (/transfer → 403), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths), or send its token (csrf.sameOrigin)',
    );
  });

  it('names a misspelt option rather than leaving the token out', () => {
    const { app } = tokenShop({ checksToken: true });
    expect(() => expect(app).toBeProtectedFromCsrf('/transfer', { sameorigin: shopToken } as never)).toThrow(
      /^toBeProtectedFromCsrf: "sameorigin" is not an option \(did you mean "sameOrigin"\?\)$/,
    );
  });
});

describe('toBeProtectedFromCsrf judges refusal, not difference', () => {
  const shop = (crossSite: (res: express.Response) => void) => {
    let orders = 0;
    const app = express();
    app.post('/orders', (req, res) =>
      req.get('sec-fetch-site') === 'cross-site' ? crossSite(res) : res.redirect(303, `/orders/${++orders}`),
    );
    return app;
  };

  it('fails an unprotected Post/Redirect/Get endpoint: 303 → /orders/1, then /orders/2', async () => {
    let orders = 0;
    const app = express();
    app.post('/orders', (_req, res) => res.redirect(303, `/orders/${++orders}`));
    await expect(app).not.toBeProtectedFromCsrf('/orders');
  });

  it('passes a 403 and a redirect to /login', async () => {
    await expect(shop((res) => res.status(403).send('no'))).toBeProtectedFromCsrf('/orders');
    await expect(shop((res) => res.redirect(302, '/login'))).toBeProtectedFromCsrf('/orders');
  });

  it('fails, saying why, when the answer shows no refusal (a Rails-style redirect back to /)', async () => {
    const app = shop((res) => res.redirect(302, '/'));
    expect(await asyncMessage(expect(app).toBeProtectedFromCsrf('/orders'))).toContain(
      '- the csrf check could not run: cannot tell whether the cross-site POST was refused (/orders: cross-site → 302 → /, same-origin → 303 → /orders/1: a redirect elsewhere that names no login or error page)',
    );
  });
});
