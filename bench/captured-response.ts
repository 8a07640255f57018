import { Bench } from 'tinybench';
import { defaultChecks } from '../src/checks/index.js';
import { parseCacheControl } from '../src/headers/cache-control.js';
import { parseContentTypeOptions } from '../src/headers/content-type-options.js';
import { parseCrossOrigin } from '../src/headers/cross-origin.js';
import { parseCsp } from '../src/headers/csp.js';
import { parseFrameOptions } from '../src/headers/frame-options.js';
import { parseHsts } from '../src/headers/hsts.js';
import { parsePermissionsPolicy } from '../src/headers/permissions-policy.js';
import { parseReferrerPolicy } from '../src/headers/referrer-policy.js';
import { parseSetCookie } from '../src/headers/set-cookie.js';
import { scanHtml } from '../src/html/scan-html.js';
import { runChecks } from '../src/scan.js';
import type { BenchSection } from './section.js';

/** A realistic page: a strict CSP, a session cookie, the usual headers and 8 KiB of HTML. */
const headers: Record<string, string | string[]> = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'content-security-policy':
    "script-src 'nonce-r4nd0mR4nd0mR4nd0mR4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; report-to csp",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
  'set-cookie': [
    '__Host-sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    'theme=dark; Secure; SameSite=Lax',
  ],
};
const body = `<!doctype html><html><head><script nonce="r4nd0mR4nd0mR4nd0mR4nd0m" src="/app.js"></script></head><body>${'<p><a href="/x">link</a></p>'.repeat(300)}</body></html>`;
const response = { url: 'https://example.com/', status: 200, headers, body };

/** The floor: the same parsing the checks need, called directly with no registry around it. */
function parseOnly() {
  const one = (name: string) => [headers[name]].flat().filter((v): v is string => v !== undefined);
  parseHsts(one('strict-transport-security'));
  parseCsp(one('content-security-policy'), 'header');
  parseFrameOptions(one('x-frame-options'));
  parseContentTypeOptions(one('x-content-type-options'));
  parseReferrerPolicy(one('referrer-policy'));
  parsePermissionsPolicy(one('permissions-policy'));
  parseCrossOrigin('cross-origin-opener-policy', one('cross-origin-opener-policy'));
  parseCrossOrigin('cross-origin-resource-policy', one('cross-origin-resource-policy'));
  parseCrossOrigin('cross-origin-embedder-policy', []);
  parseCacheControl(one('cache-control'));
  for (const line of one('set-cookie')) parseSetCookie(line);
  scanHtml(body);
}

/** `runChecks` on a captured response: every passive check, against the bare parsing floor. */
export async function capturedResponseBench(): Promise<BenchSection> {
  const bench = new Bench({ time: 2000, warmupTime: 500 });
  bench.add('runChecks(captured response), 18 checks', async () => {
    await runChecks({ response }, { skip: [] }).catch(() => {});
  });
  bench.add('floor: the same headers and body parsed directly', () => parseOnly());
  await bench.run();
  const [ours, floor] = bench.tasks.map(
    (t) => t.result as { latency: { mean: number }; throughput: { mean: number } },
  );
  const checks = defaultChecks.length;
  const oursMs = ours!.latency.mean;
  const floorMs = floor!.latency.mean;
  return {
    title: 'runChecks on a captured response',
    method:
      'tinybench, 2 s per task after 0.5 s warm-up, one process. A realistic hardened HTML page (strict CSP, two cookies, 8 KiB body) scanned with every default check; the active probes skip themselves. The floor parses the same headers and body with the same parsers, with no registry.',
    rows: [
      [
        'runChecks (captured response)',
        `${oursMs.toFixed(3)} ms`,
        `${Math.round(1000 / oursMs).toLocaleString('en')} scans/s`,
        `${Math.round((checks * 1000) / oursMs).toLocaleString('en')} checks/s`,
      ],
      [
        'floor: parsers alone',
        `${floorMs.toFixed(3)} ms`,
        `${Math.round(1000 / floorMs).toLocaleString('en')} parses/s`,
        '',
      ],
      ['ratio (ours / floor)', `${(oursMs / floorMs).toFixed(2)}×`, '', ''],
    ],
    headline: `${Math.round((checks * 1000) / oursMs).toLocaleString('en')} checks/s on a captured response (${(oursMs / floorMs).toFixed(2)}× the bare parsing floor)`,
  };
}
