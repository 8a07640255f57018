import express from 'express';
import { describe, expect, it } from 'vitest';
import { secure } from '../../middleware/index.js';
import { scan } from '../../src/index.js';

const page = (app: express.Express) => {
  app.get('/', (_req, res) => res.send('<!doctype html><title>t</title><p>hi</p>'));
  return app;
};

const redirectWarnings = async (app: express.Express, headers: Record<string, string> = {}) =>
  (await scan(app, { headers })).warnings.filter((w) => w.check === 'httpsRedirect');

describe('httpsRedirect check on in-process apps', () => {
  it('names the scanned host in the fix when the scan was given one (httpsRedirect only redirects the hosts it is given)', async () => {
    const [warning] = await redirectWarnings(page(express()), { Host: 'shop.example.org' });
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.fix?.snippet).toContain("app.use(httpsRedirect({ hosts: ['shop.example.org'] }));");
  });

  it('shows where the hosts go when the scan only knew its own loopback stand-in', async () => {
    const [warning] = await redirectWarnings(page(express()));
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.fix?.snippet).toContain("app.use(httpsRedirect({ hosts: ['example.com'] }));");
  });

  it('passes the fix it suggests, with and without the Host the app is configured for', async () => {
    const app = express();
    app.use(secure({ httpsRedirect: { hosts: ['shop.example.org'] } }));
    expect(await redirectWarnings(page(app), { Host: 'shop.example.org' })).toEqual([]);
    expect(await redirectWarnings(page(app))).toEqual([]);
  });

  it('reports a secure() without hosts as not redirecting a public host: it answers 400 there', async () => {
    const app = express();
    app.use(secure());
    const [warning] = await redirectWarnings(page(app), { Host: 'shop.example.org' });
    expect(warning?.code).toBe('HTTPS_REDIRECT_MISSING');
    expect(warning?.evidence).toMatch(/→ 400$/);
    expect(warning?.fix?.snippet).toContain("hosts: ['shop.example.org']");
  });
});
