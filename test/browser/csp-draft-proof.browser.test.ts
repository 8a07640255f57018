/**
 * The proof of `csp draft` (issue 21, item 5): the policy drafted for the example shop, enforced
 * by secure(), loads every crawled page with no violation, while a script injected into a page
 * is blocked and reported to the shop's cspReport endpoint.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CspViolation } from '../../middleware/index.js';
import { createShop } from '../../examples/csp-shop.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { watched } from '../helpers/csp-watch.js';
import { runCli } from '../helpers/run-cli.js';

describe.runIf(browserAvailable)('the policy csp draft proposes for the example shop, enforced', () => {
  let browser: Browser;
  let server: http.Server;
  let base: string;
  let paths: string[];
  const reports: CspViolation[] = [];

  beforeAll(async () => {
    const run = await runCli(['csp', 'draft', '--app', 'examples/csp-shop.ts', '--format', 'json']);
    expect(run.stderr).toBe('');
    const draft = JSON.parse(run.stdout) as {
      options: { preset: 'none'; directives: Record<string, string[]> };
      mustChange: unknown[];
      pages: { url: string; error?: string }[];
    };
    expect(draft.mustChange).toEqual([]);
    paths = draft.pages.map((p) => p.url);
    expect(paths).toEqual(['/', '/products', '/search?q=shoes', '/checkout']);
    server = http.createServer(
      createShop({
        // report-uri alone: Chromium posts those at once, where report-to's batches wait up to a minute.
        contentSecurityPolicy: { ...draft.options, reportUri: '/csp-reports' },
        onReport: (report) => reports.push(report),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('loads every crawled page with no violation, its scripts, worker, styles and frame working', async () => {
    for (const path of paths) {
      const { page, seen } = await watched(browser);
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      // The nonced file ran and its fetch came back: scripts are not merely unblocked, they work.
      await page.waitForFunction(() => (window as { cart?: unknown }).cart !== undefined, undefined, {
        timeout: 10_000,
      });
      if (path === '/products') {
        expect(await page.frameLocator('iframe').locator('p').textContent()).toBe('Five stars');
        expect(await page.locator('.product').evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
      }
      expect({ path, ...seen }).toEqual({ path, violations: [], refused: [] });
      await page.close();
    }
  }, 120_000);

  it('blocks a script injected into a page, and the browser reports it to the shop', async () => {
    const { page, seen } = await watched(browser);
    const injected = encodeURIComponent('<script>window.injected = true;</script>');
    await page.goto(`${base}/search?q=${injected}`, { waitUntil: 'networkidle' });
    expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    expect(seen.violations).toEqual([
      { directive: 'script-src-elem', blocked: 'inline', disposition: 'enforce' },
    ]);
    expect(seen.refused).toHaveLength(1);
    const deadline = Date.now() + 10_000;
    while (reports.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(reports).toEqual([
      expect.objectContaining({
        effectiveDirective: 'script-src-elem',
        blockedUrl: 'inline',
        disposition: 'enforce',
      }),
    ]);
    expect(reports[0]?.documentUrl).toContain('/search?q=');
    await page.close();
  }, 60_000);
});
