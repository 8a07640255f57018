/**
 * A report endpoint takes reports from anyone, so `reports --propose` reads a blockedUrl as
 * hostile text: what it proposes must be a narrow source a reader cannot mistake for another.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cs-hostile-blocked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Proposal {
  policy: string;
  mustChange: { blocked: string; fix: string }[];
}

const proposal = async (blockedUrls: string[]) => {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.jsonl`);
  const lines = blockedUrls.map((blockedUrl, i) =>
    JSON.stringify({
      receivedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      documentUrl: `https://shop.example/p${i}`,
      blockedUrl,
      effectiveDirective: 'script-src-elem',
      originalPolicy: "default-src 'self'",
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  const run = await runCli(['reports', file, '--propose', '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { proposal: Proposal }).proposal;
};

describe('reports --propose with a hostile blockedUrl', () => {
  it('never turns a "*" in a reported host into a wildcard source, and says why it lists it', async () => {
    const { policy, mustChange } = await proposal([
      'https://*.cdn.example/lib.js',
      'https://cdn.example/ok.js',
    ]);
    expect(policy).toContain('https://cdn.example/ok.js');
    expect(policy).not.toContain('*');
    const listed = mustChange.find((m) => m.blocked.startsWith('https://*.cdn.example'));
    expect(listed?.fix).toMatch(/no host source can name it/);
    expect(listed?.fix).toContain('a host with "*"');
  });

  it("escapes a quote in a path, so no source reads as a keyword such as 'unsafe-inline'", async () => {
    const { policy } = await proposal(["https://cdn.example/x,'unsafe-inline'"]);
    expect(policy).toContain('https://cdn.example/x%2C%27unsafe-inline%27');
    expect(policy).not.toContain("'unsafe-inline'");
  });
});
