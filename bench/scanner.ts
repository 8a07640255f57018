import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { median, type BenchSection } from './section.js';
import { recordRequest, replayFloor, type Sent } from './replay-floor.js';
import { shipped } from './shipped.js';

const PATHS = 1000;
const CONCURRENCY = 8;
const ROUNDS = 9;

/**
 * Scanning 1,000 paths of a local server with every default check, against the floor of the
 * same 1,000 GETs made directly with undici at the same concurrency (8).
 */
export async function scannerBench(): Promise<BenchSection> {
  const { scan } = await shipped('index');
  const page = Buffer.from(`<!doctype html><title>x</title>${'<p><a href="/next">link</a></p>'.repeat(60)}`);
  let recording: Sent[] | undefined;
  const server = http.createServer((req, res) => {
    recordRequest(req, recording);
    res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
    res.setHeader('content-security-policy', "default-src 'self'; object-src 'none'");
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = Array.from({ length: PATHS }, (_, i) => `/page/${i}`);
  // Record what a scan sends, warm both paths, then alternate: floor, scan, floor, scan, ...
  recording = [];
  await scan(base, { paths, concurrency: CONCURRENCY });
  const sent = recording;
  recording = undefined;
  // Both sides warmed until the JIT has settled (the first scans of a process run at half speed).
  for (let i = 0; i < 3; i++) {
    await replayFloor(base, sent, CONCURRENCY);
    await scan(base, { paths, concurrency: CONCURRENCY });
  }
  const floors: number[] = [];
  const scans: number[] = [];
  let warnings = 0;
  for (let round = 0; round < ROUNDS; round++) {
    floors.push(await replayFloor(base, sent, CONCURRENCY));
    const start = performance.now();
    const report = await scan(base, { paths, concurrency: CONCURRENCY });
    scans.push(performance.now() - start);
    warnings = report.warnings.length;
  }
  server.close();
  const f = median(floors);
  const s = median(scans);
  // Each round's floor and scan run back to back: their ratio cancels drift between rounds.
  const shares = floors.map((floorMs, i) => floorMs / scans[i]!);
  const share = median(shares);
  return {
    title: 'Scanner throughput: 1,000 paths of a local server',
    method: `${ROUNDS} rounds of the floor then the scan (times: the median of rounds, which need not come from the same round; the share: the median of each round's floor/scan ratio, with their range), after 3 warm-up rounds of each. The scan runs every default check (${warnings} warnings found) at concurrency ${CONCURRENCY}; per page it sends the GET and the CSRF check's same-origin and cross-site POSTs, plus its once-per-site probes: ${sent.length.toLocaleString('en')} requests in all. The floor replays exactly those requests (method, path, headers, body, recorded by the server) with undici at the same concurrency and reads the bodies.`,
    rows: [
      [
        `floor: the same ${sent.length.toLocaleString('en')} requests with undici`,
        `${f.toFixed(0)} ms`,
        `${Math.round((PATHS * 1000) / f).toLocaleString('en')} pages/s`,
        '1.00',
      ],
      [
        'scan(url, { paths: 1,000 })',
        `${s.toFixed(0)} ms`,
        `${Math.round((PATHS * 1000) / s).toLocaleString('en')} pages/s`,
        `${share.toFixed(2)} of the floor's throughput (rounds: ${Math.min(...shares).toFixed(2)}–${Math.max(...shares).toFixed(2)})`,
      ],
    ],
    headline: `scanning 1,000 paths runs at ${(share * 100).toFixed(0)}% of the raw-request floor's throughput`,
  };
}
