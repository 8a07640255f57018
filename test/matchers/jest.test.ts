import { execFile } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/jest-cjs');

describe('checksecure/jest in a CommonJS Jest project', () => {
  beforeAll(async () => {
    // The fixture resolves `checksecure` as an installed package would: through its exports map.
    await mkdir(path.join(FIXTURE, 'node_modules'), { recursive: true });
    await rm(path.join(FIXTURE, 'node_modules/checksecure'), { force: true });
    await symlink(ROOT, path.join(FIXTURE, 'node_modules/checksecure'), 'dir');
  });

  it('runs every matcher, passing and failing, under real Jest with jest-extended beside it', async () => {
    const result = await new Promise<{ code: number; output: string }>((resolve) =>
      execFile(
        process.execPath,
        [
          path.join(ROOT, 'node_modules/jest/bin/jest.js'),
          '--ci',
          '--colors=false',
          '--config',
          'jest.config.js',
        ],
        { cwd: FIXTURE, env: { ...process.env, FORCE_COLOR: '0', NODE_ENV: 'test' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
      ),
    );
    expect(result.output).toMatch(/Tests:\s+8 passed, 8 total/);
    expect(result.output).toMatch(/Snapshots:\s+4 passed, 4 total/);
    expect(result.code).toBe(0);
  }, 120_000);
});
