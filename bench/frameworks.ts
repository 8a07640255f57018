import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { variantLabel, VARIANTS, type Variant } from './framework-apps.js';
import { median, signed, type BenchSection } from './section.js';

// Every run starts a fresh server process, and the same code's CPU per request moves by a fifth
// from one process to the next (bare Fastify: 13.6-20.4 us): more, shorter runs sample more
// processes, and a 1 s warm-up (some 50,000 requests) is long enough for the JIT.
const SECONDS = 2;
const CONNECTIONS = 32;
const RUNS = 7;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

interface Measured {
  rps: number;
  /** The server's CPU time per request (user + system), µs. */
  cpuMicros: number;
  /** The server's CPU time over the wall time of the run: below 1, the client set the pace. */
  busy: number;
}

export async function measure(framework: string, variant: string): Promise<Measured> {
  const port = await freePort();
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./framework-server.ts', import.meta.url)),
    [framework, variant, String(port)],
    {
      execArgv: ['--import', 'tsx'],
      stdio: 'ignore',
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${framework}/${variant} server exited with ${code}`)));
  });
  try {
    // A short warm-up, then the measured run; requests carry what a proxy in front would send.
    const opts = {
      url: `http://127.0.0.1:${port}/`,
      connections: CONNECTIONS,
      headers: { 'x-forwarded-proto': 'https' },
    };
    await autocannon({ ...opts, duration: 1 });
    child.send('reset');
    const result = await autocannon({ ...opts, duration: SECONDS });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${framework}/${variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    type Stats = { requests: number; cpuMicros: number; wallMicros: number };
    const stats = new Promise<Stats>((resolve) => child.once('message', (m) => resolve(m as Stats)));
    child.send('stats');
    const { requests, cpuMicros, wallMicros } = await stats;
    return { rps: result.requests.average, cpuMicros: cpuMicros / requests, busy: cpuMicros / wallMicros };
  } finally {
    child.kill();
  }
}

/**
 * Loopback throughput of bare / peer / ours for node:http, Express, Fastify and Hono: the
 * server in its own process, autocannon in this one, on the same 2-core machine.
 */
export async function frameworksBench(): Promise<BenchSection> {
  const rows: string[][] = [];
  const keep: string[] = [];
  for (const framework of ['node', 'express', 'fastify', 'hono']) {
    // Rounds of the four variants back to back, the order rotated each round; each variant is
    // judged against the bare run of its own round and the median of rounds is kept, so that
    // the machine slowing down for a while (2 shared cores) moves a round, not the result.
    const variants = VARIANTS;
    type V = Variant;
    const rounds: Record<V, Measured>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const round = {} as Record<V, Measured>;
      for (let k = 0; k < variants.length; k++) {
        const variant = variants[(i + k) % variants.length]!;
        round[variant] = await measure(framework, variant);
      }
      rounds.push(round);
    }
    const rps = (v: V) => median(rounds.map((r) => r[v].rps));
    const share = (v: V) => median(rounds.map((r) => r[v].rps / r.bare.rps));
    const cpuOver = (v: V) => median(rounds.map((r) => r[v].cpuMicros - r.bare.cpuMicros));
    const busy = (v: V) => `server busy ${Math.round(median(rounds.map((r) => r[v].busy)) * 100)}%`;
    const vsPeer = median(rounds.map((r) => r.ours.rps / r.peer.rps));
    for (const v of variants)
      rows.push([
        `${framework}: ${variantLabel(framework, v)}`,
        `${Math.round(rps(v)).toLocaleString('en')} req/s`,
        v === 'bare'
          ? '1.00 of bare'
          : `${share(v).toFixed(2)} of bare${v === 'ours' ? ` (${vsPeer.toFixed(2)}× the peer)` : ''}`,
        v === 'bare'
          ? `${median(rounds.map((r) => r.bare.cpuMicros)).toFixed(1)} µs server CPU per request; ${busy(v)}`
          : `${signed(cpuOver(v), 1)} µs server CPU per request over bare; ${busy(v)}`,
      ]);
    keep.push(
      `${framework} ${share('ours').toFixed(2)} (peer ${share('peer').toFixed(2)}, floor ${share('floor').toFixed(2)})`,
    );
  }
  return {
    title: 'Framework throughput on loopback: bare, peer, secure()',
    method: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s after a 1 s warm-up, against a server in its own process on 127.0.0.1 answering a small HTML page; requests carry X-Forwarded-Proto: https, so HSTS, the nonce'd CSP and every check run. secure() is everything on. The floor sets the very headers secure() sends (its CSP with a fixed nonce) with a precomputed loop of setHeader calls (on the Node response behind Hono too) and does nothing else: what any middleware sending those headers costs at least. ${RUNS} rounds of the four variants back to back (the order rotated each round); each share of bare and each CPU difference is taken within its round, and the table shows the median of rounds (req/s too). The last column is the server process's own CPU time (user + system) per request served, which the client's share of the 2 cores does not blur, and the server's CPU time over the run's wall time: below 100%, the server waited for the load generator, which parses every response (longer ones cost it more) on the other core, so the requests per second measure the client too.`,
    rows,
    headline: `share of bare throughput kept by secure(): ${keep.join(', ')}`,
  };
}
