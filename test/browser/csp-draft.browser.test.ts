/**
 * `checksecure csp draft` in real Chromium, against a site spread over four local origins:
 * what it records, how far it crawls, what it asks the app to change, and that what it
 * proposes passes our own CSP checks.
 */
import { createHash } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspCheck } from '../../src/checks/csp.js';
import { cspContentCheck } from '../../src/checks/csp-content.js';
import { runChecks } from '../../src/core/scan.js';
import { secure } from '../../middleware/index.js';
import { createShop } from '../../examples/csp-shop.js';
import { browserAvailable } from '../helpers/browser.js';
import { startDraftSite, type DraftSite } from '../helpers/csp-draft-site.js';
import { runCli } from '../helpers/run-cli.js';

interface DraftJson {
  nonces: boolean;
  directives: Record<string, string[]>;
  options: { preset: 'none'; directives: Record<string, string[]> };
  mustChange: { kind: string; sample: string; pages: string[] }[];
  pages: { url: string; status?: number; error?: string }[];
}

const draftOf = async (argv: string[]) => {
  const run = await runCli(['csp', 'draft', ...argv, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { ...run, draft: JSON.parse(run.stdout) as DraftJson };
};

/** Every warning of error severity the csp checks give a page served with `options`. */
async function errorsUnder(
  html: (nonce: string) => string,
  options: DraftJson['options'],
): Promise<string[]> {
  const app = express();
  app.use(secure({ contentSecurityPolicy: options, cspReport: true }));
  app.get('/', (_req, res) => {
    res.type('html').send(html(String(res.locals.cspNonce)));
  });
  const warnings = await runChecks(app, { checks: [cspCheck, cspContentCheck] });
  return warnings.filter((w) => w.severity === 'error').map((w) => `${w.code}: ${w.message}`);
}

describe.runIf(browserAvailable)('csp draft in headless Chromium', () => {
  let s: DraftSite;
  let run: Awaited<ReturnType<typeof draftOf>>;

  beforeAll(async () => {
    s = await startDraftSite();
    run = await draftOf([`${s.site.url}/`, '--path', '/hang', '--path', '/loop', '--timeout', '4']);
  }, 240_000);

  afterAll(async () => {
    await s?.close();
  });

  it('records every resource by its directive, as narrow as seen, on its own origin', () => {
    const d = run.draft.directives;
    expect(run.draft.nonces).toBe(false);
    const hash = `'sha256-${createHash('sha256').update(s.inlineScript).digest('base64')}'`;
    expect(d['script-src']).toEqual(expect.arrayContaining([hash, `${s.scripts.url}/widget.js`]));
    expect(d['script-src']).not.toContain("'strict-dynamic'");
    expect(d['style-src']).toEqual([`${s.assets.url}/style.css`]);
    expect(d['font-src']).toEqual([`${s.assets.url}/shop.woff2`]);
    expect(d['img-src']).toEqual(expect.arrayContaining([`${s.assets.url}/logo.svg`]));
    expect(d['frame-src']).toEqual([s.assets.url]);
    expect(d['worker-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual([`${s.api.url}/data`, `${s.api.url.replace('http:', 'ws:')}/live`]);
    expect(d['form-action']).toEqual([`${s.api.url}/pay`]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
  });

  it('lists the handler, the javascript: link and eval as changes, with their page', () => {
    const home = `${s.site.url}/`;
    const changes = run.draft.mustChange.map((m) => [m.kind, m.sample, m.pages]);
    expect(changes).toEqual(
      expect.arrayContaining([
        ['inline-handler', '<button onclick="buy()">', [home]],
        ['javascript-url', 'javascript:void(0)', [home]],
        ['eval', '1 + 1', [home]],
      ]),
    );
    expect(changes.filter(([kind]) => kind === 'inline-handler')).toHaveLength(1);
  });

  it('follows only same-origin links, and gives up a page that never loads or navigates forever', () => {
    const urls = run.draft.pages.map((p) => p.url);
    expect(urls.sort()).toEqual(
      ['/', '/about', '/form', '/hang', '/loop'].map((p) => `${s.site.url}${p}`).sort(),
    );
    expect(s.api.requests.map((r) => r.url)).not.toContain('/elsewhere');
    // A logout link would end the session -H gave the crawl: never followed.
    expect(s.site.requests.map((r) => r.url)).not.toContain('/account/logout');
    expect(run.draft.pages.find((p) => p.url.endsWith('/hang'))?.error).toMatch(/Timeout/);
    expect(run.draft.pages.find((p) => p.url.endsWith('/loop'))?.error).toBeDefined();
    // Five pages, each given up at 4 s (and a second to close): bounded, whatever the pages do.
    expect(run.ms).toBeLessThan(60_000);
  });

  it('--pages 2 loads two pages', async () => {
    const before = s.site.requests.length;
    const { draft } = await draftOf([`${s.site.url}/`, '--pages', '2']);
    expect(draft.pages.map((p) => p.url)).toEqual([`${s.site.url}/`, `${s.site.url}/about`]);
    const pages = s.site.requests
      .slice(before)
      .filter((r) => !['/worker.js', '/favicon.ico'].includes(r.url));
    expect(pages.map((r) => r.url)).toEqual(['/', '/about']);
  }, 60_000);

  it('sends -H headers to the site only, and never prints them', async () => {
    const marks = [s.site, s.scripts, s.assets, s.api].map((server) => server.requests.length);
    const { stdout } = await draftOf([`${s.site.url}/`, '--pages', '1', '-H', 'X-Session: s3cr3t-value']);
    const sent = [s.site, s.scripts, s.assets, s.api].map(
      (server, i) =>
        server.requests.slice(marks[i]).filter((r) => r.headers['x-session'] === 's3cr3t-value').length,
    );
    expect(sent[0]).toBeGreaterThan(0);
    expect(sent.slice(1)).toEqual([0, 0, 0]);
    expect(stdout).not.toContain('s3cr3t');
  }, 60_000);

  it("proposes a policy our own CSP checks pass with no error, for the static site's page", async () => {
    const home = await fetch(`${s.site.url}/`).then((r) => r.text());
    expect(await errorsUnder(() => home, run.draft.options)).toEqual([]);
  });

  it('uses the nonces of an app served by secure() (--app), and that policy passes our checks too', async () => {
    const { draft } = await draftOf(['--app', 'examples/csp-shop.ts']);
    expect(draft.nonces).toBe(true);
    expect(draft.directives['script-src']).toEqual(["'nonce'", "'strict-dynamic'"]);
    expect(draft.options.directives.scriptSrc).toEqual(["'nonce'", "'strict-dynamic'"]);
    expect(draft.pages.map((p) => p.url)).toContain('/products');
    const shop = createShop({ contentSecurityPolicy: draft.options });
    const warnings = await runChecks(shop, {
      checks: [cspCheck, cspContentCheck],
      paths: ['/', '/products'],
    });
    expect(warnings.filter((w) => w.severity === 'error')).toEqual([]);
  }, 60_000);
});
