import type http from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProject, packPackage, sh } from '../helpers/pack.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

/** The hardened site without HSTS: HSTS_MISSING (an error) on every page, and nothing else. */
const noHsts: http.RequestListener = (req, res) => {
  const set = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === 'strict-transport-security' ? res : set(name, value);
  hardenedSite(req, res);
};

/**
 * The accept list as a user has it: the packed package installed in a fresh project, a
 * TypeScript config, the installed bin against a real server.
 */
describe('accept in a fresh project with the packed package', () => {
  let work: string;
  let project: string;
  let site: Served;

  beforeAll(async () => {
    site = await serve(noHsts);
    work = await mkdtemp(path.join(tmpdir(), 'checksecure-accept-'));
    const tarball = await packPackage(work);
    project = path.join(work, 'project');
    const installed = await installProject(project, {
      name: 'accept-user',
      private: true,
      type: 'module',
      dependencies: { checksecure: `file:${tarball}` },
    });
    expect(installed).not.toMatch(/ERR!/);
  }, 300_000);
  afterAll(async () => {
    await site?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const config = (until: string) => `import { defineConfig, type Acceptance } from 'checksecure';

const accept: Acceptance[] = [
  { code: 'HSTS_MISSING', paths: ['/legacy/**'], reason: 'legacy app, retired in Q1', until: '${until}' },
];

export default defineConfig({ target: '${site.url}', paths: ['/', '/legacy/a'], accept });
`;
  const bin = () => path.join(project, 'node_modules/.bin/checksecure');

  it('accepts under paths until the date, then counts the finding again with a note', async () => {
    await writeFile(path.join(project, 'checksecure.config.ts'), config('2999-12-31'));
    const current = await sh(bin(), ['-v', '2', '--fail-on', 'error'], project);
    expect(current.output).toContain('Found 1 errors');
    expect(current.output).toContain(`Accepted\n  HSTS_MISSING error on ${site.url}/legacy/a\n`);
    expect(current.output).toContain('    reason: legacy app, retired in Q1 (until 2999-12-31)\n');

    await writeFile(path.join(project, 'checksecure.config.ts'), config('2024-05-31'));
    const expired = await sh(bin(), ['-f', 'json'], project);
    expect(expired.code).toBe(1);
    const report = JSON.parse(expired.output);
    // Counted again on both pages: one finding with its pages (findings per site).
    expect(report.warnings.map((w: { url: string; pages?: string[] }) => w.pages ?? [w.url])).toEqual([
      [`${site.url}/`, `${site.url}/legacy/a`],
    ]);
    expect(report.accepted).toEqual([]);
    expect(report.notes).toContain(
      'accept.0 (HSTS_MISSING, "legacy app, retired in Q1") expired on 2024-05-31: its findings count again',
    );
  });

  it('a misspelt code fails at setup with the nearest code', async () => {
    await writeFile(
      path.join(project, 'checksecure.config.ts'),
      config('2999-12-31').replace("code: 'HSTS_MISSING'", "code: 'HSTS_MISING'"),
    );
    const run = await sh(bin(), [], project);
    expect(run.code).toBe(2);
    expect(run.output).toBe(
      'checksecure: checksecure.config.ts: accept.0.code: "HSTS_MISING" is not a code of any enabled check (see --list) (did you mean HSTS_MISSING?)\n',
    );
  });
});
