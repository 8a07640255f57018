// CONTRIBUTING.md's "where to add" table names the files a change touches: each must exist, so the
// table cannot keep pointing at a file that was moved or merged away.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);
const CONTRIBUTING = readFileSync(new URL('CONTRIBUTING.md', ROOT), 'utf8');

/** The repository paths in the table's cells; `<name>` stands for the new file, so its folder is checked. */
function tablePaths(text: string): string[] {
  const start = text.indexOf('\n## Where to add\n');
  const rows = text
    .slice(start, text.indexOf('\n## ', start + 1))
    .split('\n')
    .filter((line) => line.startsWith('| a '));
  return rows.flatMap((row) =>
    [...row.matchAll(/`([^`\s]+\/[^`\s]*)`/g)].map((m) => m[1]!.replace(/\/?[^/]*<[^>]+>.*$/, '/')),
  );
}

describe('CONTRIBUTING.md', () => {
  it('has the two commands a contributor needs', () => {
    expect(CONTRIBUTING).toContain('npm ci && npm test');
    expect(CONTRIBUTING).toMatch(/^npm start /m);
    expect(CONTRIBUTING).toContain('`npm run bundle`');
  });

  it('says where to add a check, a middleware part, a matcher, a report format, an adapter and a parser', () => {
    const kinds = [...CONTRIBUTING.matchAll(/^\| (a [^|]+?) +\|/gm)].map((m) => m[1]);
    expect(kinds).toEqual([
      'a check',
      'a middleware part',
      'a matcher',
      'a report format',
      'a target adapter (framework)',
      'a header parser',
    ]);
  });

  it('names only files and folders that exist', () => {
    const paths = tablePaths(CONTRIBUTING);
    expect(paths.length).toBeGreaterThan(15);
    for (const path of paths) expect(existsSync(new URL(path, ROOT)), path).toBe(true);
  });
});
