import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import { bundleFromSources, runAction, useNode } from '../helpers/action.js';
import { serve, type Served } from '../helpers/server.js';

// The `crawl` input, through the bundle run as the runner runs it (INPUT_CRAWL, the summary
// file, the JSON report output). The bundle is built from this tree into a folder of its own:
// dist/ is rebuilt and committed apart.

let site: Served;
let bundle: string;
beforeAll(async () => {
  useNode([process.execPath]);
  bundle = await bundleFromSources('crawl');
  site = await serve((req, res) => {
    const n = Number(/^\/p(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<a href="/p${n + 1}">next</a> <a href="/sign-out">out</a>`);
  });
}, 120_000);
afterAll(() => site.close());

describe('the crawl input', () => {
  it('crawls up to the number given, lists the pages in the summary and the JSON report, never a logout link', async () => {
    const run = await runAction({ inputs: { url: site.url, crawl: '3', 'fail-on': 'never' }, bundle });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8')) as { pages: { url: string }[] };
    expect(report.pages.map((p) => new URL(p.url).pathname)).toEqual(['/', '/p1', '/p2']);
    expect(run.summary).toContain('<details><summary>crawled 3 pages: 1 start, 2 links</summary>');
    expect(run.stdout).toContain('crawled 3 pages: 1 start, 2 links');
    expect(site.requests.some((r) => r.url === '/sign-out')).toBe(false);
  }, 120_000);

  it('a value that is not true, false or a number fails the step naming the input, before any request', async () => {
    const before = site.requests.length;
    const run = await runAction({ inputs: { url: site.url, crawl: 'lots' }, bundle });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(
      'input crawl: "lots" is not true, false or a number of pages from 1 to 10000 (true means 100)',
    );
    expect(site.requests.length).toBe(before);
  }, 120_000);

  it('parses true, false, a number and nothing', () => {
    const crawl = (value: string) => parseInputs((name) => (name === 'crawl' ? value : '')).crawl;
    expect([crawl('true'), crawl('false'), crawl('50'), crawl('')]).toEqual([true, false, 50, undefined]);
    expect(() => crawl('0')).toThrow('input crawl: "0" is not true');
  });
});
