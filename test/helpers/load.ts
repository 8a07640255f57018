import { fork, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

/** Headers every response of secure() (behind a TLS proxy) must carry. */
export const REQUIRED = [
  'strict-transport-security',
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
];

export interface LoadResult {
  requests: number;
  seconds: number;
  /** Responses lacking one of REQUIRED, or whose CSP has no nonce. */
  missingHeaders: number;
  non2xx: number;
  errors: number;
  distinctNonces: number;
  /** Heap in use after full collections, after each batch (the first is the warm-up). */
  heapAfterBatch: number[];
}

const NONCE = /'nonce-([A-Za-z0-9_-]+)'/;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    child.send(message);
  });
}

/**
 * Loads Express with secure() on 127.0.0.1 in batches of autocannon requests, reading every
 * response's headers: whether the security headers are there, and each CSP nonce (all kept, to
 * count the distinct ones). After each batch the server reports its heap after full GCs.
 */
export async function loadExpress(total: number, batches: number, connections = 32): Promise<LoadResult> {
  const port = await freePort();
  const child = fork(fileURLToPath(new URL('../../bench/load-server.ts', import.meta.url)), [String(port)], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    stdio: 'ignore',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`load server exited with ${code}`)));
  });
  const nonces = new Set<string>();
  let missingHeaders = 0;
  let non2xx = 0;
  let errors = 0;
  const heapAfterBatch: number[] = [];
  const started = performance.now();
  try {
    for (let b = 0; b < batches; b++) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/`,
        connections,
        amount: Math.round(total / batches),
        headers: { 'x-forwarded-proto': 'https' },
        setupClient(client) {
          // At run time the event carries llhttp's parse: { statusCode, headers: [name, value, ...] }
          // (@types/autocannon says an IncomingHttpHeaders object).
          const onHeaders = ({ headers }: { headers: (Buffer | string)[] }) => {
            const seen = new Set<string>();
            let nonce: string | undefined;
            for (let i = 0; i + 1 < headers.length; i += 2) {
              const name = String(headers[i]).toLowerCase();
              seen.add(name);
              if (name === 'content-security-policy') nonce = NONCE.exec(String(headers[i + 1]))?.[1];
            }
            if (nonce === undefined || REQUIRED.some((h) => !seen.has(h))) missingHeaders++;
            if (nonce !== undefined) nonces.add(nonce);
          };
          client.on('headers', onHeaders as never);
        },
      });
      non2xx += result.non2xx;
      errors += result.errors + result.timeouts;
      heapAfterBatch.push(await ask<number>(child, 'heap', 'heapUsed'));
    }
  } finally {
    child.kill();
  }
  return {
    requests: total,
    seconds: (performance.now() - started) / 1000,
    missingHeaders,
    non2xx,
    errors,
    distinctNonces: nonces.size,
    heapAfterBatch,
  };
}
