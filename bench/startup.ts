import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 21;

function wall(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Cold start of the CLI (`--version`: every module a run needs before it sends a request) and of
 * the Action bundle (to its first output), against `node -e 0`, interleaved; and the bundle size.
 */
export async function startupBench(): Promise<BenchSection> {
  buildOnce();
  const cases: [string, string[], NodeJS.ProcessEnv?][] = [
    ['node -e 0 (the floor)', ['-e', '0']],
    ['checksecure --version (dist/lib/cli.js)', ['dist/lib/cli.js', '--version']],
    ['Action bundle, to its first output (dist/index.js)', ['dist/index.js'], { GITHUB_OUTPUT: '/dev/null' }],
  ];
  const samples = cases.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) cases.forEach(([, args, env], c) => samples[c]!.push(wall(args, env)));
  const ms = samples.map(median);
  const floor = ms[0]!;
  const entry = statSync(`${root}dist/index.js`).size;
  const chunks = readdirSync(`${root}dist/chunks`).reduce(
    (sum, name) => sum + statSync(`${root}dist/chunks/${name}`).size,
    0,
  );
  const size = entry + chunks;
  return {
    title: 'Start-up and bundle size',
    method: `Wall time of ${RUNS} interleaved cold starts each (median), spawned from Node ${process.version}. The Action run has no inputs, so it loads everything and stops at its first error, as fast as it can get to work.`,
    rows: [
      ...cases.map(([name], i) => [
        name,
        `${ms[i]!.toFixed(0)} ms`,
        `${(ms[i]! / floor).toFixed(2)}× node -e 0`,
        '',
      ]),
      [
        'Action bundle size (dist/index.js and dist/chunks, all the Action ships)',
        `${(size / 1024).toFixed(0)} KiB`,
        `${((size / 1_000_000) * 100).toFixed(0)}% of 1 MB`,
        `${(entry / 1024).toFixed(0)} KiB parsed at start (dist/index.js)`,
      ],
    ],
    headline: `CLI start ${(ms[1]! / floor).toFixed(2)}×, Action start ${(ms[2]! / floor).toFixed(2)}× a bare node start; bundle ${(size / 1024).toFixed(0)} KiB in all`,
  };
}
