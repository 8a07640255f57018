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
import { runChecks } from '../src/core/scan.js';
import { median, type BenchSection } from './section.js';

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

const BATCH = 200;
const ROUNDS = 41;

async function timeBatch(run: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) await run();
  return Number(process.hrtime.bigint() - start) / BATCH / 1e6;
}

/** `runChecks` on a captured response: every passive check, against the bare parsing floor. */
export async function capturedResponseBench(): Promise<BenchSection> {
  const ours = () => runChecks({ response }, { skip: [] }).catch(() => {});
  // Interleaved rounds, as the middleware benchmark does: drift touches both cases alike.
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < 5; i++) {
    await timeBatch(ours);
    await timeBatch(parseOnly);
  }
  for (let round = 0; round < ROUNDS; round++) {
    samples[0].push(await timeBatch(ours));
    samples[1].push(await timeBatch(parseOnly));
  }
  const oursMs = median(samples[0]);
  const floorMs = median(samples[1]);
  const checks = defaultChecks.length;
  return {
    title: 'runChecks on a captured response',
    method: `${ROUNDS} interleaved rounds of ${BATCH} calls per case (median of rounds) after 5 warm-up rounds, one process. A realistic hardened HTML page (strict CSP, two cookies, 8 KiB body) scanned with every default check; the active probes skip themselves. The floor parses the same headers and body with the same parsers, with no registry.`,
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
