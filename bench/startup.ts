import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { median, type BenchSection } from './section.js';
import { buildOnce } from './shipped.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 21;

function wall(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
    stdio: 'ignore',
  });
  if (run.status === null || run.status > 1) throw new Error(`node ${args.join(' ')} failed (${run.status})`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** node:http with secure(), in a process of its own, for the cold scans to reach. */
async function startSite(port: number): Promise<ChildProcess> {
  const server = fork(
    fileURLToPath(new URL('./framework-server.ts', import.meta.url)),
    ['node', 'ours', String(port)],
    { execArgv: ['--import', 'tsx'], stdio: 'ignore' },
  );
  const started = await new Promise<boolean>((resolve) => {
    server.once('message', () => resolve(true));
    server.once('exit', () => resolve(false));
  });
  if (!started) throw new Error(`the local site could not listen on 127.0.0.1:${port}`);
  return server;
}

/**
 * Cold start of the CLI (`--version`: every module a run needs before it sends a request) and of
 * the Action bundle (to its first output), against `node -e 0`, interleaved; and the bundle size.
 * Then what two start-up choices are worth: a cold scan of a local site with Node's defaults and
 * with V8 limited to its baseline WebAssembly compiler (`--liftoff-only`, which the CLI and the
 * Action once set on themselves at run time), and loading undici's index against the two modules
 * a probe uses (src/probe/undici-lite.ts).
 */
export async function startupBench(): Promise<BenchSection> {
  buildOnce();
  const port = await freePort();
  const site = await startSite(port);
  const scan = ['dist/lib/cli.js', `http://127.0.0.1:${port}/`, '--fail-on', 'never'];
  const lite = "import 'undici/lib/dispatcher/agent.js'; import 'undici/lib/api/api-request.js';";
  const cases: [string, string[], NodeJS.ProcessEnv?][] = [
    ['node -e 0 (the floor)', ['-e', '0']],
    ['checksecure --version (dist/lib/cli.js)', ['dist/lib/cli.js', '--version']],
    ['Action bundle, to its first output (dist/index.js)', ['dist/index.js'], { GITHUB_OUTPUT: '/dev/null' }],
    ['cold scan of a local site: checksecure URL', scan],
    ['the same, node --liftoff-only (no optimizing tier for WebAssembly)', ['--liftoff-only', ...scan]],
    [
      "import undici (its index: fetch, WebSocket, Node's own undici)",
      ['--input-type=module', '-e', "import 'undici';"],
    ],
    [
      "import undici's Agent and request() by module path (what a probe loads)",
      ['--input-type=module', '-e', lite],
    ],
  ];
  const samples = cases.map(() => [] as number[]);
  // Background compilation competes with whatever else runs: the load says how much did.
  const load = os.loadavg()[0]!;
  try {
    for (let i = 0; i < RUNS; i++) cases.forEach(([, args, env], c) => samples[c]!.push(wall(args, env)));
  } finally {
    site.kill();
  }
  const ms = samples.map(median);
  const floor = ms[0]!;
  const [scanMs, liftoffMs, indexMs, liteMs] = [ms[3]!, ms[4]!, ms[5]!, ms[6]!];
  const entry = statSync(`${root}dist/index.js`).size;
  const chunks = readdirSync(`${root}dist/chunks`).reduce(
    (sum, name) => sum + statSync(`${root}dist/chunks/${name}`).size,
    0,
  );
  const size = entry + chunks;
  const ratio = (i: number) =>
    i === 4
      ? `${(liftoffMs / scanMs).toFixed(2)}× the scan with Node's defaults`
      : i === 6
        ? `${(liteMs / indexMs).toFixed(2)}× importing the index`
        : `${(ms[i]! / floor).toFixed(2)}× node -e 0`;
  return {
    title: 'Start-up and bundle size',
    method: `Wall time of ${RUNS} interleaved cold starts each (median), spawned from Node ${process.version}. The Action run has no inputs, so it loads everything and stops at its first error, as fast as it can get to work. The cold scans run the default checks and their probes against node:http with secure() on 127.0.0.1, in a process of its own; the --liftoff-only run passes the V8 flag on Node's command line, where Node supports it, instead of setting it at run time. The machine's one-minute load average was ${load.toFixed(1)} at the start (${os.cpus().length} cores).`,
    rows: [
      ...cases.map(([name], i) => [name, `${ms[i]!.toFixed(0)} ms`, ratio(i), '']),
      [
        'Action bundle size (dist/index.js and dist/chunks, all the Action ships)',
        `${(size / 1024).toFixed(0)} KiB`,
        `${((size / 1_000_000) * 100).toFixed(0)}% of 1 MB`,
        `${(entry / 1024).toFixed(0)} KiB parsed at start (dist/index.js)`,
      ],
    ],
    headline: `CLI start ${(ms[1]! / floor).toFixed(2)}×, Action start ${(ms[2]! / floor).toFixed(2)}× a bare node start; bundle ${(size / 1024).toFixed(0)} KiB in all; a cold scan ${scanMs.toFixed(0)} ms (${liftoffMs.toFixed(0)} ms with --liftoff-only); undici by module path ${(indexMs - liteMs).toFixed(0)} ms less than its index`,
  };
}
