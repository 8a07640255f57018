import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckError, TargetError } from '../../src/core/errors.js';
import { runChecks } from '../../src/core/scan.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { HOSTILE, startHostile } from '../helpers/hostile-servers.js';

const TIMEOUT_S = 1;
const PEAK_LIMIT_MIB = 200;
// The CLI's own bound, with room for a cold start on a loaded 2-core machine: a scan sends
// several rounds of requests, each bounded by the timeout.
const WALL_LIMIT_MS = 15_000;

/** Runs the built CLI against a URL, measuring its peak memory through a preload. */
async function cliRun(url: string) {
  const peakFile = path.join(await mkdtemp(path.join(tmpdir(), 'peak-')), 'kib');
  const started = Date.now();
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ['--import', path.join(ROOT, 'test/helpers/peak-memory.mjs'), CLI, url, '--timeout', String(TIMEOUT_S)],
      {
        env: { PATH: process.env.PATH ?? '', CHECKSECURE_PEAK_FILE: peakFile },
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    ),
  );
  const peakMiB = Number(await readFile(peakFile, 'utf8')) / 1024;
  return { ...result, ms: Date.now() - started, peakMiB };
}

describe('every hostile server, scanned by the CLI: exit 1 or 2, a clear line, no stack, bounded memory', () => {
  for (const h of HOSTILE) {
    it(
      h.name,
      async () => {
        const server = await startHostile(h);
        try {
          const run = await cliRun(server.url);
          expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
          expect(run.stderr).not.toMatch(/unexpected error/);
          expect(run.ms).toBeLessThan(WALL_LIMIT_MS);
          expect(run.peakMiB).toBeLessThan(PEAK_LIMIT_MIB);
          if (h.ends === 'target') {
            expect(run.code).toBe(2);
            expect(run.stdout).toBe('');
            expect(run.stderr.trim().split('\n')).toHaveLength(1);
            expect(run.stderr).toMatch(/^checksecure: /);
            expect(run.stderr).toMatch(h.message!);
          } else {
            // The site was read (capped where it had to be) and judged: findings, so exit 1.
            expect(run.code).toBe(1);
            expect(run.stdout).toMatch(/Found \d+ errors/);
          }
        } finally {
          await server.close();
        }
      },
      60_000,
    );
  }
});

describe('every hostile server, scanned by runChecks: a TargetError or warnings, within the timeout', () => {
  for (const h of HOSTILE) {
    it(
      h.name,
      async () => {
        const server = await startHostile(h);
        const before = process.memoryUsage().rss;
        const started = Date.now();
        try {
          const outcome = await runChecks(server.url, { timeout: TIMEOUT_S }).then(
            (warnings) => ({ warnings }),
            (error: unknown) => ({ error }),
          );
          expect(Date.now() - started).toBeLessThan(WALL_LIMIT_MS);
          // Growth of this (shared) process while scanning: a body is capped, never buffered whole.
          expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(PEAK_LIMIT_MIB);
          if (h.ends === 'target') {
            expect('error' in outcome && outcome.error).toBeInstanceOf(TargetError);
            expect((outcome as { error: Error }).error.message).toMatch(h.message!);
            expect((outcome as { error: Error }).error.message).not.toMatch(/\n/);
          } else {
            // Warnings, or a CheckError naming checks whose own probes the server broke.
            if ('error' in outcome) expect(outcome.error).toBeInstanceOf(CheckError);
            else expect(outcome.warnings.length).toBeGreaterThan(0);
          }
        } finally {
          await server.close();
        }
      },
      60_000,
    );
  }
});
