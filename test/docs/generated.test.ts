import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED, withGenerated } from '../../scripts/docs.js';
import { defaultChecks } from '../../src/index.js';

describe('the generated parts of the docs', () => {
  it.each(GENERATED.map((part) => [part.file, part] as const))(
    '%s is what npm run docs writes from the code (run it after changing a check or the help)',
    async (file, part) => {
      const text = await readFile(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(text).toBe(withGenerated(text, part));
    },
  );

  it('the catalogue names every code of every check', async () => {
    const catalogue = await readFile(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    for (const check of defaultChecks)
      for (const code of Object.keys(check.messages)) expect(catalogue).toContain(`\`${code}\``);
  });
});
