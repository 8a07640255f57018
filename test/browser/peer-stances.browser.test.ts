/**
 * Where docs/checks.md parts from the Observatory or csp-evaluator on what a browser does, Chromium
 * decides: each case loads a page, watches whether the script runs, and holds our check to it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspCheck } from '../../src/checks/csp.js';
import { noSniffCheck } from '../../src/checks/no-sniff.js';
import { runChecks } from '../../src/core/scan.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { serve, type Served } from '../helpers/server.js';

describe.runIf(browserAvailable)("the peers' disagreements, settled in headless Chromium", () => {
  let browser: Browser;
  let site: Served;

  beforeAll(async () => {
    browser = await launch();
    site = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const nosniff = url.searchParams.get('nosniff');
      const csp = url.searchParams.get('csp');
      if (url.pathname === '/script.js') {
        // Served as text/plain: with nosniff in force, Chromium refuses to run it.
        res.writeHead(200, {
          'content-type': 'text/plain',
          ...(nosniff ? { 'x-content-type-options': nosniff } : {}),
        });
        res.end("document.title = 'external ran';");
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        ...(nosniff ? { 'x-content-type-options': nosniff } : {}),
        ...(csp ? { 'content-security-policy': csp } : {}),
      });
      const script = url.pathname === '/inline' ? "<script>document.title = 'inline ran';</script>" : '';
      res.end(
        `<!doctype html><title>nothing ran</title>${script}<script src="/script.js${url.search}"></script>`,
      );
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const title = async (url: string) => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForTimeout(200);
    const result = await page.title();
    await page.close();
    return result;
  };

  it.each([
    ['nosniff, nosniff', true],
    ['nosniff', true],
    ['whimsy, nosniff', false],
  ])(
    'X-Content-Type-Options: %s is in force is %s, and the noSniff check says so',
    async (value, inForce) => {
      const url = `${site.url}/?nosniff=${encodeURIComponent(value)}`;
      expect(await title(url)).toBe(inForce ? 'nothing ran' : 'external ran');
      const codes = (await runChecks(url, { checks: [noSniffCheck] })).map((w) => w.code);
      expect(codes).toEqual(inForce ? [] : ['NOSNIFF_INVALID']);
    },
  );

  it("runs inline script under the Observatory's two hashes written without a space, beside 'unsafe-inline'", async () => {
    const policy =
      "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA=''sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='";
    const url = `${site.url}/inline?csp=${encodeURIComponent(policy)}`;
    expect(await title(url)).toBe('inline ran');
    const codes = (await runChecks(url, { checks: [cspCheck] })).map((w) => w.code);
    expect(codes).toContain('CSP_UNSAFE_INLINE');
    expect(codes).toContain('CSP_INVALID');
  });

  it("ignores 'none' beside another source: the source still lets a script in", async () => {
    const url = `${site.url}/?csp=${encodeURIComponent("script-src 'self' 'none'; object-src 'none'")}`;
    expect(await title(url)).toBe('external ran');
    const found = await runChecks(url, { checks: [cspCheck] });
    expect(found.find((w) => w.code === 'CSP_INVALID')?.message).toContain(
      "'none' is ignored when other sources are listed",
    );
  });
});
