import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

// --crawl [N] and its globs as a user types them, on the built CLI against a real server.

const HTML = { 'content-type': 'text/html; charset=utf-8' };
let site: Served;
beforeAll(async () => {
  site = await serve((req, res) => {
    const path = req.url ?? '/';
    if (path === '/sitemap.xml')
      return void res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end('<urlset><url><loc>/mapped</loc></url></urlset>');
    if (path === '/robots.txt') return void res.writeHead(404).end();
    const n = Number(/^\/p(\d+)$/.exec(path)?.[1] ?? 0);
    res
      .writeHead(200, HTML)
      .end(`<a href="/p${n + 1}">next</a> <a href="/admin/p${n}">admin</a> <a href="/logout">out</a>`);
  });
});
afterAll(() => site.close());

const pagesOf = (stdout: string) => (JSON.parse(stdout) as { pages: { url: string; via: string }[] }).pages;

describe('--crawl on the command line', () => {
  it.each([
    [
      '--crawl 0',
      ['--crawl', '0'],
      '--crawl: "0" is not a number of pages from 1 to 10000 (or give --crawl alone for 100)',
    ],
    [
      '--crawl -3',
      ['--crawl', '-3'],
      '--crawl: "-3" is not a number of pages from 1 to 10000 (or give --crawl alone for 100)',
    ],
    [
      '--crawl abc',
      ['--crawl', 'abc'],
      '--crawl: "abc" is not a number of pages from 1 to 10000 (or give --crawl alone for 100)',
    ],
    [
      '--crawl 1e9',
      ['--crawl', '1e9'],
      '--crawl: "1e9" is not a number of pages from 1 to 10000 (or give --crawl alone for 100)',
    ],
    [
      '--crawl=2.5',
      ['--crawl=2.5'],
      '--crawl: "2.5" is not a number of pages from 1 to 10000 (or give --crawl alone for 100)',
    ],
    [
      '--crawl twice',
      ['--crawl', '--crawl=5'],
      '--crawl is given 2 times; pass it once (only the last would count)',
    ],
    [
      '--crawl-exclude without --crawl',
      ['--crawl-exclude', '/admin/**'],
      '--crawl-exclude selects the pages a crawl follows: add --crawl (or crawl in the config)',
    ],
    [
      'a relative glob',
      ['--crawl', '--crawl-include', 'blog/**'],
      '--crawl-include: "blog/**" must be a glob on the URL path that starts with "/" (e.g. "/blog/**")',
    ],
    [
      'a glob that is not a path, after a valid one',
      ['--crawl', '--crawl-exclude', '/admin/**', '--crawl-exclude', '['],
      '--crawl-exclude: "[" must be a glob on the URL path that starts with "/" (e.g. "/blog/**")',
    ],
  ])('%s is a usage error (exit 2) naming the flag, before any request', async (_name, flags, message) => {
    const before = site.requests.length;
    const r = await cli([site.url, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`checksecure: ${message}\n`);
    expect(site.requests.length).toBe(before);
  });

  it('--crawl N before the URL, --crawl=N, and a bare --crawl before the URL or a flag', async () => {
    const n = pagesOf((await cli(['--crawl', '4', site.url, '-f', 'json'])).stdout);
    expect(n).toHaveLength(4);
    expect(pagesOf((await cli([site.url, '--crawl=3', '-f', 'json'])).stdout)).toHaveLength(3);
    const bare = await cli(['--crawl', site.url, '-f', 'json', '--crawl-exclude', '/admin/**']);
    expect(bare.code, bare.stderr).not.toBe(2);
    const pages = pagesOf(bare.stdout);
    expect(pages).toHaveLength(100);
    expect(pages.some((p) => p.url.includes('/admin/') || p.url.endsWith('/logout'))).toBe(false);
    const last = await cli([site.url, '-f', 'json', '--crawl']);
    expect(pagesOf(last.stdout)).toHaveLength(100);
    expect(site.requests.some((r) => r.url === '/logout')).toBe(false);
  }, 60_000);

  it('the text report says what was crawled at -v 1, lists the pages at -v 2, and notes the limit', async () => {
    const v1 = await cli([site.url, '--crawl', '3', '--crawl-include', '/p*']);
    expect(v1.stdout).toContain(`checksecure ${site.url}/\n  crawled 3 pages: 1 start, 2 links\n`);
    expect(v1.stdout).toContain(
      '  note: the crawl stopped at its limit of 3 pages: pages it found were left unvisited (raise the limit: --crawl N, or crawl: { pages: N })\n',
    );
    const v2 = await cli([site.url, '--crawl', '3', '--crawl-include', '/p*', '-v', '2']);
    expect(v2.stdout).toContain(
      `  crawled 3 pages: 1 start, 2 links\n    ${site.url}/ (start)\n    ${site.url}/p1 (link from ${site.url}/)\n    ${site.url}/p2 (link from ${site.url}/p1)\n`,
    );
  }, 60_000);

  it('SARIF carries the crawl’s notes as the run’s notifications', async () => {
    const r = await cli([site.url, '--crawl', '3', '--crawl-include', '/p*', '-f', 'sarif']);
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
      }[];
    };
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications).toContainEqual({
      level: 'note',
      message: {
        text: 'the crawl stopped at its limit of 3 pages: pages it found were left unvisited (raise the limit: --crawl N, or crawl: { pages: N })',
      },
    });
  }, 60_000);

  it("markdown collapses the list of pages; the config's crawl is taken, and --crawl N overrides its number", async () => {
    const dir = await scratch({
      'checksecure.config.json': JSON.stringify({
        target: site.url,
        crawl: { pages: 2, exclude: ['/admin/**'] },
      }),
    });
    const md = await cli(['-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain(
      `<details><summary>crawled 2 pages: 1 start, 1 link</summary>\n\n- ${site.url}/ (start)\n- ${site.url}/p1 (link from ${site.url}/)\n\n</details>\n`,
    );
    const json = await cli(['-f', 'json', '--crawl', '5', '--crawl-include', '/p*'], { cwd: dir });
    expect(pagesOf(json.stdout).map((p) => new URL(p.url).pathname)).toEqual([
      '/',
      '/p1',
      '/p2',
      '/p3',
      '/p4',
    ]);
  }, 60_000);
});
