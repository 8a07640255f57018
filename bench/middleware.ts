import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import helmet from 'helmet';
import type { Middleware } from '../middleware/types.js';
import { freshPairs } from './fresh-requests.js';
import { median, type BenchSection } from './section.js';
import { shipped } from './shipped.js';

const { secure } = await shipped('middleware');

type Fn = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

// Small batches, many rounds: a server's request and response objects are just made and hot in the
// cache when its middleware runs, as 200 pairs still are (2,000 were not: every call then missed the
// cache, and a batch was long enough to catch most of the machine's noise). With 2,000 calls and
// 61 rounds, two copies of the same floor measured 0.58-1.56x each other in one process; with
// these, 0.97-1.03x (the A/A row of each table).
const BATCH = 200;
const ROUNDS = 500;

const REQUEST_HEADERS = {
  host: 'example.com',
  'x-forwarded-proto': 'https',
  accept: 'text/html',
  'sec-fetch-site': 'same-origin',
};
const fresh = (count: number) => freshPairs(count, '/account?tab=1', REQUEST_HEADERS);

const noop = () => {};

/** The headers a middleware sets on one response, to build the floor from the same list. */
function headersOf(fn: Fn): [string, string][] {
  const [[req, res]] = fresh(1) as [[http.IncomingMessage, http.ServerResponse]];
  fn(req, res, noop);
  return Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]);
}

/** A flat loop of precomputed setHeader calls: the least any middleware setting these headers can cost. */
function floorFor(headers: [string, string][]): Fn {
  return (_req, res, next) => {
    for (let i = 0; i < headers.length; i++) res.setHeader(headers[i]![0], headers[i]![1]);
    next();
  };
}

/**
 * The same floor written again: a function literal of its own gets its own feedback and optimized
 * code from V8, as every other case does, so its ratio to the floor is the method's resolution
 * (an A/A test). Closures of one literal would share them and prove nothing.
 */
function floorCopyFor(headers: [string, string][]): Fn {
  return (_req, res, next) => {
    for (let j = 0; j < headers.length; j++) res.setHeader(headers[j]![0], headers[j]![1]);
    next();
  };
}

/**
 * What the app does after the middleware, in every case: set its content type and write the
 * head. Node serializes every header there, and finalizers run there, so that is part of the cost.
 */
function respond(res: http.ServerResponse): void {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.writeHead(200);
}

function timeBatch(fn: Fn): number {
  const pairs = fresh(BATCH);
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH; i++) {
    const res = pairs[i]![1];
    fn(pairs[i]![0], res, noop);
    respond(res);
  }
  return Number(process.hrtime.bigint() - start) / BATCH;
}

/** Interleaved rounds of the cases in this process; the median time per call of each. */
function interleave(cases: [string, Fn][]): Record<string, number> {
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (const [, fn] of cases) for (let i = 0; i < 20; i++) timeBatch(fn); // warm-up, past V8's optimizing tiers
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of round % 2 ? [...cases].reverse() : cases) samples.get(name)!.push(timeBatch(fn));
  }
  return Object.fromEntries([...samples].map(([name, xs]) => [name, median(xs)]));
}

const FULL = 'secure(), everything on (nonce, CSRF, cookies, redirect)';
const HELMET = 'helmet()';
const HELMET_FLOOR = 'floor: setHeader loop (helmet set)';
const HELMET_FLOOR_COPY = 'A/A control: the same floor, written again';
const HEADERS_ONLY = 'secure(), headers only';
const OWN_FLOOR = 'floor: setHeader loop (the same headers)';
const OWN_FLOOR_COPY = 'A/A control: the same floor, written again';

/** The cases of one comparison, built in the process that times them. */
const COMPARISONS: Record<string, () => [string, Fn][]> = {
  full: () => {
    const helmetFn = helmet();
    return [
      [HELMET, helmetFn],
      [FULL, secure()],
      [HELMET_FLOOR, floorFor(headersOf(helmetFn))],
      [HELMET_FLOOR_COPY, floorCopyFor(headersOf(helmetFn))],
    ];
  },
  // Alone in its processes: a real app runs one middleware, and sharing a process with the other
  // cases would blur both with each other's JIT feedback (the engine's code is shared by every secure()).
  'headers-only': () => {
    const ours = secure({
      httpsRedirect: false,
      csrf: false,
      sessionCookie: false,
      contentSecurityPolicy: false,
    }) as Middleware as Fn;
    return [
      [HEADERS_ONLY, ours],
      [OWN_FLOOR, floorFor(headersOf(ours))],
      [OWN_FLOOR_COPY, floorCopyFor(headersOf(ours))],
    ];
  },
};

// Node's own cost for the same calls differs up to threefold from one process to the next (where
// V8 places the long-lived request objects, and what it then decides per allocation site), so one
// process's ratio is one draw: each comparison runs in several and reports their median.
const PROCESSES = 5;

const self = fileURLToPath(import.meta.url);
if (process.argv[1] === self) {
  // A child run: node --import tsx bench/middleware.ts <comparison>
  process.stdout.write(JSON.stringify(interleave(COMPARISONS[process.argv[2]!]!())));
}

/** Each process's medians, for one comparison. */
function runs(comparison: string): Record<string, number>[] {
  return Array.from(
    { length: PROCESSES },
    () =>
      JSON.parse(
        execFileSync(process.execPath, ['--import', 'tsx', self, comparison], { encoding: 'utf8' }),
      ) as Record<string, number>,
  );
}

/** The median over processes of one case's ratio to a reference, and its range. */
function ratio(all: Record<string, number>[], name: string, reference: string) {
  const each = all.map((r) => r[name]! / r[reference]!);
  return { median: median(each), min: Math.min(...each), max: Math.max(...each) };
}

const METHOD = `${PROCESSES} processes, each running ${ROUNDS} interleaved rounds of ${BATCH} calls per case (median of rounds), each call on fresh real node:http IncomingMessage/ServerResponse objects built outside the timed region, followed by what the app does (set Content-Type, writeHead(200), where Node serializes the headers and finalizers run). Node's own cost for these calls moves from one process to another, so each ratio is taken within a process and the table shows the median over processes (their range beside it); the times are the medians over processes. The floor calls setHeader for exactly the headers the named middleware sets, from a precomputed list.`;

const range = (r: { min: number; max: number }, digits: number) =>
  `${r.min.toFixed(digits)}–${r.max.toFixed(digits)} across processes`;

/** secure() with everything on against helmet() and against the floor of helmet's headers, per request. */
export async function middlewareBench(): Promise<BenchSection> {
  const all = runs('full');
  const full = ratio(all, FULL, HELMET);
  return {
    title: 'Middleware cost per request: secure() vs helmet()',
    method: METHOD,
    rows: [HELMET, FULL, HELMET_FLOOR, HELMET_FLOOR_COPY].map((name) => [
      name,
      `${(median(all.map((r) => r[name]!)) / 1000).toFixed(2)} µs`,
      `${ratio(all, name, HELMET).median.toFixed(2)}× helmet`,
      name === FULL
        ? range(full, 2)
        : name === HELMET_FLOOR_COPY
          ? `${ratio(all, name, HELMET_FLOOR).median.toFixed(3)}× the floor (${range(ratio(all, name, HELMET_FLOOR), 3)})`
          : `${ratio(all, name, HELMET_FLOOR).median.toFixed(2)}× the floor of helmet's headers`,
    ]),
    headline: `secure() with everything on costs ${full.median.toFixed(2)}× helmet() (${range(full, 2)})`,
  };
}

/** A headers-only secure() against the floor of the same headers, per request. */
export async function headersOnlyBench(): Promise<BenchSection> {
  const all = runs('headers-only');
  const ours = ratio(all, HEADERS_ONLY, OWN_FLOOR);
  return {
    title: 'Middleware cost per request: headers-only secure() vs the setHeader floor',
    method: `In processes of their own. ${METHOD}`,
    rows: [HEADERS_ONLY, OWN_FLOOR, OWN_FLOOR_COPY].map((name) => [
      name,
      `${(median(all.map((r) => r[name]!)) / 1000).toFixed(2)} µs`,
      `${ratio(all, name, OWN_FLOOR).median.toFixed(3)}× floor`,
      name === OWN_FLOOR ? '' : range(ratio(all, name, OWN_FLOOR), 3),
    ]),
    headline: `headers-only secure() costs ${ours.median.toFixed(3)}× the setHeader floor (${range(ours, 3)}; the floor written again: ${ratio(all, OWN_FLOOR_COPY, OWN_FLOOR).median.toFixed(3)}×)`,
  };
}
