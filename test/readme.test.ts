import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withCatalogue } from '../scripts/readme-catalogue.js';
import { defaultChecks } from '../src/checks/index.js';

describe('README', () => {
  it('has the catalogue table the registry generates (run npm run docs after changing a check)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withCatalogue(readme));
    for (const check of defaultChecks)
      for (const code of Object.keys(check.messages)) expect(readme).toContain(`\`${code}\``);
  });
});
