import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report, Warning } from '../src/core/types.js';
import { measuredProcess, type ProcessUsage } from './measured-process.js';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const SHARDS = 100;
const SITES_PER_SHARD = 10;
const PAGES = 20;
const CODES = 25;
const ROUNDS = 5;

/** A shard's JSON report as the Action writes it: its sites, each with its pages and findings. */
function shardReport(shard: number): Report {
  const sites = Array.from({ length: SITES_PER_SHARD }, (_, i) => `https://site-${shard}-${i}.example.com`);
  const pages = sites.flatMap((site) =>
    Array.from({ length: PAGES }, (_, p) => ({
      url: `${site}/section/${p}`,
      via: p === 0 ? 'start' : 'link',
    })),
  ) as Report['pages'];
  const warnings: Warning[] = sites.flatMap((site) =>
    Array.from({ length: CODES }, (_, c) => ({
      code: `CODE_${c}`,
      check: `check${c % 12}`,
      severity: (['error', 'warning', 'info'] as const)[c % 3]!,
      message: `Finding ${c}: what was seen on ${site} and why it matters`,
      url: `${site}/section/0`,
      evidence: `header-${c}: ${'v'.repeat(40)}`,
      fix: { middleware: `part${c}()`, snippet: `app.use(part${c}({ option: true }));` },
      pages: Array.from({ length: PAGES }, (_, p) => `${site}/section/${p}`),
    })),
  );
  return {
    version: 1,
    target: `${SITES_PER_SHARD} sites`,
    targetKind: 'url',
    warnings,
    checks: Array.from({ length: 12 }, (_, c) => ({ name: `check${c}`, status: 'warned' as const })),
    assumptions: [],
    notes: sites.map((site) => `${site}/section/3 answered 404`),
    unscanned: [],
    pages,
    durationMs: 1000,
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * `checksecure merge` (the built CLI) of 100 shard reports, as JSON and as SARIF, against a bare
 * loop that reads and JSON.parses the same files, interleaved, each run a fresh process.
 */
export async function mergeBench(): Promise<BenchSection> {
  buildOnce();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-merge-'));
  try {
    const files = Array.from({ length: SHARDS }, (_, i) => {
      const file = path.join(dir, `shard-${i + 1}.json`);
      writeFileSync(file, JSON.stringify(shardReport(i), null, 2));
      return file;
    });
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    const usage = path.join(dir, 'usage.json');
    const runs: Record<'bare' | 'written' | 'json' | 'sarif', ProcessUsage[]> = {
      bare: [],
      written: [],
      json: [],
      sarif: [],
    };
    for (let i = 0; i < ROUNDS; i++) {
      runs.bare.push(measuredProcess(['bench/merge-bare.mjs', ...files], usage));
      runs.written.push(measuredProcess(['bench/merge-bare.mjs', '--write', ...files], usage));
      runs.json.push(
        measuredProcess(['dist/lib/cli.js', 'merge', ...files, '-f', 'json', '--fail-on', 'never'], usage),
      );
      runs.sarif.push(
        measuredProcess(['dist/lib/cli.js', 'merge', ...files, '-f', 'sarif', '--fail-on', 'never'], usage),
      );
    }
    const med = (list: ProcessUsage[]): ProcessUsage => ({
      cpuMs: median(list.map((r) => r.cpuMs)),
      wallMs: median(list.map((r) => r.wallMs)),
      maxRssKiB: Math.max(...list.map((r) => r.maxRssKiB)),
      heapPeakBytes: Math.max(...list.map((r) => r.heapPeakBytes)),
    });
    const bare = med(runs.bare);
    const row = (label: string, u: ProcessUsage) => [
      label,
      `${u.cpuMs.toFixed(0)} ms`,
      `${u.wallMs.toFixed(0)} ms`,
      `${(u.cpuMs / bare.cpuMs).toFixed(2)}×`,
      mib(u.maxRssKiB * 1024),
    ];
    const written = med(runs.written);
    const json = med(runs.json);
    const sarif = med(runs.sarif);
    const findings = SHARDS * SITES_PER_SHARD * CODES;
    return {
      title: 'merge: 100 shard reports',
      method: `The built CLI's \`checksecure merge\` of ${SHARDS} generated shard reports (${SITES_PER_SHARD} sites each, ${PAGES} pages per site, ${CODES} findings per site each listing its ${PAGES} pages: ${findings.toLocaleString('en-US')} findings, ${mib(bytes)} of JSON in all), written as JSON and as SARIF, against two bare loops over the same files (bench/merge-bare.mjs: read each file and JSON.parse it; the same, then write the concatenated warnings and pages as indented JSON, what \`merge -f json\` writes at the least), ${ROUNDS} interleaved runs each in a fresh process from Node ${process.version}; times are medians, memory the highest of the runs. The ratio is CPU time over the bare loop's: CPU time, since the machine is shared (one-minute load average ${os.loadavg()[0]!.toFixed(1)} at the end, ${os.cpus().length} cores). Each run includes Node's start-up and, for merge, loading the CLI.`,
      columns: ['case', 'CPU time', 'wall time', 'CPU vs bare', 'peak RSS'],
      rows: [
        row('bare read + JSON.parse', bare),
        row('bare read + JSON.parse + indented JSON.stringify out', written),
        row('checksecure merge -f json', json),
        row('checksecure merge -f sarif', sarif),
      ],
      headline: `checksecure merge combines ${SHARDS} shard reports (${findings.toLocaleString('en-US')} findings, ${mib(bytes)}) in ${json.cpuMs.toFixed(0)} ms of CPU as JSON, ${(json.cpuMs / bare.cpuMs).toFixed(2)}× a bare read-and-JSON.parse of the same files (${bare.cpuMs.toFixed(0)} ms), ${(json.cpuMs / written.cpuMs).toFixed(2)}× one that also writes them out (${written.cpuMs.toFixed(0)} ms)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
