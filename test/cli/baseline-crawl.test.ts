import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

// --baseline with --crawl, the site unchanged between the runs: only the number of pages the
// crawl reached differs. `/` links to /p/1 … /p/20 in order, every page lacks the same headers
// (findings grouped over all pages), /p/9 and /p/11 alone send X-Powered-By, and /p/11 alone
// sets a cookie without Secure.

const POWERED = ['/p/9', '/p/11'];
let site: Served;
let dir: string;

interface JsonWarning {
  code: string;
  url: string;
  pages?: string[];
  baseline?: string;
}
interface JsonReport {
  warnings: JsonWarning[];
  baseline: { fixed: JsonWarning[] };
}

beforeAll(async () => {
  site = await serve((req, res) => {
    const at = new URL(req.url ?? '/', 'http://x').pathname;
    if (at !== '/' && !/^\/p\/\d+$/.test(at)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    if (POWERED.includes(at)) res.setHeader('x-powered-by', 'Express');
    if (at === '/p/11') res.setHeader('set-cookie', 'theme=dark; Path=/');
    const links = at === '/' ? Array.from({ length: 20 }, (_, i) => `<a href="/p/${i + 1}">${i + 1}</a>`) : [];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${at}</title>${links.join('')}`);
  });
  dir = await scratch();
  // The base run judges / and /p/1 … /p/9.
  const base = await cli([site.url, '--crawl', '10', '-f', 'json']);
  await writeFile(path.join(dir, 'base.json'), base.stdout);
  const pages = (JSON.parse(base.stdout) as { pages: { url: string }[] }).pages.map((p) => p.url);
  expect(pages).toHaveLength(10);
  expect(pages).toContain(`${site.url}/p/9`);
}, 60_000);
afterAll(() => site.close());

describe('--baseline with --crawl compares only the pages both runs judged', () => {
  it('a crawl that reaches more pages: nothing new, the run passes, and the finding on a page the baseline did not judge is not compared', async () => {
    const text = await cli([site.url, '--crawl', '12', '--baseline', 'base.json'], { cwd: dir });
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /\(0 new, 0 fixed since the baseline; 1 on pages the baseline did not judge, not compared\)/,
    );
    const json = await cli([site.url, '--crawl', '12', '--baseline', 'base.json', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.warnings.filter((w) => w.baseline === 'new')).toEqual([]);
    // Grouped over 12 pages, 10 of which the baseline judged: compared there, unchanged.
    expect(report.warnings.find((w) => w.code === 'NOSNIFF_MISSING')).toMatchObject({ baseline: 'unchanged' });
    // On /p/9 and /p/11: compared on /p/9, which the baseline judged, and unchanged there.
    expect(report.warnings.find((w) => w.code === 'POWERED_BY_EXPOSED')).toMatchObject({
      pages: [`${site.url}/p/9`, `${site.url}/p/11`],
      baseline: 'unchanged',
    });
    const outside = report.warnings.filter((w) => w.baseline === 'not-compared');
    expect(outside.length).toBe(1);
    expect(outside.map((w) => [w.url, w.pages])).toEqual([[`${site.url}/p/11`, undefined]]);
    expect(report.baseline.fixed).toEqual([]);
    const md = await cli([site.url, '--crawl', '12', '--baseline', 'base.json', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toMatch(
      /: 0 introduced, 0 fixed, \d+ unchanged, 1 on pages the baseline did not judge \(not compared\)\./,
    );
  }, 60_000);

  it('a crawl that reaches fewer pages: what the baseline found on pages not judged now is not fixed', async () => {
    const r = await cli([site.url, '--crawl', '8', '--baseline', 'base.json', '-f', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.baseline.fixed).toEqual([]);
    expect(report.warnings.filter((w) => w.baseline !== 'unchanged')).toEqual([]);
  }, 60_000);
});
