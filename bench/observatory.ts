import { execFileSync, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = fileURLToPath(new URL('./observatory/', import.meta.url));
const observatory = `${dir}node_modules/@mdn/mdn-http-observatory/`;
const RUNS = 9;
// The Observatory's CLI takes a hostname and scans its default ports only.
const PORT = 80;

/**
 * Installs the Observatory in its benchmark-only folder, never as a dependency of the package.
 * --ignore-scripts skips its postinstall, which downloads the HSTS preload list from the
 * internet; an empty list stands in (the target is not preloaded either way).
 */
function install(): void {
  if (!existsSync(`${observatory}package.json`)) {
    execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: dir,
      stdio: 'ignore',
    });
  }
  if (!existsSync(`${observatory}conf/hsts-preload.json`))
    writeFileSync(`${observatory}conf/hsts-preload.json`, '{}');
}

function wall(args: string[]): { ms: number; ok: boolean } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, ok: r.status !== null && r.status < 2 };
}

/**
 * A cold scan of one local site by our CLI and by the MDN HTTP Observatory's CLI, interleaved,
 * against the same target: node:http with secure() on 127.0.0.1:80, in its own process.
 */
export async function observatoryBench(): Promise<BenchSection> {
  const title = 'Single-site cold scan: checksecure CLI vs the MDN HTTP Observatory CLI';
  install();
  buildOnce();
  const server: ChildProcess = fork(
    fileURLToPath(new URL('./framework-server.ts', import.meta.url)),
    ['node', 'ours', String(PORT)],
    { execArgv: ['--import', 'tsx'], stdio: 'ignore' },
  );
  const started = await new Promise<boolean>((resolve) => {
    server.once('message', () => resolve(true));
    server.once('exit', () => resolve(false));
  });
  if (!started) {
    return {
      title,
      method: `Not measured: the Observatory's CLI scans ports 80/443 only, and nothing could listen on 127.0.0.1:${PORT} here (the port is taken, or binding it needs root or CAP_NET_BIND_SERVICE).`,
      rows: [],
      headline: 'single-site scan not measured (port 80 unavailable)',
    };
  }
  try {
    const cases: [string, string[]][] = [
      [
        'checksecure http://localhost/ (dist/lib/cli.js)',
        ['dist/lib/cli.js', 'http://localhost/', '--fail-on', 'never'],
      ],
      ['mdn-http-observatory-scan localhost', [`${observatory}bin/wrapper.js`, 'localhost']],
    ];
    const samples = cases.map(() => [] as number[]);
    for (let i = 0; i < RUNS; i++) {
      cases.forEach(([name, args], c) => {
        const run = wall(args);
        if (!run.ok) throw new Error(`${name} failed`);
        samples[c]!.push(run.ms);
      });
    }
    const [ours, theirs] = samples.map(median) as [number, number];
    return {
      title,
      method: `Wall time of ${RUNS} interleaved cold runs each (median), from process start to exit, against the same local site (node:http with secure(), in its own process on 127.0.0.1:${PORT}; the Observatory's CLI scans the default ports of a hostname only). checksecure runs its 18 default checks and their active probes; the Observatory (@mdn/mdn-http-observatory ${'1.4.8'}, its CLI as installed, which starts a second Node process for the scan) runs its 10 tests.`,
      rows: [
        [cases[0]![0], `${ours.toFixed(0)} ms`, '1.00', ''],
        [cases[1]![0], `${theirs.toFixed(0)} ms`, `${(theirs / ours).toFixed(2)}× checksecure's time`, ''],
      ],
      headline: `a cold single-site scan takes ${ours.toFixed(0)} ms with checksecure, ${(theirs / ours).toFixed(1)}× faster than the Observatory CLI (${theirs.toFixed(0)} ms)`,
    };
  } finally {
    server.kill();
  }
}
