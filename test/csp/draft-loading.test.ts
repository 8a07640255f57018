import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/no-playwright');

/** The CLI from the sources, in a process where playwright-core is not installed. */
async function withoutPlaywright(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; imported: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'no-playwright-'));
  const mark = path.join(dir, 'imported');
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        path.join(FIXTURE, 'hide-playwright.mjs'),
        path.join(FIXTURE, 'run.ts'),
        ...args,
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PLAYWRIGHT_MARK: mark }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
  const imported = await readFile(mark, 'utf8').catch(() => '');
  await rm(dir, { recursive: true, force: true });
  return { ...run, imported };
}

describe('playwright-core, an optional peer dependency', () => {
  let site: Served;
  beforeAll(async () => {
    site = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'));
  });
  afterAll(async () => {
    await site?.close();
  });

  it('is never loaded by importing checksecure, a scan, --list or --help', async () => {
    for (const args of [[site.url, '--fail-on', 'never'], ['--list'], ['--help']]) {
      const run = await withoutPlaywright(args);
      expect(run.imported).toBe('');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
  }, 60_000);

  it('is loaded by csp draft, which says in one line how to get it when it is missing', async () => {
    const run = await withoutPlaywright(['csp', 'draft', site.url]);
    expect(run.code).toBe(2);
    expect(run.imported).toBe('playwright-core\n');
    expect(run.stderr).toMatch(
      /^checksecure: csp draft needs playwright-core and a Chromium, and playwright-core is not installed: npm i -D playwright-core, .*\n$/,
    );
  }, 60_000);
});
