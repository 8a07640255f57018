import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { reportLine } from '../helpers/report-file.js';

// Item 5 of issue 21, second half: a proposal built from REAL Chromium reports (plus seeded
// noise), enforced on the same pages, leaves them working with no violation; eval is listed as
// an app change and stays blocked.

const listen = (app: express.Express) =>
  new Promise<{ server: Server; origin: string }>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function reportsCli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['reports', ...argv], {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: {},
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

interface Loaded {
  violations: { directive: string; blocked: string }[];
  refused: string[];
  ran: string[];
  image: number;
}

describe.runIf(browserAvailable)('reports --propose, proven in Chromium', () => {
  let browser: Browser;
  const servers: Server[] = [];
  let dir = '';
  let file = '';
  let site = '';
  let scripts = '';
  let images = '';
  let sink: mw.JsonlSink;
  /** The CSP middleware the site uses now: report-only first, then the proposal enforced. */
  let csp: ReturnType<typeof mw.secure>;

  const pages = (nonce: string) => ({
    '/': `<script src="${scripts}/lib/widget.js"></script><img id="logo" src="${images}/img/logo.png"><script nonce="${nonce}">ran.push('inline');</script>`,
    '/shop': `<script src="${scripts}/lib/cart/chart.js"></script><img id="logo" src="${images}/img/logo.png">`,
    '/about': `<script nonce="${nonce}">ran.push('about');</script>`,
    '/legacy': `<script nonce="${nonce}">try { eval("ran.push('eval')"); } catch {}</script>`,
    // Loaded only once the proposal is enforced: a script injected from outside the allowed path.
    '/injected': `<script src="${scripts}/evil.js"></script>`,
  });

  beforeAll(async () => {
    browser = await launch();
    dir = await mkdtemp(path.join(tmpdir(), 'reports-browser-'));
    file = path.join(dir, 'csp.jsonl');
    const assets = express();
    assets.get('/lib/widget.js', (_req, res) => res.type('js').send("ran.push('widget');"));
    assets.get('/lib/cart/chart.js', (_req, res) => res.type('js').send("ran.push('chart');"));
    assets.get('/evil.js', (_req, res) => res.type('js').send("ran.push('evil');"));
    const pictures = express();
    pictures.get('/img/logo.png', (_req, res) => res.type('png').send(PNG));
    sink = mw.jsonlSink(file);
    const app = express();
    app.use((req, res, next) => csp(req, res, next));
    for (const route of Object.keys(pages('')) as (keyof ReturnType<typeof pages>)[])
      app.get(route, (_req, res) => {
        const nonce = res.locals.cspNonce as string;
        res.send(
          `<!doctype html><title>${route}</title><script nonce="${nonce}">window.ran = [];</script>${pages(nonce)[route]}`,
        );
      });
    const [a, b, c] = await Promise.all([listen(app), listen(assets), listen(pictures)]);
    servers.push(a.server, b.server, c.server);
    [site, scripts, images] = [a.origin, b.origin, c.origin];
    // A strict candidate, report-only: what a team deploys first. report-uri only: Chromium
    // delivers report-to to HTTPS endpoints alone.
    csp = mw.secure({
      cspReport: { sink, rateLimit: false },
      contentSecurityPolicy: {
        preset: 'none',
        reportOnly: true,
        reportUri: '/csp-reports',
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", "'nonce'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
        },
      },
      logger: { warn() {} },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const server of servers) server.close();
    await sink?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function load(route: string): Promise<Loaded> {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Refused to|violates the following Content Security Policy/.test(message.text()))
        refused.push(message.text());
    });
    await page.addInitScript(() => {
      const seen: { directive: string; blocked: string }[] = [];
      (window as unknown as { violations: typeof seen }).violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI }),
      );
    });
    await page.goto(`${site}${route}`, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({
      violations: (window as unknown as { violations: Loaded['violations'] }).violations,
      ran: (window as unknown as { ran?: string[] }).ran ?? [],
      image: (document.getElementById('logo') as HTMLImageElement | null)?.naturalWidth ?? -1,
    }));
    await page.close();
    return { ...state, refused };
  }

  it('proposes from real reports a policy that, enforced, loads every page with no violation; eval stays out', async () => {
    // 1. Report-only: every page works, and Chromium reports what the candidate would block.
    const before = await load('/');
    expect(before.ran).toEqual(['widget', 'inline']);
    expect(before.violations.map((v) => v.directive).sort()).toEqual(['img-src', 'script-src-elem']);
    for (const route of ['/shop', '/about', '/legacy']) await load(route);
    await expect
      .poll(
        async () =>
          (await readFile(file, 'utf8').catch(() => '')).match(/"blockedUrl":"(eval|http[^"]+)"/g)?.length ??
          0,
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThanOrEqual(5);
    // Noise a real file holds: an extension, a script an extension injected, another site's page.
    const policy = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]!).originalPolicy as string;
    await appendFile(
      file,
      [
        reportLine({
          documentUrl: `${site}/`,
          blockedUrl: 'chrome-extension://abcdef/content.js',
          effectiveDirective: 'script-src-elem',
          originalPolicy: policy,
        }),
        reportLine({
          documentUrl: `${site}/shop`,
          blockedUrl: 'https://tracker.example/t.js',
          sourceFile: 'moz-extension://42/inject.js',
          effectiveDirective: 'script-src-elem',
          originalPolicy: policy,
        }),
        reportLine({
          documentUrl: 'https://mirror.example/',
          blockedUrl: 'https://ads.example/a.js',
          effectiveDirective: 'script-src-elem',
          originalPolicy: policy,
        }),
      ].join(''),
    );

    // 2. The proposal: the narrowest sources, and eval as an app change.
    const text = await reportsCli([file, '--propose']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`site: ${site} (the most common page origin`);
    expect(text.stdout).toMatch(
      /dropped 3 of \d+: 1 browser extensions \([^)]*\), 1 injected [^)]*\), 1 from pages outside the site\n/,
    );
    expect(text.stdout).toContain(`script-src: add ${scripts}/lib/ — covers`);
    expect(text.stdout).toContain(
      `img-src (new, copied from default-src): add ${images}/img/logo.png — covers`,
    );
    expect(text.stdout).toMatch(
      new RegExp(
        `Must change in the app[^\\n]*\\n  script-src eval — 1 report on 1 page \\(${site}/legacy\\)`,
      ),
    );
    expect(text.stdout).not.toMatch(
      /tracker|ads\.example|chrome-extension:\/\/abcdef\/content\.js'|unsafe-eval'[^\n]*;/,
    );
    const { proposal } = JSON.parse((await reportsCli([file, '--propose', '--format', 'json'])).stdout) as {
      proposal: { directives: [string, string[]][]; policy: string };
    };
    expect(proposal.policy).not.toMatch(/unsafe-eval|unsafe-inline/);

    // 3. Enforced on the same site, as secure() options (its nonce per request): no violation.
    csp = mw.secure({
      contentSecurityPolicy: {
        preset: 'none',
        directives: Object.fromEntries(
          proposal.directives.map(([name, list]) => [
            name,
            list.map((s) => (s.startsWith("'nonce-") ? "'nonce'" : s)),
          ]),
        ),
      },
      logger: { warn() {} },
    });
    const enforced = {
      '/': await load('/'),
      '/shop': await load('/shop'),
      '/about': await load('/about'),
    };
    expect(enforced['/']).toEqual({ violations: [], refused: [], ran: ['widget', 'inline'], image: 1 });
    expect(enforced['/shop']).toEqual({ violations: [], refused: [], ran: ['chart'], image: 1 });
    expect(enforced['/about']).toEqual({ violations: [], refused: [], ran: ['about'], image: -1 });
    // eval was not allowed: the page that needs it must change.
    const legacy = await load('/legacy');
    expect(legacy.ran).toEqual([]);
    expect(legacy.violations).toEqual([{ directive: 'script-src', blocked: 'eval' }]);
    // A script injected from the allowed host but outside the allowed path is blocked, and both
    // collectors see it: their empty lists above are not blindness.
    const injected = await load('/injected');
    expect(injected.ran).toEqual([]);
    expect(injected.violations).toEqual([{ directive: 'script-src-elem', blocked: `${scripts}/evil.js` }]);
    expect(injected.refused).toEqual([expect.stringContaining(`${scripts}/evil.js' violates`)]);
  }, 90_000);
});
