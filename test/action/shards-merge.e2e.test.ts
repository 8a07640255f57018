import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotations, node24, pullRequestEvent, runAction, shippedBundle } from '../helpers/action.js';
import { FakeGitHub } from '../helpers/github-api.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// Fan-out, fan-in as a workflow runs it: the shipped bundle on Node 24 in three matrix jobs
// (shard 1/3, 2/3, 3/3) over three local sites, each uploading its JSON report, then a final
// job that downloads them and runs the Action with `merge`: one comment, summary, SARIF file and
// set of annotations for every site, each scanned exactly once, and nothing requested again.

let node: string[];
let bundle: string;
let sites: Served[];
let api: FakeGitHub;

beforeAll(async () => {
  [node, bundle] = [[await node24()], await shippedBundle()];
  sites = [
    await serve((_req, res) => {
      res.setHeader('X-Powered-By', 'Express');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    }),
    await serve(hardenedSite),
    await serve((_req, res) => {
      res.setHeader('Set-Cookie', 'sid=1');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>shop</p>');
    }),
  ];
  api = await new FakeGitHub().start();
}, 300_000);
afterAll(() => Promise.all([...sites.map((s) => s.close()), api.stop()]));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

/** The start page's plain GETs a site got, not the checks' probes. */
const startPages = (site: Served) =>
  site.requests.filter(
    (r) => r.method === 'GET' && r.url === '/' && !r.headers.origin && r.headers.host?.startsWith('127.'),
  ).length;

/**
 * Each of `total` shards of the same inputs run as a matrix job, then the merge job over their
 * reports, as the README's workflow does: the merged run and report, and each shard's file.
 */
async function shardsMerged(inputs: Record<string, string>, total: number) {
  const files: Record<string, string> = {};
  for (let index = 1; index <= total; index++) {
    const shard = await runAction({
      node,
      bundle,
      inputs: { comment: 'false', 'fail-on': 'never', ...inputs, shard: `${index}/${total}` },
    });
    expect(shard.code, shard.stdout).toBe(0);
    files[`shards/${index}/report.json`] = await readFile(shard.outputs.report!, 'utf8');
  }
  const merged = await runAction({
    node,
    bundle,
    inputs: { merge: 'shards/*/report.json', comment: 'false', 'fail-on': 'never' },
    files,
  });
  expect(merged.code, merged.stdout).toBe(0);
  return { files, merged, report: JSON.parse(await readFile(merged.outputs.report!, 'utf8')) };
}

describe('a three-shard matrix, merged in a final job', () => {
  it('scans every site in exactly one shard, and the merge job reports them all once', async () => {
    const url = sites.map((s) => s.url).join('\n');
    const files: Record<string, string> = {};
    const scannedBy: number[][] = [];
    for (const index of [1, 2, 3]) {
      const before = sites.map(startPages);
      const shard = await runAction({
        node,
        bundle,
        inputs: { url, shard: `${index}/3`, comment: 'false', 'fail-on': 'never' },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(shard.code, shard.stdout).toBe(0);
      expect(shard.stdout).toContain(`shard ${index}/3 takes 1 of 3 sites, 1 of 3 URL-path pairs`);
      scannedBy.push(sites.map((s, i) => startPages(s) - before[i]!));
      // What upload-artifact then download-artifact put in the final job's workspace.
      files[`shards/checksecure-shard-${index - 1}/report.json`] = await readFile(
        shard.outputs.report!,
        'utf8',
      );
    }
    expect(api.comments).toEqual([]);
    // Each site had its start page fetched by one shard only.
    for (let site = 0; site < 3; site++)
      expect(
        scannedBy.filter((counts) => counts[site]! > 0),
        `site ${site}`,
      ).toHaveLength(1);

    const requestsBefore = sites.map((s) => s.requests.length);
    const merged = await runAction({
      node,
      bundle,
      inputs: { merge: 'shards/*/report.json', 'sarif-file': 'out/checksecure.sarif' },
      files: { ...files, 'package.json': '{"name":"sites","private":true}' },
      event: pullRequestEvent(),
      api: api.url,
    });
    // Nothing is scanned again in the final job.
    expect(sites.map((s) => s.requests.length)).toEqual(requestsBefore);
    expect(merged.code, merged.stdout).toBe(1);
    expect(merged.stdout).toMatch(/::error::checksecure: \d+ errors and \d+ warnings; fail-on is warning/);

    const report = JSON.parse(await readFile(merged.outputs.report!, 'utf8'));
    expect(report.target).toBe('3 sites');
    expect(report.pages.map((p: { url: string }) => p.url).sort()).toEqual(
      sites.map((s) => `${s.url}/`).sort(),
    );
    const leak = report.warnings.filter((w: { code: string }) => w.code === 'POWERED_BY_EXPOSED');
    expect(leak.map((w: { url: string }) => w.url)).toEqual([`${sites[0]!.url}/`]);
    expect(report.warnings.some((w: { url: string }) => w.url.startsWith(sites[1]!.url))).toBe(false);

    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body).toContain('3 sites');
    expect(body).toContain('POWERED_BY_EXPOSED');
    expect(body).toContain('SESSION_COOKIE');
    expect(merged.summary).toContain('3 sites');
    expect(merged.summary).toContain('POWERED_BY_EXPOSED');

    const sarif = JSON.parse(await readFile(path.join(merged.workspace, 'out/checksecure.sarif'), 'utf8'));
    const urls = new Set(sarif.runs[0].results.map((r: { properties: { url: string } }) => r.properties.url));
    expect(urls).toEqual(new Set([`${sites[0]!.url}/`, `${sites[2]!.url}/`]));
    const codes = annotations(merged.stdout).map((a) => a.title);
    expect(codes.some((t) => t?.includes('POWERED_BY_EXPOSED'))).toBe(true);
    expect(merged.outputs.codes).toContain('POWERED_BY_EXPOSED');
  }, 300_000);

  it("one site's URL-path pairs over two shards: merged, each finding once on the union of its pages, counted as the scan of them all", async () => {
    // HSTS on /a and /c only, X-Powered-By everywhere: HSTS_MISSING is on 2 of the 4 pages.
    const site = await serve((req, res) => {
      if (req.url === '/a' || req.url === '/c')
        res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
      res.setHeader('X-Powered-By', 'Express');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    });
    try {
      const inputs = { url: site.url, paths: '/, /a, /b, /c', comment: 'false', 'fail-on': 'never' };
      const single = await runAction({ node, bundle, inputs });
      expect(single.code, single.stdout).toBe(0);
      const { merged, report } = await shardsMerged(inputs, 2);
      for (const count of ['errors', 'warnings', 'info'])
        expect(merged.outputs[count], count).toBe(single.outputs[count]);
      expect(merged.stdout.match(/HSTS_MISSING .* on 2 of 4 pages\n/g)).toHaveLength(1);
      expect(merged.stdout.match(/POWERED_BY_EXPOSED .* on 4 of 4 pages\n/g)).toHaveLength(1);
      expect(report.target).toBe(site.url);
      expect(report.pages.map((p: { url: string }) => p.url).sort()).toEqual(
        ['/', '/a', '/b', '/c'].map((p) => `${site.url}${p}`),
      );
    } finally {
      await site.close();
    }
  }, 300_000);

  it('shards with nothing to scan count as no site and took no time: three sites over five shards are three sites', async () => {
    const three = await shardsMerged({ url: sites.map((s) => s.url).join('\n') }, 5);
    expect(JSON.parse(three.files['shards/5/report.json']!).target).toBe(
      'nothing: this shard has no URL-path pair',
    );
    expect(three.report.target).toBe('3 sites');
    expect(three.merged.summary).toContain('### checksecure: 3 sites\n');
    // One site's one URL-path pair over two shards: one real, one empty.
    const one = await shardsMerged({ url: sites[0]!.url }, 2);
    expect(one.report.target).toBe(sites[0]!.url);
    expect(one.merged.stdout).toMatch(new RegExp(`^checksecure ${sites[0]!.url}/?\n`, 'm'));
    // The empty shard does not make the total time unknown (0).
    expect(one.report.durationMs).toBeGreaterThan(0);
    expect(one.merged.stdout).toMatch(/ \(\d+ ms\)\n/);
  }, 300_000);

  it('a site that is down among the url lines is listed as not scanned, the others judged, and the shard still writes its report for the merge', async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const shard = await runAction({
      node,
      bundle,
      inputs: { url: `${sites[0]!.url}\n${down}`, shard: '1/1', comment: 'false', 'fail-on': 'error' },
      event: pullRequestEvent(),
      api: api.url,
    });
    // The step fails on the page it could not scan, after writing what it found.
    expect(shard.code, shard.stdout).toBe(1);
    expect(shard.stdout).toMatch(
      new RegExp(`::error::checksecure: (.*; )?pages that could not be scanned: ${down}/`),
    );
    const report = JSON.parse(await readFile(shard.outputs.report!, 'utf8'));
    expect(report.target).toBe('2 sites');
    expect(report.unscanned.map((p: { url: string }) => p.url)).toEqual([`${down}/`]);
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('POWERED_BY_EXPOSED');
    expect(shard.outputs.codes).toContain('POWERED_BY_EXPOSED');
    expect(shard.summary).toContain(down);

    const merged = await runAction({
      node,
      bundle,
      inputs: { merge: 'shards/*/report.json', comment: 'false' },
      files: { 'shards/a/report.json': JSON.stringify(report) },
    });
    expect(merged.code, merged.stdout).toBe(1);
    expect(merged.stdout).toContain(`pages that could not be scanned: ${down}/`);
  }, 120_000);

  it('refuses a merge step that would also scan, and a pattern that matches no report', async () => {
    const both = await runAction({
      node,
      bundle,
      inputs: { merge: 'shards/*/report.json', url: sites[0]!.url },
    });
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(
      "::error::checksecure: input merge: combines the shards' reports and scans nothing; drop url from this step",
    );
    const none = await runAction({ node, bundle, inputs: { merge: 'shards/*/report.json' } });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('::error::checksecure: input merge: shards/*/report.json matches no file');
    const hostile = await runAction({
      node,
      bundle,
      inputs: { merge: 'shards/*/report.json' },
      files: { 'shards/a/report.json': '{"version":1,"target":"x","warnings":"all"}' },
    });
    expect(hostile.code).toBe(1);
    const shardReport = JSON.stringify({
      version: 1,
      target: 'http://127.0.0.1:1',
      warnings: [],
      checks: [],
      pages: [{ url: 'http://127.0.0.1:1/', via: 'start' }],
    });
    const copied = await runAction({
      node,
      bundle,
      inputs: { merge: 'shards/*/report.json' },
      files: { 'shards/a/report.json': shardReport, 'shards/b/report.json': shardReport },
    });
    expect(copied.code).toBe(1);
    expect(copied.stdout).toContain(
      '::error::checksecure: input merge: shards/b/report.json has the same content as shards/a/report.json',
    );
    expect(hostile.stdout).toContain(
      '::error::checksecure: input merge: shards/a/report.json is not a checksecure JSON report: report.warnings is not an array',
    );
  }, 120_000);
});
