import http from 'node:http';
import net from 'node:net';
import helmet from 'helmet';
import { secure } from '../middleware/secure.js';
import type { Middleware } from '../middleware/types.js';
import type { BenchSection } from './section.js';

type Fn = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

const BATCH = 2_000;
const ROUNDS = 31;

/** Fresh, real node:http objects, built outside the timed region: what a server hands middleware. */
function fresh(count: number): [http.IncomingMessage, http.ServerResponse][] {
  const socket = new net.Socket();
  return Array.from({ length: count }, () => {
    const req = new http.IncomingMessage(socket);
    req.method = 'GET';
    req.url = '/account?tab=1';
    req.headers = {
      host: 'example.com',
      'x-forwarded-proto': 'https',
      accept: 'text/html',
      'sec-fetch-site': 'same-origin',
    };
    const res = new http.ServerResponse(req);
    return [req, res];
  });
}

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * secure() against helmet() and against the floor, per request, in one process: the cases run
 * in interleaved rounds so drift (JIT, GC, a noisy neighbour) touches them all alike.
 */
export async function middlewareBench(): Promise<BenchSection> {
  const headersOnlyOptions = {
    httpsRedirect: false,
    csrf: false,
    sessionCookie: false,
    contentSecurityPolicy: false,
  } as const;
  const cases: [string, Fn][] = [
    ['helmet()', helmet() as unknown as Fn],
    ['secure(), everything on (nonce, CSRF, cookies, redirect)', secure() as Middleware as Fn],
    ['secure(), headers only', secure(headersOnlyOptions) as Middleware as Fn],
  ];
  cases.push(['floor: setHeader loop (headers-only set)', floorFor(headersOf(cases[2]![1]))]);
  cases.push(['floor: setHeader loop (helmet set)', floorFor(headersOf(cases[0]![1]))]);
  const samples = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (const [, fn] of cases) for (let i = 0; i < 3; i++) timeBatch(fn); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn] of round % 2 ? [...cases].reverse() : cases) samples.get(name)!.push(timeBatch(fn));
  }
  const ns = new Map([...samples].map(([name, xs]) => [name, median(xs)]));
  const helmetNs = ns.get('helmet()')!;
  const floorNs = ns.get('floor: setHeader loop (headers-only set)')!;
  const full = ns.get('secure(), everything on (nonce, CSRF, cookies, redirect)')!;
  const headersOnly = ns.get('secure(), headers only')!;
  return {
    title: 'Middleware cost per request: secure() vs helmet()',
    method: `One process, ${ROUNDS} interleaved rounds of ${BATCH} calls per case (median of rounds), each call on fresh real node:http IncomingMessage/ServerResponse objects built outside the timed region, followed by what the app does (set Content-Type, writeHead(200), where Node serializes the headers and finalizers run). The floors call setHeader for exactly the headers the named middleware sets, from a precomputed list.`,
    rows: [...ns].map(([name, value]) => [
      name,
      `${(value / 1000).toFixed(2)} µs`,
      `${(value / helmetNs).toFixed(2)}× helmet`,
      `${(value / floorNs).toFixed(2)}× floor`,
    ]),
    headline: `secure() with everything on costs ${(full / helmetNs).toFixed(2)}× helmet(); headers-only secure() costs ${(headersOnly / floorNs).toFixed(2)}× the setHeader floor`,
  };
}
