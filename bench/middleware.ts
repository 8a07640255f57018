import http from 'node:http';
import helmet from 'helmet';
import type { Middleware } from '../middleware/types.js';
import { freshPairs } from './fresh-requests.js';
import { median, type BenchSection } from './section.js';
import { shipped } from './shipped.js';

const { secure } = await shipped('middleware');

type Fn = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

const BATCH = 2_000;
const ROUNDS = 61;

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

/**
 * secure() against helmet() and against the floor, per request, in one process: the cases run
 * in interleaved rounds so drift (JIT, GC, a noisy neighbour) touches them all alike.
 */
/** Interleaved rounds of the cases in this process; the median time per call of each. */
function interleave(cases: [string, Fn][]): Map<string, number> {
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (const [, fn] of cases) for (let i = 0; i < 3; i++) timeBatch(fn); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of round % 2 ? [...cases].reverse() : cases) samples.get(name)!.push(timeBatch(fn));
  }
  return new Map([...samples].map(([name, xs]) => [name, median(xs)]));
}

const METHOD = `${ROUNDS} interleaved rounds of ${BATCH} calls per case (median of rounds), each call on fresh real node:http IncomingMessage/ServerResponse objects built outside the timed region, followed by what the app does (set Content-Type, writeHead(200), where Node serializes the headers and finalizers run). The floor calls setHeader for exactly the headers the named middleware sets, from a precomputed list.`;

/**
 * secure() with everything on against helmet() and against the floor of helmet's headers, per
 * request, interleaved in one process.
 */
export async function middlewareBench(): Promise<BenchSection> {
  const full = 'secure(), everything on (nonce, CSRF, cookies, redirect)';
  const helmetFn = helmet() as unknown as Fn;
  const ns = interleave([
    ['helmet()', helmetFn],
    [full, secure() as Middleware as Fn],
    ['floor: setHeader loop (helmet set)', floorFor(headersOf(helmetFn))],
  ]);
  const helmetNs = ns.get('helmet()')!;
  const floorNs = ns.get('floor: setHeader loop (helmet set)')!;
  return {
    title: 'Middleware cost per request: secure() vs helmet()',
    method: `One process. ${METHOD}`,
    rows: [...ns].map(([name, value]) => [
      name,
      `${(value / 1000).toFixed(2)} µs`,
      `${(value / helmetNs).toFixed(2)}× helmet`,
      `${(value / floorNs).toFixed(2)}× the floor of helmet's headers`,
    ]),
    headline: `secure() with everything on costs ${(ns.get(full)! / helmetNs).toFixed(2)}× helmet()`,
  };
}

/**
 * A headers-only secure() against the floor of the same headers, in a process of its own: a
 * real app runs one middleware, and sharing a process with the other cases would blur both
 * with each other's JIT feedback (the engine's code is shared by every secure()).
 */
export async function headersOnlyBench(): Promise<BenchSection> {
  const ours = secure({
    httpsRedirect: false,
    csrf: false,
    sessionCookie: false,
    contentSecurityPolicy: false,
  }) as Middleware as Fn;
  const name = 'secure(), headers only';
  const ns = interleave([
    [name, ours],
    ['floor: setHeader loop (the same headers)', floorFor(headersOf(ours))],
  ]);
  const floorNs = ns.get('floor: setHeader loop (the same headers)')!;
  return {
    title: 'Middleware cost per request: headers-only secure() vs the setHeader floor',
    method: `One process of its own. ${METHOD}`,
    rows: [...ns].map(([label, value]) => [
      label,
      `${(value / 1000).toFixed(2)} µs`,
      `${(value / floorNs).toFixed(3)}× floor`,
      '',
    ]),
    headline: `headers-only secure() costs ${(ns.get(name)! / floorNs).toFixed(3)}× the setHeader floor`,
  };
}
