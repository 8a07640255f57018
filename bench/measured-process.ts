import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What one child process used, as bench/process-usage.mjs records it at exit. */
export interface ProcessUsage {
  cpuMs: number;
  wallMs: number;
  maxRssKiB: number;
  heapPeakBytes: number;
}

/**
 * Runs `node args…` from the repository to its end, with bench/process-usage.mjs preloaded to
 * write its CPU time, peak RSS and heap to `usageFile`; stdout is discarded.
 *
 * @example
 * const { cpuMs } = measuredProcess(['dist/lib/cli.js', 'merge', 'a.json'], '/tmp/usage.json');
 */
export function measuredProcess(args: string[], usageFile: string): ProcessUsage {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ['--import', path.join(root, 'bench/process-usage.mjs'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, BENCH_USAGE_FILE: usageFile },
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  return { ...(JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<ProcessUsage, 'wallMs'>), wallMs };
}
