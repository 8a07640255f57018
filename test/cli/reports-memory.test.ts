import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../helpers/cli.js';
import { writeReportFile } from '../helpers/report-file.js';

// A report file of ~200 MB, read by the built CLI under a 64 MB heap: a reader that holds the
// file, or a map per distinct report, dies of "heap out of memory" long before its end.
const REPORTS = 530_000;

let dir: string;
let file: string;
let bytes: number;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reports-memory-'));
  file = path.join(dir, 'csp.jsonl');
  bytes = await writeReportFile(file, REPORTS);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The built CLI under a 64 MB heap, with its peak resident memory. */
async function small(args: string[]) {
  const peakFile = path.join(dir, `peak-${args.length}`);
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--max-old-space-size=64', '--import', path.join(ROOT, 'test/helpers/peak-memory.mjs'), CLI, ...args],
      {
        env: { PATH: process.env.PATH ?? '', CHECKSECURE_PEAK_FILE: peakFile },
        timeout: 100_000,
        maxBuffer: 1 << 20,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
  return { ...result, peakMiB: Number(await readFile(peakFile, 'utf8').catch(() => 'NaN')) / 1024 };
}

describe('checksecure reports on a 200 MB file under a 64 MB heap', () => {
  it('summarises it and proposes from it, in bounded memory', async () => {
    expect(bytes).toBeGreaterThan(200 * 1024 * 1024);
    const [summary, proposal] = await Promise.all([
      small(['reports', file]),
      small(['reports', file, '--propose', '--preview']),
    ]);
    expect(summary.stderr).toBe('');
    expect(summary).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^530000 CSP violation reports in /),
    });
    expect(proposal.stderr).toBe('');
    expect(proposal.code).toBe(0);
    expect(proposal.stdout).toContain('530,000 CSP violation reports in');
    expect(proposal.stdout).toContain('dropped 132,500 of 530,000: 26,500 browser extensions');
    expect(proposal.stdout).toContain('If the proposed policy were enforced: 2 pages would break');
    // The heap is capped at 64 MB; what else the process takes (code, buffers) stays well under 200.
    expect(summary.peakMiB).toBeLessThan(200);
    expect(proposal.peakMiB).toBeLessThan(200);
  }, 120_000);
});
