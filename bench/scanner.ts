import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { scan } from '../src/scan.js';
import type { BenchSection } from './section.js';

const PATHS = 1000;
const CONCURRENCY = 8;

/** The floor: the same page requests, made directly with undici at the same concurrency. */
async function floor(base: string, paths: string[]): Promise<number> {
  const agent = new Agent({ connections: CONCURRENCY });
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < paths.length) {
        const path = paths[next++]!;
        const res = await request(base + path, {
          dispatcher: agent,
          headers: { 'x-forwarded-proto': 'https' },
        });
        await res.body.text();
      }
    }),
  );
  const ms = performance.now() - start;
  await agent.close();
  return ms;
}

/**
 * Scanning 1,000 paths of a local server with every default check, against the floor of the
 * same 1,000 GETs made directly with undici at the same concurrency (8).
 */
export async function scannerBench(): Promise<BenchSection> {
  const page = Buffer.from(`<!doctype html><title>x</title>${'<p><a href="/next">link</a></p>'.repeat(60)}`);
  const server = http.createServer((_req, res) => {
    res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
    res.setHeader('content-security-policy', "default-src 'self'; object-src 'none'");
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = Array.from({ length: PATHS }, (_, i) => `/page/${i}`);
  // Warm both paths once, then alternate: floor, scan, floor, scan, floor, scan.
  await floor(base, paths.slice(0, 100));
  await scan(base, { paths: paths.slice(0, 100), concurrency: CONCURRENCY });
  const floors: number[] = [];
  const scans: number[] = [];
  let warnings = 0;
  for (let round = 0; round < 3; round++) {
    floors.push(await floor(base, paths));
    const start = performance.now();
    const report = await scan(base, { paths, concurrency: CONCURRENCY });
    scans.push(performance.now() - start);
    warnings = report.warnings.length;
  }
  server.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const f = median(floors);
  const s = median(scans);
  return {
    title: 'Scanner throughput: 1,000 paths of a local server',
    method: `3 alternating rounds (median). The scan runs every default check (${warnings} warnings found), concurrency ${CONCURRENCY}, and also sends its active probes; the floor makes the same ${PATHS} GETs with undici and reads the bodies.`,
    rows: [
      [
        'floor: 1,000 GETs with undici',
        `${f.toFixed(0)} ms`,
        `${Math.round((PATHS * 1000) / f).toLocaleString('en')} pages/s`,
        '1.00',
      ],
      [
        'scan(url, { paths: 1,000 })',
        `${s.toFixed(0)} ms`,
        `${Math.round((PATHS * 1000) / s).toLocaleString('en')} pages/s`,
        `${(f / s).toFixed(2)} of the floor's throughput`,
      ],
    ],
    headline: `scanning 1,000 paths runs at ${((f / s) * 100).toFixed(0)}% of the raw-request floor's throughput`,
  };
}
