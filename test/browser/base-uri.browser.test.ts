/**
 * What an injected <base href> does to a page whose policy has no base-uri, in Chromium, and that
 * CSP_BASE_URI_MISSING is reported exactly where it lets the attacker's script run.
 */
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspCheck } from '../../src/checks/csp.js';
import { runChecks } from '../../src/core/scan.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { serve, type Served } from '../helpers/server.js';

const NONCE = 'r4nd0mR4nd0mR4nd0mR4nd0m';
const APP = 'window.legit = true;';
const LOADER = "var s = document.createElement('script'); s.src = 'app.js'; document.head.appendChild(s);";
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe.runIf(browserAvailable)('an injected <base> in headless Chromium', () => {
  let browser: Browser;
  let site: Served;
  let attacker: Served;

  /** Each page: a policy without base-uri, the injected <base>, then the site's own relative script. */
  const pages: Record<string, { policy: string; markup: string }> = {
    nonce: {
      policy: `script-src 'nonce-${NONCE}'`,
      markup: `<script nonce="${NONCE}" src="app.js"></script>`,
    },
    'hash with strict-dynamic': {
      policy: `script-src '${sha256(LOADER)}' 'strict-dynamic'`,
      markup: `<script>${LOADER}</script>`,
    },
    hash: {
      policy: `script-src '${sha256(APP)}'`,
      markup: `<script src="app.js" integrity="${sha256(APP)}"></script>`,
    },
    "hash with 'self'": {
      policy: `script-src '${sha256(APP)}' 'self'`,
      markup: '<script src="app.js"></script>',
    },
  };

  beforeAll(async () => {
    browser = await launch();
    attacker = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.pwned = true;'),
    );
    site = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/app.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(APP);
        return;
      }
      const page = pages[url.searchParams.get('page') ?? ''];
      if (!page) {
        res.writeHead(404).end();
        return;
      }
      // The <base> points at another site (localhost, not 127.0.0.1), as an injection would.
      const base = attacker.url.replace('127.0.0.1', 'localhost');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${page.policy}; object-src 'none'; report-uri /r`,
      });
      res.end(`<!doctype html><head><base href="${base}/">${page.markup}</head><body>page</body>`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await attacker?.close();
  });

  it.each([
    ['nonce', true],
    ['hash with strict-dynamic', true],
    ['hash', false],
    ["hash with 'self'", false],
  ])('%s: the attacker script runs is %s, and CSP_BASE_URI_MISSING says so', async (name, runs) => {
    const url = `${site.url}/?page=${encodeURIComponent(name)}`;
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned ?? false)).toBe(runs);
    await page.close();
    const codes = (await runChecks(url, { checks: [cspCheck] })).map((w) => w.code);
    expect(codes.includes('CSP_BASE_URI_MISSING')).toBe(runs);
  });

  it('runs the site’s own script under the hash policy when no <base> is injected', async () => {
    // Same policy and markup without the injection: the integrity-matched script is allowed.
    const clean = await serve((req, res) => {
      if (req.url?.endsWith('/app.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(APP);
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${pages.hash!.policy}; object-src 'none'`,
      });
      res.end(`<!doctype html><head>${pages.hash!.markup}</head><body>page</body>`);
    });
    const tab = await browser.newPage();
    await tab.goto(clean.url);
    await tab.waitForTimeout(300);
    expect(await tab.evaluate(() => (window as { legit?: boolean }).legit ?? false)).toBe(true);
    await tab.close();
    await clean.close();
  });
});
