import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { freshPairs } from './fresh-requests.js';
import {
  fastifyApp,
  listenerFor,
  REQUEST_HEADERS,
  variantLabel,
  VARIANTS,
  type Variant,
} from './framework-apps.js';
import { median, signed, type BenchSection } from './section.js';

// Small batches over many rounds, as in bench/middleware.ts: the request objects stay hot in the
// cache as a server's are, and the median of many short rounds leaves the machine's noise out.
const BATCH = 200;
const ROUNDS = 200;
// Each framework runs in several processes: the four variants share the framework's code in one,
// and what V8 makes of it differs from one process to the next (secure()'s added cost on Express
// measured 0.93-1.30x helmet()'s in single processes of the same code), so each ratio is taken
// within a process and the table shows the median over processes.
const PROCESSES = 5;

async function timeBatch(listener: http.RequestListener): Promise<number> {
  const pairs = freshPairs(BATCH, '/', REQUEST_HEADERS);
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) {
    const done = listener(pairs[i]![0], pairs[i]![1]) as unknown;
    if (done instanceof Promise) await done;
  }
  // Fastify's listener returns nothing and answers once its hooks' and handler's promises
  // settle: the batch ends when every response has.
  while (!pairs.every(([, res]) => res.writableEnded)) await new Promise((resolve) => setImmediate(resolve));
  return Number(process.hrtime.bigint() - start) / BATCH;
}

type Framework = 'node' | 'express' | 'fastify' | 'hono';

/** What one framework's child run reports, in ns per request. */
interface Timings {
  /** The median of rounds, per variant. */
  median: Record<Variant, number>;
  /** The median of rounds of (variant − bare in the same round): drift within the run cancels. */
  over: Record<Variant, number>;
}

/** Interleaved rounds of the four variants of one framework, in this process. */
async function measureFramework(framework: Framework): Promise<Timings> {
  const options = JSON.parse(process.env.SECURE_OPTIONS ?? '{}') as object;
  const cases = await Promise.all(
    VARIANTS.map(
      async (v) =>
        [
          v,
          framework === 'fastify'
            ? // The listener Fastify's own server calls for every request (not inject()'s path).
              ((await fastifyApp(v, options)).server.listeners('request')[0] as http.RequestListener)
            : listenerFor(framework, v, options),
        ] as const,
    ),
  );
  const rounds: Record<Variant, number>[] = [];
  for (let i = 0; i < 20; i++) for (const [, listener] of cases) await timeBatch(listener);
  for (let round = 0; round < ROUNDS; round++) {
    const times = {} as Record<Variant, number>;
    for (const [variant, listener] of round % 2 ? [...cases].reverse() : cases)
      times[variant] = await timeBatch(listener);
    rounds.push(times);
  }
  const per = (f: (r: Record<Variant, number>) => number) => median(rounds.map(f));
  const of = (f: (v: Variant) => number) =>
    Object.fromEntries(VARIANTS.map((v) => [v, f(v)])) as Record<Variant, number>;
  return {
    median: of((v) => per((r) => r[v])),
    over: of((v) => per((r) => r[v] - r.bare)),
  };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  // A child run for one framework: node --import tsx bench/framework-inprocess.ts <framework>
  process.stdout.write(JSON.stringify(await measureFramework(process.argv[2] as Framework)));
}

/**
 * Each framework's whole request (routing, the page, writing the head and body into the
 * response) called in-process: the same four variants as the loopback benchmark, without the
 * load generator sharing the 2 cores, so small differences between them stand out. Each
 * framework in a process of its own, as an app runs one.
 */
export async function frameworksInProcessBench(): Promise<BenchSection> {
  const rows: string[][] = [];
  const keep: string[] = [];
  for (const framework of ['node', 'express', 'fastify', 'hono'] as const) {
    const all = Array.from(
      { length: PROCESSES },
      () =>
        JSON.parse(
          execFileSync(process.execPath, ['--import', 'tsx', self, framework], { encoding: 'utf8' }),
        ) as Timings,
    );
    const time = (v: Variant) => median(all.map((t) => t.median[v])) / 1000;
    const over = (v: Variant) => median(all.map((t) => t.over[v])) / 1000;
    const share = all.map((t) => t.over.ours / t.over.peer);
    const ratio = median(share);
    for (const variant of VARIANTS)
      rows.push([
        `${framework}: ${variantLabel(framework, variant)}`,
        `${time(variant).toFixed(2)} µs`,
        variant === 'bare' ? '' : `${signed(over(variant), 2)} µs over bare`,
        variant === 'ours'
          ? `${ratio.toFixed(2)}× the peer's added cost (${Math.min(...share).toFixed(2)}–${Math.max(...share).toFixed(2)} across processes)`
          : '',
      ]);
    keep.push(
      `${framework} ${signed(over('ours'), 1)} µs (peer ${signed(over('peer'), 1)}; ${ratio.toFixed(2)}×)`,
    );
  }
  return {
    title: 'Framework cost per request, in-process: bare, peer, secure()',
    method: `${PROCESSES} processes per framework, each running ${ROUNDS} interleaved rounds of ${BATCH} requests per variant (after 20 warm-up rounds; in each process a time is the median of rounds, and a difference from bare the median of its rounds' differences), each a call of the framework's node:http listener (Fastify's, the one its server calls; Hono through @hono/node-server's; a batch ends when every response has ended) with fresh real IncomingMessage/ServerResponse objects built outside the timed region, X-Forwarded-Proto: https, answering the same small page as the loopback benchmark. The table shows the medians over processes, and the ratio of secure()'s added cost to the peer's is taken within each process (its range beside it). No sockets and no load generator: the steadier view of what each variant adds to a request.`,
    rows,
    headline: `added to a request by secure(), in-process: ${keep.join(', ')}`,
  };
}
