/**
 * What Chromium does with a nonce or hash source that breaks the CSP3 grammar, beside
 * 'unsafe-inline', and that the csp check says the same: a source browsers drop cancels nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspCheck } from '../../src/checks/csp.js';
import { runChecks } from '../../src/core/scan.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { serve, type Served } from '../helpers/server.js';

const NONCE = 'r4nd0mR4nd0mR4nd0mR4nd0m';

describe.runIf(browserAvailable)('nonce and hash sources in headless Chromium', () => {
  let browser: Browser;
  let site: Served;

  beforeAll(async () => {
    browser = await launch();
    // The policy comes from the query, so one server serves every case.
    site = await serve((req, res) => {
      const policy = new URL(req.url ?? '/', 'http://x').searchParams.get('csp') ?? '';
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `${policy}; object-src 'none'; base-uri 'none'; report-uri /r`,
      });
      res.end(
        `<!doctype html><title>blocked</title><script>document.title = 'inline ran';</script><script nonce="${NONCE}">window.nonced = true;</script>`,
      );
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it.each([
    // Dropped as invalid sources: 'unsafe-inline' stays in force and the injected script runs.
    ["script-src 'nonce-invalid$' 'unsafe-inline'", true, true],
    ["script-src 'nonce-' 'unsafe-inline'", true, true],
    ["script-src 'nonce-abc===' 'unsafe-inline'", true, true],
    ["script-src 'sha256-!!!' 'unsafe-inline'", true, true],
    ["script-src 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=' 'unsafe-inline'", true, true],
    // Well-formed: 'unsafe-inline' is cancelled, even by a hash of the wrong length.
    [`script-src 'nonce-${NONCE}' 'unsafe-inline'`, false, false],
    ["script-src 'sha256-abc' 'unsafe-inline'", false, true],
  ])(
    '%s: inline script runs is %s, and CSP_UNSAFE_INLINE says so (CSP_INVALID: %s)',
    async (policy, runs, invalid) => {
      const url = `${site.url}/?csp=${encodeURIComponent(policy)}`;
      const page = await browser.newPage();
      await page.goto(url);
      expect(await page.title()).toBe(runs ? 'inline ran' : 'blocked');
      await page.close();
      const codes = (await runChecks(url, { checks: [cspCheck] })).map((w) => w.code);
      expect(codes.includes('CSP_UNSAFE_INLINE')).toBe(runs);
      expect(codes.includes('CSP_INVALID')).toBe(invalid);
    },
  );

  it('runs the script whose nonce the policy lists, so the valid case above is not a blocked page', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/?csp=${encodeURIComponent(`script-src 'nonce-${NONCE}' 'unsafe-inline'`)}`);
    expect(await page.evaluate(() => (window as { nonced?: boolean }).nonced)).toBe(true);
    await page.close();
  });
});
