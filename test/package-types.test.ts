import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { installProject, installedVersion, packPackage, sh } from './helpers/pack.js';

/**
 * The packed package's types as users compile them: one fresh install of the tarball, and beside
 * it one TypeScript project per way a user's tsconfig resolves modules (NodeNext in an ESM and in
 * a CommonJS package, Bundler, and the node10 of `module: commonjs`) and per way a test project
 * adds the matcher augmentation (tsconfig `types`, a reference directive, a side-effect import).
 * checksecure/playwright gets one per mode, with @playwright/test installed beside it.
 * Jest and Vitest get separate projects: a program holding both augmentations does not compile
 * (Vitest's Assertion meets two declarations of each matcher), and no user has one.
 */
const FIXTURES = path.join(ROOT, 'test/types/consumer');

const MODES: Record<string, { type?: 'module' | 'commonjs'; compilerOptions: object }> = {
  'nodenext-esm': { type: 'module', compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } },
  'nodenext-cjs': { type: 'commonjs', compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } },
  bundler: { compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } },
  // Named rather than left to `module: commonjs`'s default, so that a TypeScript whose default
  // differs still checks node10.
  node10: { compilerOptions: { module: 'CommonJS', moduleResolution: 'Node10' } },
};
const RUNNERS = ['jest', 'vitest'] as const;
const WAYS: Record<string, (runner: string) => string> = {
  types: () => '',
  reference: (runner: string) => `/// <reference types="checksecure/${runner}" />\n`,
  import: (runner: string) => `import 'checksecure/${runner}';\n`,
};

interface Project {
  /** The project's folder, relative to the install. */
  name: string;
  /** What the user's test file starts with to load the matcher types, if anything. */
  prefix: string;
  file: string;
  types: string[];
}

const projects: Project[] = [];
for (const mode of Object.keys(MODES)) {
  projects.push({ name: `${mode}/api`, prefix: '', file: 'api.ts', types: ['node'] });
  projects.push({ name: `${mode}/playwright`, prefix: '', file: 'playwright.ts', types: ['node'] });
  for (const runner of RUNNERS) {
    for (const [way, prefix] of Object.entries(WAYS)) {
      projects.push({
        name: `${mode}/${runner}-${way}`,
        prefix: prefix(runner),
        file: `${runner}-matchers.ts`,
        types: [
          'node',
          ...(runner === 'jest' ? ['jest'] : []),
          ...(way === 'types' ? [`checksecure/${runner}`] : []),
        ],
      });
    }
  }
}

/** `path(line): error TSnnnn: message` for each line that follows a `// error TSnnnn: message` marker. */
function expectedErrors(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const marker = /^\s*\/\/ error (TS\d+): (.+)$/.exec(line);
    return marker ? [`${file}(${index + 2}): error ${marker[1]}: ${marker[2]}`] : [];
  });
}

describe('the packed package type-checks in fresh TypeScript projects', () => {
  let work: string;
  const expected = new Map<string, string[]>();
  const reported = new Map<string, string[]>();

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'checksecure-types-'));
    const tarball = await packPackage(work);
    const install = path.join(work, 'install');
    const dependencies: Record<string, string> = { checksecure: `file:${tarball}` };
    for (const name of [
      'typescript',
      '@types/node',
      '@types/jest',
      '@jest/globals',
      'vitest',
      '@types/supertest',
      'express',
      '@types/express',
      'fastify',
      'koa',
      '@types/koa',
      '@hapi/hapi',
      '@playwright/test',
    ]) {
      dependencies[name] = await installedVersion(name);
    }
    const installed = await installProject(install, { name: 'types-user', private: true, dependencies });
    expect(installed).not.toMatch(/ERR!/);

    for (const [mode, { type }] of Object.entries(MODES)) {
      await mkdir(path.join(install, mode));
      if (type) await writeFile(path.join(install, mode, 'package.json'), JSON.stringify({ type }));
    }
    for (const project of projects) {
      const dir = path.join(install, project.name);
      const mode = MODES[project.name.split('/')[0]!]!;
      const text = project.prefix + (await readFile(path.join(FIXTURES, project.file), 'utf8'));
      await mkdir(dir);
      await writeFile(path.join(dir, project.file), text);
      await writeFile(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            target: 'ES2022',
            lib: ['ES2023'],
            esModuleInterop: true,
            // As `tsc --init` writes it; the markers' errors show the package's types are read.
            skipLibCheck: true,
            types: project.types,
            ...mode.compilerOptions,
          },
          files: [project.file],
        }),
      );
      expected.set(project.name, expectedErrors(`${project.name}/${project.file}`, text));
    }

    // One build-mode run checks every project and parses each shared declaration file once,
    // which is several times faster than one tsc per project on a loaded machine.
    const tsc = await sh(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '--build',
        '--verbose',
        '--pretty',
        'false',
        ...projects.map((p) => p.name),
      ],
      install,
    );
    let current: string[] | undefined;
    for (const line of tsc.output.split('\n')) {
      const building = /Building project '(.+)[\\/]tsconfig\.json'/.exec(line);
      // Paths are relative to the install, so an error in a declaration file names that file.
      const located = /^(.+?)\((\d+),\d+\): (error TS\d+: .*)$/.exec(line);
      const global = /^(error TS\d+: .*)$/.exec(line);
      if (building) {
        current = [];
        reported.set(path.relative(install, building[1]!).split(path.sep).join('/'), current);
      } else if (located) {
        current?.push(`${located[1]!.split(path.sep).join('/')}(${located[2]}): ${located[3]}`);
      } else if (global) {
        current?.push(global[1]!);
      }
    }
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(projects.map((p) => p.name))('%s', (name) => {
    expect(reported.has(name), `tsc --build did not check ${name}`).toBe(true);
    expect(reported.get(name)).toEqual(expected.get(name));
  });
});
