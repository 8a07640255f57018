/**
 * Issue 21's "done when": docs/csp-rollout.md followed end to end in real Chromium, on a shop
 * that starts with no policy. Each step runs the command or the secure() options the guide gives,
 * and feeds the next: the scan, `csp draft`, the report-only candidate and its real reports,
 * `reports --propose`, `reports --preview`, and the enforced policy.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonlSink, type ContentSecurityPolicyOptions, type JsonlSink } from '../../middleware/index.js';
import { browserAvailable, launch } from '../helpers/browser.js';
import { scratch } from '../helpers/cli.js';
import { watched } from '../helpers/csp-watch.js';
import { createRolloutShop, type RolloutShopOptions } from '../helpers/rollout-shop.js';
import { runCli } from '../helpers/run-cli.js';
import { serve, type Served } from '../helpers/server.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

interface Draft {
  options: ContentSecurityPolicyOptions & { directives: Record<string, string[]> };
  header: string;
  mustChange: { kind: string; directive: string; pages: string[] }[];
  pages: { url: string }[];
}

interface Proposed {
  proposal: {
    changes: { directive: string; source: string }[];
    needsNonce: unknown[];
    mustChange: unknown[];
    directives: [string, string[]][];
    policy: string;
  };
}

interface Previewed {
  preview: { pages: { page: string }[] };
}

describe.runIf(browserAvailable)('docs/csp-rollout.md, followed from no policy to an enforced one', () => {
  let browser: Browser;
  let server: http.Server;
  let site = '';
  let images: Served;
  let widget: Served;
  let dir = '';
  let modules = '';
  let file = '';
  let sink: JsonlSink;
  /** The shop as it is deployed now; the server answers with whichever is current. */
  let shop = createRolloutShop({ version: 1 });
  const deploy = (options: RolloutShopOptions) => (shop = createRolloutShop(options));

  /** The step's report lines so far (the sink appends as Chromium posts). */
  const stored = async () =>
    (await readFile(file, 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { blockedUrl: string; disposition: string; documentUrl: string });

  /** A --app module for csp draft: the shop at `version`, as it is before any policy. */
  const module = async (version: 1 | 2) => {
    const at = path.join(modules, `shop-v${version}.ts`);
    await writeFile(
      at,
      `import { createRolloutShop } from '../../helpers/rollout-shop.js';\nexport const app = createRolloutShop({ version: ${version} });\n`,
    );
    return path.relative(path.join(import.meta.dirname, '../..'), at);
  };

  /** Loads a page of the shop, works its features, and says what ran and what CSP reported. */
  async function visit(route: string) {
    const { page, seen } = await watched(browser);
    await page.goto(`${site}${route}`, { waitUntil: 'networkidle' });
    const works = await page.evaluate(async () => {
      const button = document.getElementById('buy');
      button?.click();
      const image = (id: string) => (document.getElementById(id) as HTMLImageElement | null)?.naturalWidth;
      return {
        shop: (window as { shop?: string }).shop,
        bought: button ? document.title === 'bought' : undefined,
        logo: image('logo'),
        banner: image('banner'),
        team: document.getElementById('team')?.textContent,
        widget: (window as { widget?: boolean }).widget,
        injected: (window as { injected?: boolean }).injected,
      };
    });
    // Violations are dispatched after the task that raised them.
    await page.waitForTimeout(100);
    await page.close();
    return { works, ...seen };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'csp-rollout-'));
    file = path.join(dir, 'csp.jsonl');
    sink = jsonlSink(file);
    modules = await scratch();
    images = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    });
    widget = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end('window.widget = true;');
    });
    server = http.createServer((req, res) => shop(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await images?.close();
    await widget?.close();
    await sink?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (modules) await rm(modules, { recursive: true, force: true });
  });

  it('walks every step: see, draft, fix, report-only, propose, preview, enforce', async () => {
    // 1. See where you stand: no policy, so CSP_MISSING.
    const first = await runCli([site, '--format', 'json']);
    const codes = (JSON.parse(first.stdout) as { warnings: { code: string }[] }).warnings.map((w) => w.code);
    expect(codes).toContain('CSP_MISSING');

    // 2. Draft: the onclick must change; once moved into the page's script, nothing must.
    const drafted = async (version: 1 | 2) => {
      const run = await runCli(['csp', 'draft', '--app', await module(version), '--format', 'json']);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as Draft;
    };
    const v1 = await drafted(1);
    expect(v1.mustChange).toEqual([
      expect.objectContaining({ kind: 'inline-handler', directive: 'script-src-attr', pages: ['/'] }),
    ]);
    const draft = await drafted(2);
    expect(draft.mustChange).toEqual([]);
    // No policy to name a nonce: the inline script is allowed by its hash (the guide says so).
    expect(draft.options.directives.scriptSrc).toEqual([expect.stringMatching(/^'sha256-/), "'self'"]);
    const paths = draft.pages.map((p) => p.url);
    expect(paths).toEqual(['/', '/about', '/search?q=shoes']);

    // 3. Report-only beside nothing enforced: every page works and reports nothing...
    // report-uri alone: Chromium prefers report-to, whose batches wait up to a minute (and go to HTTPS only).
    const candidate = { ...draft.options, reportUri: '/csp-reports' };
    const reportOnly = {
      contentSecurityPolicy: false,
      cspReportOnly: candidate,
      cspReport: { sink },
    } as const;
    deploy({ version: 2, secure: reportOnly });
    for (const route of paths) {
      const seen = await visit(route);
      expect({ route, violations: seen.violations, refused: seen.refused }).toEqual({
        route,
        violations: [],
        refused: [],
      });
    }
    expect(await visit('/')).toMatchObject({ works: { shop: 'ready', bought: true, logo: 1 } });
    // ...until the shop gains what the draft never saw: still nothing blocked, and real reports.
    const added = { images: images.url, widget: widget.url };
    deploy({ version: 2, secure: reportOnly, added });
    const home = await visit('/');
    expect(home.works).toMatchObject({ shop: 'ready', bought: true, logo: 1, banner: 1 });
    expect(home.violations).toEqual([
      { directive: 'img-src', blocked: `${images.url}/banner.png`, disposition: 'report' },
    ]);
    const about = await visit('/about');
    expect(about.works).toMatchObject({ team: 'We are three', widget: true });
    expect(about.violations).toEqual([
      { directive: 'script-src-elem', blocked: `${widget.url}/widget.js`, disposition: 'report' },
    ]);
    await expect
      .poll(async () => (await stored()).map((r) => `${r.disposition} ${r.blockedUrl}`).sort(), {
        timeout: 15_000,
      })
      .toEqual([`report ${images.url}/banner.png`, `report ${widget.url}/widget.js`].sort());

    // 4. Read the reports: exactly the two new sources, nothing loose.
    const propose = await runCli(['reports', file, '--propose', '--format', 'json']);
    expect(propose.code).toBe(0);
    const { proposal } = JSON.parse(propose.stdout) as Proposed;
    expect(proposal.changes.map((c) => `${c.directive} ${c.source}`).sort()).toEqual(
      [`img-src ${images.url}/banner.png`, `script-src ${widget.url}/widget.js`].sort(),
    );
    expect(proposal.needsNonce).toEqual([]);
    expect(proposal.mustChange).toEqual([]);
    expect(proposal.policy).not.toMatch(/unsafe-inline|unsafe-eval|\s(https?|data|blob):(\s|;|$)/);
    const final = {
      preset: 'none' as const,
      reportUri: '/csp-reports',
      directives: Object.fromEntries(proposal.directives.filter(([name]) => name !== 'report-uri')),
    };

    // 5. Preview: the draft alone would break both pages; with the proposal applied, none.
    const preview = async (policy: string) => {
      const run = await runCli(['reports', file, '--preview', '--policy', policy, '--format', 'json']);
      expect(run.code).toBe(0);
      return (JSON.parse(run.stdout) as Previewed).preview.pages.map((p) => p.page).sort();
    };
    expect(await preview(draft.header)).toEqual([`${site}/`, `${site}/about`]);
    expect(await preview(proposal.policy)).toEqual([]);

    // 6. Enforce: every page loads and works with no violation...
    deploy({ version: 2, secure: { contentSecurityPolicy: final, cspReport: { sink } }, added });
    for (const route of paths) {
      const seen = await visit(route);
      expect({ route, violations: seen.violations, refused: seen.refused }).toEqual({
        route,
        violations: [],
        refused: [],
      });
    }
    expect((await visit('/')).works).toMatchObject({ shop: 'ready', bought: true, logo: 1, banner: 1 });
    expect((await visit('/about')).works).toMatchObject({ team: 'We are three', widget: true });
    // ...while a reflected script is blocked, and reported as enforced.
    const injected = await visit(
      `/search?q=${encodeURIComponent('<script>window.injected = true;</script>')}`,
    );
    expect(injected.works.injected).toBeUndefined();
    expect(injected.violations).toEqual([
      { directive: 'script-src-elem', blocked: 'inline', disposition: 'enforce' },
    ]);
    expect(injected.refused).toHaveLength(1);
    await expect
      .poll(
        async () => (await stored()).filter((r) => r.disposition === 'enforce').map((r) => r.blockedUrl),
        {
          timeout: 15_000,
        },
      )
      .toEqual(['inline']);
    // And the scan that started it finds no CSP_* problem at warning or above.
    const last = await runCli([site, '--format', 'json']);
    const left = (
      JSON.parse(last.stdout) as { warnings: { code: string; severity: string }[] }
    ).warnings.filter((w) => w.code.startsWith('CSP_') && w.severity !== 'info');
    expect(left).toEqual([]);
  }, 90_000);
});
