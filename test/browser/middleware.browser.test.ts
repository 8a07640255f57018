import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { framingCheck } from '../../src/checks/framing.js';
import { runChecks } from '../../src/core/scan.js';
import { browserAvailable, launch } from '../helpers/browser.js';

const listen = (app: express.Express) =>
  new Promise<{ server: Server; port: number }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port }),
    );
  });

describe.runIf(browserAvailable)('in headless Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  const reports: mw.CspViolation[] = [];
  let site = '';
  let other = '';

  beforeAll(async () => {
    browser = await launch();
    // The protected site, on 127.0.0.1.
    const app = express();
    // report-uri only: Chromium prefers report-to when both are present, and delivers report-to
    // only to HTTPS endpoints, which this plain-HTTP test server is not.
    app.use(
      mw.secure({
        cspReport: { sink: (r) => reports.push(r), rateLimit: false },
        contentSecurityPolicy: { reportUri: '/csp-reports' },
        logger: { warn() {} },
      }),
    );
    app.use(express.urlencoded({ extended: false }));
    app.get('/script', (_req, res) =>
      res.send(
        `<!doctype html><title>start</title><script nonce="${res.locals.cspNonce}">document.title = 'nonce ran';</script><script>window.injected = true; document.title = 'injected ran';</script>`,
      ),
    );
    app.get('/framed', (_req, res) =>
      res.send(
        '<!doctype html><script nonce="' +
          res.locals.cspNonce +
          '">parent.postMessage("framed page loaded", "*")</script>',
      ),
    );
    app.get('/form', (_req, res) =>
      res.send(
        '<!doctype html><form method="post" action="/transfer"><input name="amount" value="100"><button>Send</button></form>',
      ),
    );
    app.post('/transfer', (req, res) => res.type('text').send(`transferred ${req.body.amount}`));
    // A page framed without protection, to show the frame test can tell the difference.
    const open = express();
    open.get('/framed', (_req, res) =>
      res.send('<!doctype html><script>parent.postMessage("framed page loaded", "*")</script>'),
    );
    // X-Frame-Options sent twice, disagreeing (an app's and a proxy's): see the framing test.
    open.get('/repeated/:values', (req, res) => {
      res.setHeader('X-Frame-Options', req.params.values.split('+'));
      res.send('<!doctype html><script>parent.postMessage("framed page loaded", "*")</script>');
    });
    // The attacker's site, on localhost (another site, not just another port).
    const attacker = express();
    attacker.get('/frame', (req, res) =>
      res.send(
        `<!doctype html><script>window.messages = []; addEventListener('message', (e) => messages.push(e.data));</script><iframe src="${req.query.src as string}"></iframe>`,
      ),
    );
    attacker.get('/form', (req, res) =>
      res.send(
        `<!doctype html><form method="post" action="${req.query.to as string}"><input name="amount" value="1000000"><button>Win a prize</button></form>`,
      ),
    );
    const [a, b, c] = await Promise.all([listen(app), listen(attacker), listen(open)]);
    servers.push(a.server, b.server, c.server);
    site = `http://127.0.0.1:${a.port}`;
    other = `http://localhost:${b.port}`;
    (globalThis as { openSite?: string }).openSite = `http://127.0.0.1:${c.port}`;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  it("runs the nonce'd inline script, blocks the other, and the violation reaches cspReport", async () => {
    const page = await browser.newPage();
    await page.goto(`${site}/script`);
    expect(await page.title()).toBe('nonce ran');
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    await expect.poll(() => reports.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(reports[0]).toMatchObject({
      documentUrl: `${site}/script`,
      blockedUrl: 'inline',
      effectiveDirective: 'script-src-elem',
    });
    await page.close();
  });

  it('cannot be framed from another site under frameGuard, while an unprotected page can', async () => {
    const page = await browser.newPage();
    const openSite = (globalThis as { openSite?: string }).openSite!;
    await page.goto(`${other}/frame?src=${encodeURIComponent(`${openSite}/framed`)}`);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { messages: string[] }).messages), {
        timeout: 10_000,
      })
      .toEqual(['framed page loaded']);
    await page.goto(`${other}/frame?src=${encodeURIComponent(`${site}/framed`)}`);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { messages: string[] }).messages)).toEqual([]);
    await page.close();
  });

  it('keeps another site from framing a page whose X-Frame-Options values disagree, as the framing check says', async () => {
    const openSite = (globalThis as { openSite?: string }).openSite!;
    for (const values of ['DENY+SAMEORIGIN', 'SAMEORIGIN+INVALID']) {
      const url = `${openSite}/repeated/${values}`;
      const page = await browser.newPage();
      await page.goto(`${other}/frame?src=${encodeURIComponent(url)}`);
      await page.waitForTimeout(1500);
      expect(await page.evaluate(() => (window as unknown as { messages: string[] }).messages)).toEqual([]);
      await page.close();
      const found = await runChecks(url, { checks: [framingCheck] });
      expect(found.map((w) => w.code)).toEqual(['FRAME_OPTIONS_INVALID']);
    }
  });

  it('refuses a cross-site form POST and accepts the same-origin one', async () => {
    const page = await browser.newPage();
    await page.goto(`${other}/form?to=${encodeURIComponent(`${site}/transfer`)}`);
    const [crossSite] = await Promise.all([page.waitForNavigation(), page.click('button')]);
    expect(crossSite?.status()).toBe(403);
    expect(await page.textContent('body')).toContain(
      'Forbidden: cross-origin request refused (Sec-Fetch-Site: cross-site)',
    );
    await page.goto(`${site}/form`);
    const [sameOrigin] = await Promise.all([page.waitForNavigation(), page.click('button')]);
    expect(sameOrigin?.status()).toBe(200);
    expect(await page.textContent('body')).toBe('transferred 100');
    await page.close();
  });
});
