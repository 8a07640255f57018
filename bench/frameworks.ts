import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PEERS } from './framework-apps.js';
import { signed, type BenchSection } from './section.js';

const SECONDS = 4;
const CONNECTIONS = 32;
const RUNS = 3;

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
    const stats = new Promise<{ requests: number; cpuMicros: number }>((resolve) =>
      child.once('message', (m) => resolve(m as { requests: number; cpuMicros: number })),
    );
    child.send('stats');
    const { requests, cpuMicros } = await stats;
    return { rps: result.requests.average, cpuMicros: cpuMicros / requests };
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
    // Three interleaved runs of each, best of three: noise on a shared machine only ever slows a run down.
    const runs: Record<'bare' | 'floor' | 'peer' | 'ours', Measured[]> = {
      bare: [],
      floor: [],
      peer: [],
      ours: [],
    };
    for (let i = 0; i < RUNS; i++)
      for (const variant of ['bare', 'floor', 'peer', 'ours'] as const)
        runs[variant].push(await measure(framework, variant));
    const best = (list: Measured[]) => ({
      rps: Math.max(...list.map((m) => m.rps)),
      cpuMicros: Math.min(...list.map((m) => m.cpuMicros)),
    });
    const [bareM, floorM, peerM, oursM] = [
      best(runs.bare),
      best(runs.floor),
      best(runs.peer),
      best(runs.ours),
    ];
    const [bare, peer, ours] = [bareM.rps, peerM.rps, oursM.rps];
    const cpu = (m: Measured) =>
      m === bareM
        ? `${m.cpuMicros.toFixed(1)} µs server CPU per request`
        : `${m.cpuMicros.toFixed(1)} µs server CPU per request (${signed(m.cpuMicros - bareM.cpuMicros, 1)} over bare)`;
    rows.push([
      `${framework}: bare`,
      `${Math.round(bare).toLocaleString('en')} req/s`,
      '1.00 of bare',
      cpu(bareM),
    ]);
    rows.push([
      `${framework}: floor (secure()'s headers set by a flat setHeader loop)`,
      `${Math.round(floorM.rps).toLocaleString('en')} req/s`,
      `${(floorM.rps / bare).toFixed(2)} of bare`,
      cpu(floorM),
    ]);
    rows.push([
      `${framework}: ${PEERS[framework]}`,
      `${Math.round(peer).toLocaleString('en')} req/s`,
      `${(peer / bare).toFixed(2)} of bare`,
      cpu(peerM),
    ]);
    rows.push([
      `${framework}: checksecure secure()`,
      `${Math.round(ours).toLocaleString('en')} req/s`,
      `${(ours / bare).toFixed(2)} of bare (${(ours / peer).toFixed(2)}× the peer)`,
      cpu(oursM),
    ]);
    keep.push(
      `${framework} ${(ours / bare).toFixed(2)} (peer ${(peer / bare).toFixed(2)}, floor ${(floorM.rps / bare).toFixed(2)})`,
    );
  }
  return {
    title: 'Framework throughput on loopback: bare, peer, secure()',
    method: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s after a 1 s warm-up, against a server in its own process on 127.0.0.1 answering a small HTML page; requests carry X-Forwarded-Proto: https, so HSTS, the nonce'd CSP and every check run. secure() is everything on. The floor sets the very headers secure() sends (its CSP with a fixed nonce) with a precomputed loop of setHeader calls (on the Node response behind Hono too) and does nothing else: what any middleware sending those headers costs at least. Each variant runs ${RUNS} times, interleaved; the table shows the best run. The last column is the server process's own CPU time (user + system) per request served, which the client's share of the 2 cores does not blur.`,
    rows,
    headline: `share of bare throughput kept by secure(): ${keep.join(', ')}`,
  };
}
