// The long load run (`npm run load`): a million requests to Express with secure(), every
// response read; the figures go to bench/RESULTS.md. Exits 1 when a requirement fails.
import os from 'node:os';
import { loadExpress } from '../test/helpers/load.js';
import { writeKeptSection } from './kept-sections.js';

const TOTAL = Number(process.env.LOAD_REQUESTS ?? 1_000_000);
const BATCHES = 10;
// The heap after full collections may move by what the JIT and inline caches keep; a leak of
// even 10 bytes per request would be ~10 MB here.
const GROWTH_LIMIT = 2 * 1024 * 1024;

const r = await loadExpress(TOTAL, BATCHES);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const warm = r.heapAfterBatch[1]!;
const last = r.heapAfterBatch.at(-1)!;
const growth = last - warm;
const checks: [string, boolean, string][] = [
  [
    'every response 2xx, no errors',
    r.non2xx === 0 && r.errors === 0,
    `${r.non2xx} non-2xx, ${r.errors} errors`,
  ],
  ['every response carries its headers and a nonce', r.missingHeaders === 0, `${r.missingHeaders} without`],
  [
    'every nonce unique',
    r.distinctNonces === r.requests,
    `${r.distinctNonces.toLocaleString('en')} distinct of ${r.requests.toLocaleString('en')}`,
  ],
  [
    'no heap growth past warm-up (after full GCs)',
    growth < GROWTH_LIMIT,
    `${mib(warm)} after batch 2 → ${mib(last)} after batch ${BATCHES} (${growth >= 0 ? '+' : ''}${(growth / 1024).toFixed(0)} KiB)`,
  ],
];
for (const [name, ok, detail] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
await writeKeptSection(
  'load',
  [
    '## Middleware under load (npm run load)',
    '',
    `Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores. Express with secure() (everything on) in its own process on 127.0.0.1; autocannon, 32 connections, ${BATCHES} batches of ${(TOTAL / BATCHES).toLocaleString('en')} requests carrying X-Forwarded-Proto: https. Every response's headers are read: the security headers must all be there and the CSP must carry a nonce, and every nonce is kept to count the distinct ones. After each batch the server reports its heap in use after two full collections (--expose-gc); the first two batches are the warm-up.`,
    '',
    '| requirement | result | figures |',
    '|---|---|---|',
    ...checks.map(([name, ok, detail]) => `| ${name} | ${ok ? 'held' : 'FAILED'} | ${detail} |`),
    `| throughput | | ${r.requests.toLocaleString('en')} requests in ${r.seconds.toFixed(0)} s (${Math.round(r.requests / r.seconds).toLocaleString('en')} req/s, client and server on the same 2 cores) |`,
    `| heap after each batch | | ${r.heapAfterBatch.map((h) => (h / 2 ** 20).toFixed(2)).join(', ')} MiB |`,
  ].join('\n'),
);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
