import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultChecks, type Check } from '../src/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = path.join(ROOT, 'src/checks');
const TESTS = path.join(ROOT, 'test/checks');

/**
 * Every module under src/checks, loaded: a check's source file is the one that exports the very
 * object in defaultChecks, so a check whose name does not match its file is still found.
 */
const modules = await Promise.all(
  readdirSync(SOURCES)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map(async (file) => ({
      file,
      exports: Object.values((await import(pathToFileURL(path.join(SOURCES, file)).href)) as object),
    })),
);

const sourceOf = (check: Check) =>
  modules.filter((m) => m.exports.includes(check)).map((m) => m.file.replace(/\.ts$/, ''));

describe('every default check has a test file of its own', () => {
  it.each(defaultChecks.map((check) => [check.name, check] as const))(
    '%s: test/checks/<its source file>.test.ts exists and names every code it declares',
    (name, check) => {
      const homes = sourceOf(check);
      expect(homes, `${name} is defined in no module of src/checks, or in several`).toHaveLength(1);
      const testFile = path.join(TESTS, `${homes[0]}.test.ts`);
      expect(
        existsSync(testFile),
        `${name} is defined in src/checks/${homes[0]}.ts but has no test/checks/${homes[0]}.test.ts`,
      ).toBe(true);
      // Naming a code is no proof that a site earns it, but a code the file never names is
      // certainly not tested there.
      const text = readFileSync(testFile, 'utf8');
      const unnamed = Object.keys(check.messages).filter((code) => !text.includes(code));
      expect(unnamed, `test/checks/${homes[0]}.test.ts never names these codes of ${name}`).toEqual([]);
    },
  );
});
