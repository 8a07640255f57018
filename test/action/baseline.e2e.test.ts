import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { annotations, node24, pullRequestEvent, runAction, shippedBundle } from '../helpers/action.js';
import { FakeGitHub } from '../helpers/github-api.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// The baseline as a workflow uses it, the bundle run as the runner runs it: the base branch's
// run writes its JSON report (the `report` output), the pull request's run is given that file as
// `baseline`. Between the two, the site changes as a pull request would: X-Powered-By gone from /
// (fixed), nosniff dropped on / (introduced), X-Powered-By kept on /b (unchanged).

interface Phase {
  poweredBy: string[];
  noSniffOff: string[];
}
const BASE: Phase = { poweredBy: ['/', '/b'], noSniffOff: [] };
const HEAD: Phase = { poweredBy: ['/b'], noSniffOff: ['/'] };

function phased(phase: () => Phase): http.RequestListener {
  return (req, res) => {
    const p = phase();
    const at = req.url ?? '';
    const set = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      name.toLowerCase() === 'x-content-type-options' && p.noSniffOff.includes(at) ? res : set(name, value);
    if (p.poweredBy.includes(at)) set('x-powered-by', 'Express');
    hardenedSite(req, res);
  };
}

let phase = BASE;
let site: Served;
let api: FakeGitHub;
let node: string[];
let bundle: string;
let baseReport: string;
let headReport: string;

const run = (options: Parameters<typeof runAction>[0]) => runAction({ node, bundle, ...options });
const inputs = () => ({ url: site.url, paths: '/, /b' });
/** The annotations of findings: the step's own (its failure, notices) have no code as title. */
const findingTitles = (stdout: string) =>
  annotations(stdout)
    .map((a) => a.title ?? '')
    .filter((title) => /^[A-Z_]+ \(/.test(title));

beforeAll(async () => {
  [node, bundle] = [[await node24()], await shippedBundle()];
  site = await serve(phased(() => phase));
  api = await new FakeGitHub().start();
  // The base branch's run, on push: its JSON report is what a workflow would save.
  phase = BASE;
  const base = await run({ inputs: { ...inputs(), 'fail-on': 'never' } });
  expect(base.code, base.stdout).toBe(0);
  baseReport = await readFile(base.outputs.report!, 'utf8');
  phase = HEAD;
  const head = await run({ inputs: { ...inputs(), 'fail-on': 'never' } });
  headReport = await readFile(head.outputs.report!, 'utf8');
}, 300_000);
afterAll(() => Promise.all([site.close(), api.stop()]));
afterEach(() => api.reset());

describe('the Action with a baseline', () => {
  it('comments what the pull request fixed and introduced, annotates and fails on the new finding only', async () => {
    const r = await run({
      inputs: { ...inputs(), baseline: 'base/report.json' },
      files: { 'base/report.json': baseReport },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(r.code, r.stdout).toBe(1);
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect(body).toContain('1 introduced, 1 fixed, 1 unchanged.');
    expect(body).toContain(`**Introduced (1):**\n- 🟠 \`NOSNIFF_MISSING\` on ${site.url}/: `);
    expect(body).toContain(`**Fixed (1):**\n- ✅ \`POWERED_BY_EXPOSED\` (infoLeak) on ${site.url}/\n`);
    expect(body).toContain('| `NOSNIFF_MISSING` 🆕 |');
    expect(r.summary).toContain('1 introduced, 1 fixed, 1 unchanged.');
    expect(findingTitles(r.stdout)).toEqual(['NOSNIFF_MISSING (noSniff)']);
    expect(r.outputs).toMatchObject({
      new: '1',
      fixed: '1',
      warnings: '2',
      codes: expect.stringContaining('POWERED_BY_EXPOSED'),
    });
    expect(r.stdout).toMatch(/^::error::checksecure: 0 new errors and 1 new warnings; fail-on is warning$/m);
    // The JSON report the step writes says the same, for the next step or an artifact.
    const json = JSON.parse(await readFile(r.outputs.report!, 'utf8')) as {
      warnings: { code: string; baseline: string }[];
      baseline: { fixed: { code: string; url: string }[] };
    };
    expect(json.warnings.map((w) => [w.code, w.baseline]).sort()).toEqual([
      ['NOSNIFF_MISSING', 'new'],
      ['POWERED_BY_EXPOSED', 'unchanged'],
    ]);
    expect(json.baseline.fixed.map((w) => [w.code, w.url])).toEqual([['POWERED_BY_EXPOSED', `${site.url}/`]]);
  }, 120_000);

  it('passes when the pull request introduces nothing, though findings remain', async () => {
    const r = await run({
      inputs: { ...inputs(), baseline: 'head.json' },
      files: { 'head.json': headReport },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(findingTitles(r.stdout)).toEqual([]);
    expect(r.outputs).toMatchObject({ new: '0', fixed: '0', warnings: '2' });
    expect(api.comments[0]!.body).toContain('0 introduced, 0 fixed, 2 unchanged.');
  }, 120_000);

  it('a shard with nothing to scan judged no page: it fixed nothing and introduced nothing', async () => {
    // Three sites dealt over ten jobs: shard 5/10 takes none. The sites past the first are
    // never requested, so nothing needs to listen there.
    const url = [site.url, 'http://127.0.0.1:9', 'http://127.0.0.1:10'].join('\n');
    const r = await run({
      inputs: { url, paths: '/, /b', shard: '5/10', baseline: 'base/report.json' },
      files: { 'base/report.json': baseReport },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('shard 5/10 takes 0 of 3 sites');
    expect(r.outputs).toMatchObject({ new: '0', fixed: '0', warnings: '0' });
    expect(r.stdout).not.toContain('Fixed since the baseline');
    const json = JSON.parse(await readFile(r.outputs.report!, 'utf8')) as {
      pages: unknown[];
      baseline: { fixed: unknown[] };
    };
    expect(json.pages).toEqual([]);
    expect(json.baseline.fixed).toEqual([]);
    expect(api.comments).toEqual([]);
  }, 120_000);

  it('a shard with nothing to scan fixed nothing, and the shards merged list only what a shard found gone', async () => {
    // Two URL-path pairs over three shards: the third has none.
    const files: Record<string, string> = {};
    for (const index of [1, 2, 3]) {
      const shard = await run({
        inputs: {
          ...inputs(),
          shard: `${index}/3`,
          baseline: 'base/report.json',
          comment: 'false',
          'fail-on': 'never',
        },
        files: { 'base/report.json': baseReport },
      });
      expect(shard.code, shard.stdout).toBe(0);
      if (index === 3) expect(shard.outputs).toMatchObject({ new: '0', fixed: '0' });
      files[`shards/${index}/report.json`] = await readFile(shard.outputs.report!, 'utf8');
    }
    const empty = JSON.parse(files['shards/3/report.json']!) as { baseline: { fixed: unknown[] } };
    expect(empty.baseline.fixed).toEqual([]);
    const merged = await run({
      inputs: { merge: 'shards/*/report.json', comment: 'false', 'fail-on': 'never' },
      files,
    });
    expect(merged.outputs).toMatchObject({ new: '1', fixed: '1' });
    const json = JSON.parse(await readFile(merged.outputs.report!, 'utf8')) as {
      baseline: { fixed: { code: string; url: string; pages?: string[] }[] };
    };
    // X-Powered-By is still sent on /b: only / is fixed.
    expect(json.baseline.fixed.map((w) => [w.code, w.url, w.pages])).toEqual([
      ['POWERED_BY_EXPOSED', `${site.url}/`, undefined],
    ]);
  }, 120_000);

  it('a baseline that is not there: a notice, and the run without comparison', async () => {
    const r = await run({ inputs: { ...inputs(), baseline: 'base/report.json' } });
    expect(r.stdout).toMatch(
      /^::notice::checksecure: input baseline: "base\/report\.json" does not exist, so every finding is reported, with nothing compared/m,
    );
    expect(r.code).toBe(1);
    expect(findingTitles(r.stdout).sort()).toEqual([
      'NOSNIFF_MISSING (noSniff)',
      'POWERED_BY_EXPOSED (infoLeak)',
    ]);
    expect(r.outputs).toMatchObject({ new: '', fixed: '' });
    expect(r.summary).not.toContain('introduced');
  }, 120_000);

  it('a corrupt baseline, or one outside the workspace, fails the step before any request', async () => {
    const before = site.requests.length;
    const corrupt = await run({
      inputs: { ...inputs(), baseline: 'base.json' },
      files: { 'base.json': baseReport.slice(0, 100) },
    });
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toMatch(
      /^::error::checksecure: input baseline: "base\.json" is not JSON: give a report written with --format json$/m,
    );
    const foreign = await run({
      inputs: { ...inputs(), baseline: 'base.json' },
      files: { 'base.json': JSON.stringify({ version: '2.1.0', runs: [] }) },
    });
    expect(foreign.stdout).toMatch(
      /^::error::checksecure: input baseline: "base\.json" is not a checksecure JSON report \(written by --format json\)$/m,
    );
    const outside = await run({ inputs: { ...inputs(), baseline: '../../etc/passwd' } });
    expect(outside.code).toBe(1);
    expect(outside.stdout).toMatch(
      /^::error::checksecure: input baseline: "\.\.\/\.\.\/etc\/passwd" is outside the workspace$/m,
    );
    expect(site.requests.length).toBe(before);
  }, 120_000);

  it('a FIFO as baseline fails the step as not a file, without waiting for a writer', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'checksecure-fifo-'));
    execFileSync('mkfifo', [path.join(workspace, 'base.json')]);
    const before = site.requests.length;
    const r = await run({ inputs: { ...inputs(), baseline: 'base.json' }, workspace });
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toMatch(/^::error::checksecure: input baseline: "base\.json" is not a file$/m);
    expect(site.requests.length).toBe(before);
  }, 60_000);
});
