import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const read = (file: string) => readFile(new URL(`../${file}`, import.meta.url), 'utf8');

describe("package.json's links (the npm page's Repository, Issues and Homepage)", () => {
  it('name the repository the README and docs tell users to write in `uses:`, the Action being this repository', async () => {
    const pkg = JSON.parse(await read('package.json')) as {
      repository?: { type?: string; url?: string };
      bugs?: { url?: string };
      homepage?: string;
    };
    // The form npm would otherwise rewrite at publish time (with a warning).
    const repository = /^git\+https:\/\/github\.com\/([\w.-]+\/[\w.-]+)\.git$/.exec(
      pkg.repository?.url ?? '',
    );
    expect(pkg.repository?.type).toBe('git');
    expect(repository, `repository.url ${pkg.repository?.url}`).not.toBeNull();
    const slug = repository![1]!;
    expect(pkg.bugs?.url).toBe(`https://github.com/${slug}/issues`);
    expect(pkg.homepage).toBe(`https://github.com/${slug}#readme`);
    const docs = (await readdir(new URL('../docs/', import.meta.url))).filter((f) => f.endsWith('.md'));
    const texts = await Promise.all(['README.md', ...docs.map((f) => `docs/${f}`)].map(read));
    const actionUses = texts
      .flatMap((text) => [...text.matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@/g)])
      .map((m) => m[1]!)
      .filter((repo) => repo.includes('checksecure'));
    expect(actionUses.length).toBeGreaterThan(0);
    expect(new Set(actionUses)).toEqual(new Set([slug]));
  });
});
