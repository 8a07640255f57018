import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installPacked,
  packageSurface,
  type EntrySurface,
  type InstalledPackage,
} from './helpers/package-surface.js';

const run = promisify(execFile);

// What a build tool change must keep: the files package.json names, and for every subpath the same
// names to `import`, to `require` (with require(esm) off, as under Jest) and in both declaration
// files. Checked on the packed tarball, as a project that installed it would see it.
describe('the built package, as installed from its tarball', () => {
  let pkg: InstalledPackage;
  let entries: Record<string, EntrySurface>;
  let diagnostics: string[];

  beforeAll(async () => {
    pkg = await installPacked();
    ({ entries, diagnostics } = await packageSurface(pkg));
  }, 180_000);

  afterAll(async () => {
    if (pkg) await rm(pkg.dir, { recursive: true, force: true });
  });

  const own = (file: string) => path.join(pkg.dir, 'node_modules/checksecure', file);

  it('has every file package.json points to', () => {
    const targets = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Object.values(value as object).flatMap(targets);
    const { main, module, types, exports, bin } = pkg.manifest;
    const files = [main, module, types, ...targets(exports), ...targets(bin)];
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((file) => !existsSync(own(file)))).toEqual([]);
  });

  it('gives each subpath the same names to import and to require, and declares exactly those values', () => {
    expect(Object.keys(entries).sort()).toEqual(
      [
        '.',
        './middleware',
        './matchers',
        './vitest',
        './jest',
        './fastify',
        './koa',
        './hapi',
        './fetch',
        './playwright',
      ].sort(),
    );
    for (const [subpath, surface] of Object.entries(entries)) {
      expect(surface.esm.length, subpath).toBeGreaterThan(0);
      expect(surface.dtsValues, subpath).toEqual(surface.esm);
      // Vitest itself cannot be require()d: its CommonJS entry fails on Vitest, never on one of ours.
      if (subpath === './vitest')
        expect(surface.cjs).toEqual({ error: expect.stringMatching(/^Error: Vitest cannot be imported/) });
      else {
        expect(surface.cjs, subpath).toEqual(surface.esm);
        // As esbuild's CommonJS marks it: `import x from` compiled to require() gets no default.
        expect(surface.cjsEsModule, subpath).toBe(true);
      }
    }
  });

  it('declares the same names, types included, to ESM and to CommonJS compilations', () => {
    for (const [subpath, surface] of Object.entries(entries)) {
      expect(surface.dts.length, subpath).toBeGreaterThanOrEqual(surface.dtsValues.length);
      expect(surface.dcts, subpath).toEqual(surface.dts);
    }
  });

  it('has declarations that compile under NodeNext without skipLibCheck', () => {
    expect(diagnostics).toEqual([]);
  });

  it('ships the command line as ESM only, with its shebang, runnable by path', async () => {
    const bin = own(pkg.manifest.bin.checksecure!);
    expect(path.extname(bin)).toBe('.js');
    expect(JSON.parse(await readFile(own('package.json'), 'utf8')).type).toBe('module');
    expect((await readFile(bin, 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(existsSync(bin.replace(/\.js$/, '.cjs'))).toBe(false);
    const { stdout } = await run(bin, ['--version'], { cwd: pkg.dir });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
