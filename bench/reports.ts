import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeReportFile } from '../test/helpers/report-file.js';
import { measuredProcess, type ProcessUsage } from './measured-process.js';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const SIZES = [250_000, 1_000_000];
const ROUNDS = 5;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const perSecond = (count: number, ms: number) =>
  `${Math.round(count / (ms / 1000)).toLocaleString('en-US')}/s`;

/**
 * `checksecure reports FILE --propose` (the built CLI) on generated report files of 250,000 and
 * 1,000,000 reports (test/helpers/report-file.ts: a realistic mix with every kind of noise),
 * against a bare read-lines-and-JSON.parse loop over the same file, interleaved, each run a fresh
 * process: CPU time (what a loaded machine's wall time hides), wall time, peak RSS and the heap's
 * high-water mark, so that memory is seen flat in the file's size.
 */
export async function reportsBench(): Promise<BenchSection> {
  buildOnce();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-reports-'));
  try {
    const rows: string[][] = [];
    const results: { count: number; bytes: number; bare: ProcessUsage; propose: ProcessUsage }[] = [];
    for (const count of SIZES) {
      const file = path.join(dir, `csp-${count}.jsonl`);
      await writeReportFile(file, count);
      const bare: ProcessUsage[] = [];
      const propose: ProcessUsage[] = [];
      const usage = path.join(dir, 'usage.json');
      for (let i = 0; i < ROUNDS; i++) {
        bare.push(measuredProcess(['bench/reports-bare.mjs', file], usage));
        propose.push(measuredProcess(['dist/lib/cli.js', 'reports', file, '--propose'], usage));
      }
      const med = (runs: ProcessUsage[]): ProcessUsage => ({
        cpuMs: median(runs.map((r) => r.cpuMs)),
        wallMs: median(runs.map((r) => r.wallMs)),
        maxRssKiB: Math.max(...runs.map((r) => r.maxRssKiB)),
        heapPeakBytes: Math.max(...runs.map((r) => r.heapPeakBytes)),
      });
      results.push({ count, bytes: statSync(file).size, bare: med(bare), propose: med(propose) });
      rmSync(file);
    }
    for (const { count, bytes, bare, propose } of results) {
      const size = `${count.toLocaleString('en-US')} reports (${mib(bytes)})`;
      rows.push(
        [
          `bare read + JSON.parse, ${size}`,
          `${bare.cpuMs.toFixed(0)} ms`,
          `${bare.wallMs.toFixed(0)} ms`,
          perSecond(count, bare.cpuMs),
          '1.00×',
          mib(bare.maxRssKiB * 1024),
          mib(bare.heapPeakBytes),
        ],
        [
          `reports --propose, ${size}`,
          `${propose.cpuMs.toFixed(0)} ms`,
          `${propose.wallMs.toFixed(0)} ms`,
          perSecond(count, propose.cpuMs),
          `${(bare.cpuMs / propose.cpuMs).toFixed(2)}×`,
          mib(propose.maxRssKiB * 1024),
          mib(propose.heapPeakBytes),
        ],
      );
    }
    const big = results.at(-1)!;
    const small = results[0]!;
    return {
      title: 'CSP report files: reports --propose vs a bare JSON.parse loop',
      method: `The built CLI's \`checksecure reports FILE --propose\` and a bare loop (bench/reports-bare.mjs: stream the file, split lines, JSON.parse each) over the same generated files (test/helpers/report-file.ts: a CDN's scripts, images, an API, inline scripts and eval, with 5% each of extension, injected, outside-site, allowed data: and duplicate noise), ${ROUNDS} interleaved runs each in fresh processes from Node ${process.version}; times are medians, memory the highest of the runs. The ratio is the bare loop's CPU time over --propose's (throughput as a share of the floor's): CPU time, because the machine is shared and its wall times measure the other work as much as ours (one-minute load average ${os.loadavg()[0]!.toFixed(1)} at the end, ${os.cpus().length} cores). Peak heap is sampled every 10 ms.`,
      columns: [
        'case',
        'CPU time',
        'wall time',
        'reports per CPU second',
        'throughput vs bare',
        'peak RSS',
        'peak heap',
      ],
      rows,
      headline: `reports --propose reads ${Math.round(big.count / (big.propose.cpuMs / 1000)).toLocaleString('en-US')} reports per CPU second, ${(big.bare.cpuMs / big.propose.cpuMs).toFixed(2)}× a bare JSON.parse loop's throughput, in a peak RSS of ${mib(big.propose.maxRssKiB * 1024)} for 1,000,000 reports (${mib(small.propose.maxRssKiB * 1024)} for 250,000)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
