import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

describe('the committed Action bundle', () => {
  it('is what npm run bundle builds from the sources (rebuild and commit dist/ after a change)', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'bundle-'));
    await run(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), out], { cwd: ROOT });
    // Every file of the bundle, the entry and its chunks; dist/lib is the npm package's build.
    const files = async (dir: string) => [
      'index.js',
      ...(await readdir(path.join(dir, 'chunks'))).sort().map((name) => `chunks/${name}`),
    ];
    const [freshFiles, committedFiles] = await Promise.all([files(out), files(path.join(ROOT, 'dist'))]);
    expect(committedFiles, 'dist/chunks is out of date: run npm run bundle').toEqual(freshFiles);
    for (const file of freshFiles) {
      const [fresh, committed] = await Promise.all([
        readFile(path.join(out, file), 'utf8'),
        readFile(path.join(ROOT, 'dist', file), 'utf8'),
      ]);
      expect(fresh === committed, `dist/${file} is out of date: run npm run bundle`).toBe(true);
    }
  }, 120_000);
});
