import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotations, bundleFromSources, node24, runAction } from '../helpers/action.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

/** The hardened site without HSTS: HSTS_MISSING (an error) on every page, and nothing else. */
const noHsts: http.RequestListener = (req, res) => {
  const set = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === 'strict-transport-security' ? res : set(name, value);
  hardenedSite(req, res);
};

let site: Served;
let bundle: string;
let node: string[];
beforeAll(async () => {
  site = await serve(noHsts);
  // The bundle built from these sources (dist/ is rebuilt by the lead), run by Node 24.
  bundle = await bundleFromSources('accept');
  node = [await node24()];
}, 300_000);
afterAll(() => site.close());

const config = (until: string) =>
  JSON.stringify({
    paths: ['/', '/legacy/a'],
    accept: [{ code: 'HSTS_MISSING', paths: ['/legacy/**'], reason: 'legacy app, retired in Q1', until }],
  });

describe('the Action with an accept list in the config', () => {
  it('annotates only what counts, shows the accepted finding apart, and suppresses it in SARIF', async () => {
    const run = await runAction({
      node,
      bundle,
      inputs: { url: site.url, 'fail-on': 'error', 'sarif-file': 'results.sarif' },
      files: { 'checksecure.config.json': config('2999-12-31') },
    });
    expect(run.code).toBe(1);
    const hsts = annotations(run.stdout).filter((a) => a.title === 'HSTS_MISSING (hsts)');
    expect(hsts).toHaveLength(1);
    expect(decodeURIComponent(hsts[0]!.message)).toContain(`Seen on ${site.url}/.`);
    expect(run.summary).toContain('<details><summary>1 finding accepted');
    expect(run.summary).toContain(
      `| \`HSTS_MISSING\` | ${site.url}/legacy/a | legacy app, retired in Q1 | 2999-12-31 |`,
    );
    const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
    expect(report.accepted.map((w: { url: string }) => w.url)).toEqual([`${site.url}/legacy/a`]);
    const sarif = JSON.parse(await readFile(run.outputs.sarif!, 'utf8'));
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown }) => r.suppressions);
    expect(suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'HSTS_MISSING',
        properties: expect.objectContaining({ url: `${site.url}/legacy/a` }),
        suppressions: [{ kind: 'external', status: 'accepted', justification: 'legacy app, retired in Q1' }],
      }),
    ]);
  });

  it('an expired acceptance counts again: annotated, and the summary says it expired', async () => {
    const run = await runAction({
      node,
      bundle,
      inputs: { url: site.url, 'fail-on': 'error' },
      files: { 'checksecure.config.json': config('2021-03-31') },
    });
    expect(run.code).toBe(1);
    const hsts = annotations(run.stdout).find((a) => a.title === 'HSTS_MISSING (hsts)')!;
    expect(decodeURIComponent(hsts.message)).toContain(`${site.url}/legacy/a`);
    expect(run.summary).toContain(
      '> accept.0 (HSTS_MISSING, "legacy app, retired in Q1") expired on 2021-03-31: its findings count again',
    );
    expect(run.summary).not.toContain('accepted (by');
  });
});
