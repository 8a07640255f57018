import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsidePathsInCode, outsidePathsInJson } from './helpers/outside-paths.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Every file of the test suite that code or configuration is read from, repository-relative. */
function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || rel === 'test/.tmp' ? [] : testFiles(rel);
    return /\.(?:[cm]?[jt]s|json)$/.test(entry.name) ? [rel] : [];
  });
}

const scanFile = (file: string) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return file.endsWith('.json') ? outsidePathsInJson(file, text, ROOT) : outsidePathsInCode(file, text, ROOT);
};

describe('no test reads outside the repository', () => {
  // This file's own samples name outside paths on purpose: they are handed to the scan as text.
  const files = [...testFiles('test'), 'vitest.config.ts'].filter((f) => f !== 'test/repo-paths.test.ts');

  it('finds the test files it guards', () => {
    expect(files).toContain('test/registry.test.ts');
    expect(files).toContain('test/types/vitest5/tsconfig.json');
    expect(files.filter((f) => f.includes('node_modules'))).toEqual([]);
  });

  it('no test file names a path outside the repository root (copy what a test needs into test/fixtures)', () => {
    expect(files.flatMap(scanFile)).toEqual([]);
  });
});

describe('the scan behind that guard', () => {
  const code = (text: string, file = 'test/checks/x.test.ts') =>
    outsidePathsInCode(file, text, '/repo').map((f) => f.text);

  it('finds the catalogue test as it once read the founding copy beside the checkout', () => {
    const before = `const catalogues = ['../CHECKS.md', '../../shared/CHECKS.md'].filter((path) =>
      existsSync(new URL(path, import.meta.url)),
    );`;
    expect(code(before, 'test/registry.test.ts')).toEqual(['../../shared/CHECKS.md']);
  });

  it.each([
    ["readFileSync('/work/shared/CHECKS.md', 'utf8')", '/work/shared/CHECKS.md'],
    ["await readFile('C:\\\\work\\\\shared\\\\x.md')", 'C:\\work\\shared\\x.md'],
    ["path.join(ROOT, '..', 'shared')", '..'],
    ["path.resolve(root, '../shared/x.md')", '../shared/x.md'],
    ["import data from '../../../other/data.js';", '../../../other/data.js'],
    ["await import('/home/alice/project/src/index.js')", '/home/alice/project/src/index.js'],
    ["new URL('file:///work/shared/x.md')", 'file:///work/shared/x.md'],
    ["execFile('node', [], { cwd: '/srv/checkout' })", '/srv/checkout'],
    ['const p = `${ROOT}/../shared/x.md`;', '`${ROOT}/../shared/x.md`'],
  ])('flags %s', (text, flagged) => {
    expect(code(text)).toEqual([flagged]);
  });

  it.each([
    ["new URL('../../CHECKS.md', import.meta.url)", 'the repository, from a file two levels down'],
    ["import { scan } from '../../src/index.js';", 'an import inside the repository'],
    ["path.join(ROOT, 'test/fixtures/tls/localhost-key.pem')", 'a fixture'],
    ["request(app).get('/home/')", 'a URL path'],
    ["fetch('/public/../members/report.txt')", 'a URL path with a dot segment'],
    ["const page = 'http://h/a/../b?x#f';", 'a URL'],
    ["res.writeHead(302, { location: 'file:///etc/passwd' })", 'a file: URL as data'],
    ["res.end('Error: boom\\n    at Object.<anonymous> (/srv/app/index.js:10:5)')", 'a stack trace'],
    ["mw.jsonlSink('/tmp/x.jsonl', options)", 'an argument of a function that is not a file call'],
    ['// copied from ../../../shared/CHECKS.md\nconst a = 1;', 'a comment (a note of origin)'],
    [
      "// outside-repo: a hostile input the Action must refuse, never read\nconst input = '../../../../etc/passwd';",
      'a literal marked as data',
    ],
  ])('passes %s (%s)', (text) => {
    expect(code(text)).toEqual([]);
  });

  it('reads JSON: a tsconfig may point into the repository, not out of it', () => {
    const json = (value: object) =>
      outsidePathsInJson('test/types/vitest5/tsconfig.json', JSON.stringify(value), '/repo').map(
        (f) => f.text,
      );
    expect(json({ compilerOptions: { paths: { x: ['../../../dist/lib/vitest.d.ts'] } } })).toEqual([]);
    expect(json({ extends: '../../../../tsconfig.base.json' })).toEqual(['../../../../tsconfig.base.json']);
    expect(json({ files: ['/work/shared/types.ts'] })).toEqual(['/work/shared/types.ts']);
    expect(json({ description: 'see /work/shared', pattern: '^/x/' })).toEqual([]);
  });
});
