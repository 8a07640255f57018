import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { defaultChecks } from '../../src/checks/index.js';
import { scan } from '../../src/core/scan.js';
import type { Warning } from '../../src/core/types.js';
import { browserAvailable, launch } from '../helpers/browser.js';

const listen = (app: express.Express) =>
  new Promise<{ server: Server; origin: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

/** What the script server sends for /lib/<id>.js: it records that it ran. */
const libBody = (id: string) => `ran.push(${JSON.stringify(id)})`;
const digest = (algorithm: string, text: string) => createHash(algorithm).update(text).digest('base64');

interface Case {
  /** The page's markup; `n` is the response's nonce, `other` the origin of the second server. */
  html: (n: string, other: string) => string;
  /** The route's policy, merged over secure()'s strict default (cspDirectives). */
  directives?: (other: string) => mw.CspDirectives;
  /** Whether the browser blocks the page's one script, handler or style, as seen in Chromium. */
  blocked: boolean;
  /** How "it ran" shows: pushed to ran (default), or a style that applied to #target. */
  shows?: 'ran' | 'style' | 'nothing';
}

// Each page holds one thing a CSP judges. Chromium says whether it ran and whether a
// securitypolicyviolation fired; the check must report exactly the blocked ones.
const CASES: Record<string, Case> = {
  'inline script without the nonce': { html: () => `<script>ran.push('x')</script>`, blocked: true },
  "nonce'd inline script": { html: (n) => `<script nonce="${n}">ran.push('x')</script>`, blocked: false },
  'inline script whose hash is listed': {
    html: () => `<script>ran.push('x')</script>`,
    directives: () => ({
      scriptSrc: ["'nonce'", "'strict-dynamic'", `'sha256-${digest('sha256', "ran.push('x')")}'`],
    }),
    blocked: false,
  },
  'inline script whose hash is not listed': {
    html: () => `<script>ran.push('y')</script>`,
    directives: () => ({ scriptSrc: ["'nonce'", `'sha256-${digest('sha256', "ran.push('x')")}'`] }),
    blocked: true,
  },
  "a nonce'd script in dangling markup": {
    html: (n) => `<script nonce="${n}" data-x="<script">ran.push('x')</script>`,
    blocked: true,
  },
  "'unsafe-inline' beside a nonce": {
    html: () => `<script>ran.push('x')</script>`,
    directives: () => ({ scriptSrc: ["'unsafe-inline'", "'nonce'"] }),
    blocked: true,
  },
  "'unsafe-inline' alone": {
    html: () => `<script>ran.push('x')</script>`,
    directives: () => ({ scriptSrc: ["'unsafe-inline'"] }),
    blocked: false,
  },
  'onclick handler': {
    html: () => `<button id="target" onclick="ran.push('x')">go</button>`,
    blocked: true,
  },
  "onclick handler under 'unsafe-inline'": {
    html: () => `<button id="target" onclick="ran.push('x')">go</button>`,
    directives: () => ({ scriptSrc: ["'unsafe-inline'"] }),
    blocked: false,
  },
  "onclick handler whose hash is listed with 'unsafe-hashes'": {
    html: () => `<button id="target" onclick="ran.push('x')">go</button>`,
    directives: () => ({
      scriptSrc: ["'nonce'", "'unsafe-hashes'", `'sha256-${digest('sha256', "ran.push('x')")}'`],
    }),
    blocked: false,
  },
  'javascript: URL': {
    html: () => `<a id="target" href=" java&#9;script&colon;ran.push('x')">go</a>`,
    blocked: true,
  },
  'onclick handler in a template': {
    html: () => `<template><b onclick="ran.push('x')">go</b></template>`,
    blocked: true,
    shows: 'nothing',
  },
  'onclick handler in noscript': {
    html: () => `<noscript><b onclick="ran.push('x')">go</b></noscript>`,
    blocked: false,
    shows: 'nothing',
  },
  'JSON data block': {
    html: () => `<script type="application/json">{"a":1}</script>`,
    blocked: false,
    shows: 'nothing',
  },
  'script from another host under the strict default': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    blocked: true,
  },
  "nonce'd script from another host under the strict default": {
    html: (n, other) => `<script nonce="${n}" src="${other}/lib/x.js"></script>`,
    blocked: false,
  },
  'script from an allowed host': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: (other) => ({ scriptSrc: ["'self'", "'nonce'", other] }),
    blocked: false,
  },
  "allowed host ignored under 'strict-dynamic'": {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: (other) => ({ scriptSrc: ["'nonce'", "'strict-dynamic'", other] }),
    blocked: true,
  },
  'host listed without its port': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: () => ({ scriptSrc: ['http://127.0.0.1'] }),
    blocked: true,
  },
  'host listed with a wildcard port': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: () => ({ scriptSrc: ['http://127.0.0.1:*'] }),
    blocked: false,
  },
  'host listed with a path prefix': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: (other) => ({ scriptSrc: [`${other}/lib/`] }),
    blocked: false,
  },
  'host listed with another path': {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: (other) => ({ scriptSrc: [`${other}/vendor/`, `${other}/lib`] }),
    blocked: true,
  },
  "script from another host against 'self'": {
    html: (_, other) => `<script src="${other}/lib/x.js"></script>`,
    directives: () => ({ scriptSrc: ["'self'"] }),
    blocked: true,
  },
  "own script against 'self'": {
    html: () => `<script src="/lib/x.js"></script>`,
    directives: () => ({ scriptSrc: ["'self'"] }),
    blocked: false,
  },
  'script whose integrity hash is listed': {
    html: (_, other) =>
      `<script src="${other}/lib/x.js" crossorigin="anonymous" integrity="sha384-${digest('sha384', libBody('x'))}"></script>`,
    directives: () => ({
      scriptSrc: ["'nonce'", "'strict-dynamic'", `'sha384-${digest('sha384', libBody('x'))}'`],
    }),
    blocked: false,
  },
  "<base> refused by base-uri 'none'": {
    html: (_, other) => `<base href="${other}/"><script src="/lib/x.js"></script>`,
    directives: () => ({ scriptSrc: ["'self'"] }),
    blocked: false,
  },
  '<base> that base-uri allows': {
    html: (_, other) => `<base href="${other}/"><script src="/lib/x.js"></script>`,
    directives: (other) => ({ scriptSrc: ["'self'"], baseUri: [other] }),
    blocked: true,
  },
  '<meta> policy in the head': {
    html: (n) =>
      `<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><script nonce="${n}">ran.push('x')</script>`,
    blocked: true,
  },
  'script before the <meta> policy': {
    html: (n) =>
      `<script nonce="${n}">ran.push('x')</script><meta http-equiv="Content-Security-Policy" content="script-src 'none'">`,
    blocked: false,
  },
  '<meta> policy in the body': {
    html: (n) =>
      `<p>text</p><meta http-equiv="Content-Security-Policy" content="script-src 'none'"><script nonce="${n}">ran.push('x')</script>`,
    blocked: false,
  },
  'style attribute under a nonce style-src': {
    html: () => `<p id="target" style="color: rgb(255, 0, 0)">red?</p>`,
    directives: () => ({ styleSrc: ["'nonce'"] }),
    blocked: true,
    shows: 'style',
  },
  "nonce'd <style>": {
    html: (n) => `<style nonce="${n}">#target { color: rgb(255, 0, 0) }</style><p id="target">red?</p>`,
    directives: () => ({ styleSrc: ["'nonce'"] }),
    blocked: false,
    shows: 'style',
  },
  '<style> without the nonce, under default-src': {
    html: () => `<style>#target { color: rgb(255, 0, 0) }</style><p id="target">red?</p>`,
    directives: () => ({ defaultSrc: ["'self'"], scriptSrc: ["'nonce'"] }),
    blocked: true,
    shows: 'style',
  },
};

const BLOCKING = [
  'CSP_INLINE_SCRIPT_BLOCKED',
  'CSP_INLINE_HANDLER_BLOCKED',
  'CSP_SCRIPT_SRC_BLOCKED',
  'CSP_INLINE_STYLE_BLOCKED',
];
const names = Object.keys(CASES);
const path = (name: string) => `/case/${names.indexOf(name)}`;

describe.runIf(browserAvailable)('cspContent in headless Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  let site = '';
  let other = '';

  beforeAll(async () => {
    browser = await launch();
    const scripts = express();
    scripts.get('/lib/:id.js', (req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      res.type('text/javascript').send(libBody(req.params.id));
    });
    // A policy that is only reported, on a server without secure() (which would enforce its own).
    scripts.get('/report-only', (_req, res) => {
      res.setHeader('content-security-policy-report-only', "script-src 'none'");
      res.send(`<!doctype html><title>report-only</title><script>ran.push('x')</script>`);
    });
    const b = await listen(scripts);
    other = b.origin;
    const app = express();
    app.use(mw.secure({ logger: { warn() {} } }));
    app.get('/lib/:id.js', (req, res) => res.type('text/javascript').send(libBody(req.params.id)));
    for (const name of names) {
      const c = CASES[name]!;
      const route: RequestHandler[] = c.directives ? [mw.cspDirectives(c.directives(other))] : [];
      app.get(path(name), ...route, (_req, res) =>
        res.send(
          `<!doctype html><title>${name.replace(/</g, '&lt;')}</title>${c.html(String(res.locals.cspNonce), other)}`,
        ),
      );
    }
    const a = await listen(app);
    site = a.origin;
    servers.push(a.server, b.server);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
  });

  /** Loads a page, clicks #target, and says what ran and which violations fired. */
  async function inChromium(url: string) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { ran: string[]; violations: string[] };
      w.ran = [];
      w.violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.violations.push(`${e.disposition} ${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(url);
    if ((await page.$('#target')) && (await page.isVisible('#target'))) await page.click('#target');
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { ran: string[]; violations: string[] };
      const target = document.getElementById('target');
      return {
        ran: w.ran,
        violations: w.violations,
        red: !!target && getComputedStyle(target).color === 'rgb(255, 0, 0)',
      };
    });
    await page.close();
    return seen;
  }

  it('reports exactly what Chromium blocks, for every case', async () => {
    const report = await scan(site, {
      checks: defaultChecks.filter((c) => c.name === 'cspContent'),
      paths: names.map(path),
    });
    expect(report.checks).toEqual([{ name: 'cspContent', status: expect.stringMatching(/warned|passed/) }]);
    // A finding on several pages is one warning with its pages (findings per site).
    const byPage = (name: string) =>
      report.warnings.filter((w: Warning) =>
        (w.pages ?? [w.url]).some((url) => new URL(url).pathname === path(name)),
      );
    const verdicts: Record<string, { chromium: boolean; check: boolean }> = {};
    for (const name of names) {
      const c = CASES[name]!;
      const seen = await inChromium(site + path(name));
      // A refused <base> fires a base-uri violation of its own: only script and style ones count.
      const blockedInChromium = seen.violations.some((v) => /^enforce (script|style)-src/.test(v));
      // Where the thing can run, not running and being blocked are the same observation.
      if ((c.shows ?? 'ran') === 'ran')
        expect(seen.ran.length === 0, `${name}: ran ${seen.ran.join(', ')}`).toBe(blockedInChromium);
      if (c.shows === 'style') expect(!seen.red, `${name}: style applied`).toBe(blockedInChromium);
      const codes = byPage(name).map((w) => w.code);
      expect(codes.every((code) => BLOCKING.includes(code))).toBe(true);
      verdicts[name] = { chromium: blockedInChromium, check: codes.length > 0 };
    }
    const expected = Object.fromEntries(
      names.map((name) => [name, { chromium: CASES[name]!.blocked, check: CASES[name]!.blocked }]),
    );
    expect(verdicts).toEqual(expected);
  }, 120_000);

  it('runs what a Report-Only policy would block, reports the violation, and says so as info', async () => {
    const seen = await inChromium(`${other}/report-only`);
    expect(seen.ran).toEqual(['x']);
    expect(seen.violations).toEqual(['report script-src-elem inline']);
    const report = await scan(`${other}/report-only`, {
      checks: defaultChecks.filter((c) => c.name === 'cspContent'),
    });
    expect(report.warnings.map((w) => [w.code, w.severity])).toEqual([['CSP_REPORT_ONLY_BLOCKS', 'info']]);
  }, 60_000);
});
