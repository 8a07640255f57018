/**
 * What Chromium sends as Referer when a page has both a Referrer-Policy header and a
 * <meta name="referrer">, and that REFERRER_POLICY_UNSAFE follows the policy actually in force.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referrerPolicyCheck } from '../../src/checks/referrer-policy.js';
import { runChecks } from '../../src/core/scan.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { serve, type Served } from '../helpers/server.js';

describe.runIf(browserAvailable)('<meta name="referrer"> in headless Chromium', () => {
  let browser: Browser;
  let site: Served;
  let other: Served;

  beforeAll(async () => {
    browser = await launch();
    other = await serve((_req, res) => res.writeHead(200, { 'content-type': 'image/gif' }).end());
    site = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const policy = url.searchParams.get('header');
      const meta = url.searchParams.get('meta');
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        ...(policy ? { 'referrer-policy': policy } : {}),
      });
      // The image is on another site (localhost, not 127.0.0.1), after the <meta>.
      res.end(
        `<!doctype html><head>${meta === null ? '' : `<meta name="referrer" content="${meta}">`}</head><img src="${other.url.replace('127.0.0.1', 'localhost')}/pixel">`,
      );
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await other?.close();
  });

  it.each([
    // HTML takes one policy per <meta>: a list is ignored and the header stays in force.
    ['unsafe-url', 'no-referrer, same-origin', true],
    // One policy (or a legacy keyword) replaces the header's, in either direction.
    ['unsafe-url', 'no-referrer', false],
    ['unsafe-url', 'never', false],
    ['strict-origin-when-cross-origin', 'unsafe-url', true],
    ['no-referrer', 'always', true],
    ['no-referrer', 'UNSAFE-URL', true],
    // Not trimmed: ignored.
    ['no-referrer', ' unsafe-url ', false],
  ])(
    'header %j with <meta> %j: the full URL leaks is %s, and REFERRER_POLICY_UNSAFE says so',
    async (policy, meta, leaks) => {
      const url = `${site.url}/page?secret=s3cr3t&header=${encodeURIComponent(policy)}&meta=${encodeURIComponent(meta)}`;
      const before = other.requests.length;
      const page = await browser.newPage();
      await page.goto(url);
      await expect.poll(() => other.requests.length, { timeout: 10_000 }).toBeGreaterThan(before);
      await page.close();
      const referer = other.requests.at(-1)!.headers.referer ?? '';
      expect(referer.includes('s3cr3t')).toBe(leaks);
      const codes = (await runChecks(url, { checks: [referrerPolicyCheck] })).map((w) => w.code);
      expect(codes.includes('REFERRER_POLICY_UNSAFE')).toBe(leaks);
    },
  );
});
