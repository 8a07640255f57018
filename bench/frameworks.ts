import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchSection } from './section.js';

const SECONDS = 4;
const CONNECTIONS = 32;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

async function measure(framework: string, variant: string): Promise<number> {
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
    const result = await autocannon({ ...opts, duration: SECONDS });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`${framework}/${variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result.requests.average;
  } finally {
    child.kill();
  }
}

/**
 * Loopback throughput of bare / peer / ours for node:http, Express, Fastify and Hono: the
 * server in its own process, autocannon in this one, on the same 2-core machine.
 */
export async function frameworksBench(): Promise<BenchSection> {
  const peers: Record<string, string> = {
    node: 'helmet()',
    express: 'helmet()',
    fastify: '@fastify/helmet',
    hono: "Hono's secureHeaders()",
  };
  const rows: string[][] = [];
  const keep: string[] = [];
  for (const framework of ['node', 'express', 'fastify', 'hono']) {
    const bare = await measure(framework, 'bare');
    const peer = await measure(framework, 'peer');
    const ours = await measure(framework, 'ours');
    rows.push([`${framework}: bare`, `${Math.round(bare).toLocaleString('en')} req/s`, '1.00 of bare', '']);
    rows.push([
      `${framework}: ${peers[framework]}`,
      `${Math.round(peer).toLocaleString('en')} req/s`,
      `${(peer / bare).toFixed(2)} of bare`,
      '',
    ]);
    rows.push([
      `${framework}: checksecure secure()`,
      `${Math.round(ours).toLocaleString('en')} req/s`,
      `${(ours / bare).toFixed(2)} of bare`,
      `${(ours / peer).toFixed(2)}× the peer`,
    ]);
    keep.push(`${framework} ${(ours / bare).toFixed(2)} (peer ${(peer / bare).toFixed(2)})`);
  }
  return {
    title: 'Framework throughput on loopback: bare, peer, secure()',
    method: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s after a 1 s warm-up, against a server in its own process on 127.0.0.1 answering a small HTML page; requests carry X-Forwarded-Proto: https, so HSTS, the nonce'd CSP and every check run. secure() is everything on.`,
    rows,
    headline: `share of bare throughput kept by secure(): ${keep.join(', ')}`,
  };
}
