import http from 'node:http';
import { nearest } from '../util/edit-distance.js';
import { hideCredentials } from '../config/url-credentials.js';
import { describeError, TargetError } from '../core/errors.js';
import type { Adapter, Exchange, ResolvedOptions, TargetInfo } from '../core/types.js';
import { fromCaptured, isCapturedResponse, type CapturedResponse } from './captured.js';
import { FetchTransport, type FetchHandler } from './fetch-transport.js';

// The transports load on first use: a scan of a URL never loads supertest, an in-process scan
// never loads undici, and `--help` loads neither (start-up is measured in bench/).
import { isLocalHost } from './local.js';
import type { Transport } from './transport.js';

/** A Node request listener: an Express or Connect app, or `(req, res) => …`. */
export type RequestListener = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** The `{ server, ready }` shape of a Fastify instance, without depending on Fastify. */
export interface FastifyLike {
  server: http.Server;
  ready(): PromiseLike<unknown>;
}

/** A Koa app, without depending on Koa: `callback()` gives its node:http listener. */
export interface KoaLike {
  callback(): RequestListener;
  use(middleware: never): unknown;
  middleware: unknown[];
}

/** A hapi server, without depending on hapi: its `listener` dispatches once it is initialised. */
export interface HapiLike {
  listener: http.Server;
  initialize(): PromiseLike<unknown>;
  route(route: never): unknown;
  info?: { started?: number };
}

/** The in-process apps scan() accepts. */
export type AppTarget = RequestListener | http.Server | FastifyLike | KoaLike | HapiLike;

/**
 * What `scan()` accepts: a URL, an in-process app, a fetch handler (or anything with a `fetch`
 * method: a Hono app, a Worker's default export), or a response already in hand; the explicit
 * object forms remove any doubt about the kind. A misspelt key (`{ ur: … }`) does not compile.
 */
export type Target =
  | string
  | URL
  | AppTarget
  | FetchHandler
  | { fetch: FetchHandler }
  | { url: string | URL }
  | { app: AppTarget }
  | { response: CapturedResponse }
  | CapturedResponse;

export interface OpenTarget {
  info: TargetInfo;
  /** Base URL requests go to through the transport. */
  base: string;
  /** The origin the app believes it serves (https when a TLS proxy is assumed). */
  origin: string;
  /** Non-local URL targets follow redirects by absolute URL; local ones by path on `base`. */
  followAbsolute: boolean;
  /** The first path to probe when the target URL has one. */
  initialPath?: string;
  transport?: Transport;
  captured?: Exchange;
}

const isFunction = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === 'function';

function isFastify(v: unknown): v is FastifyLike {
  const f = v as Partial<FastifyLike> | null;
  return !!f && isFunction(f.ready) && f.server instanceof http.Server;
}

function isKoa(v: unknown): v is KoaLike {
  const k = v as Partial<KoaLike> | null;
  return !!k && isFunction(k.callback) && isFunction(k.use) && Array.isArray(k.middleware);
}

function isHapi(v: unknown): v is HapiLike {
  const h = v as Partial<HapiLike> | null;
  return !!h && h.listener instanceof http.Server && isFunction(h.initialize) && isFunction(h.route);
}

/** True for the framework objects that are apps without being listeners themselves (Fastify, Koa, hapi). */
export function isAppObject(v: unknown): boolean {
  return isFastify(v) || isKoa(v) || isHapi(v);
}

/** The keys of the target shapes, for a misspelt one. */
const TARGET_KEYS = ['url', 'app', 'fetch', 'response', 'status', 'statusCode', 'headers'];
const ACCEPTED =
  'a URL string or URL, { url }, an Express/Connect app, a (req, res) listener, an http.Server, a Fastify, Koa or hapi app, { app }, a fetch handler, { fetch } or an object with a fetch method (a Hono app), a response with status and headers, or { response }';

/**
 * Works out what kind of target the caller passed and opens a transport to it. In-process apps
 * get a loopback server for the duration of the scan; `close()` on the transport releases it.
 */
export async function openTarget(target: unknown, options: ResolvedOptions): Promise<OpenTarget> {
  if (typeof target === 'string' || target instanceof URL) return openUrl(target, options);
  if (target && typeof target === 'object') {
    const t = target as Record<string, unknown>;
    if ('response' in t && Object.keys(t).length === 1) return openCaptured(t.response, options);
    if ('app' in t && Object.keys(t).length === 1) return openApp(t.app, options);
    if ('url' in t && Object.keys(t).length === 1) return openUrl(t.url as string, options);
    if (isAppObject(target)) return openApp(target, options);
    if (target instanceof http.Server) return openApp(target, options);
    if (isCapturedResponse(target)) return openCaptured(target, options);
    if (isFunction(t.fetch)) return openFetch((req) => (t.fetch as FetchHandler).call(target, req), options);
  }
  if (isFunction(target)) {
    // An Express/Connect app or listener takes (req, res[, next]); a fetch handler takes (request).
    const looksLikeExpress = isFunction((target as { handle?: unknown }).handle);
    if (!looksLikeExpress && target.length === 1) return openFetch(target as FetchHandler, options);
    return openApp(target, options);
  }
  const near =
    target && typeof target === 'object'
      ? Object.keys(target)
          .map((key) => nearest(key, TARGET_KEYS))
          .find((key) => key !== undefined && !(key in target))
      : undefined;
  throw new TargetError(
    `target: ${describe(target)} is not a URL, an app, a fetch handler or a response${near ? ` (did you mean { ${near} }?)` : ''}; accepted: ${ACCEPTED}`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object')
    return `an object with keys ${Object.keys(value).slice(0, 5).join(', ') || '(none)'}`;
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 60)}`;
}

/**
 * For a host typed without its scheme ("localhost:3000", "example.com/login"), the URL it most
 * likely meant: plain HTTP on this machine, HTTPS elsewhere. URL() reads "localhost:3000" as
 * the scheme "localhost:", so the two errors above both end here.
 */
function schemeHint(input: string): string {
  if (input.includes('://') || /\s/.test(input)) return '';
  const hostname = /^([^/:?#]+)/.exec(input)?.[1];
  if (!hostname || !/^[a-z0-9.-]+$/i.test(hostname)) return '';
  const meant = `${isLocalHost(hostname) ? 'http' : 'https'}://${input}`;
  return URL.canParse(meant) ? `; did you mean ${hideCredentials(meant)}?` : '';
}

async function openUrl(input: string | URL, options: ResolvedOptions): Promise<OpenTarget> {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch (error) {
    throw new TargetError(
      `target: "${hideCredentials(String(input))}" is not a valid URL (expected http:// or https://)${schemeHint(String(input))}`,
      { cause: error },
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TargetError(
      `target: "${hideCredentials(String(input))}" is not an http:// or https:// URL${schemeHint(String(input))}`,
    );
  }
  if (url.username || url.password) {
    throw new TargetError(
      'target: credentials in the URL are not sent; pass them with headers (e.g. Authorization)',
    );
  }
  const local = isLocalHost(url.hostname);
  const assumedHttps = url.protocol === 'http:' && local && options.assumeHttps !== false;
  const https = url.protocol === 'https:' || assumedHttps;
  const base = url.origin;
  const initialPath = url.pathname + url.search;
  return {
    info: {
      kind: 'url',
      url: url.href,
      description: url.href,
      https,
      local,
      assumedHttps,
      canProbe: true,
    },
    base,
    origin: assumedHttps ? `https://${url.host}` : base,
    followAbsolute: !local,
    initialPath: initialPath === '/' ? undefined : initialPath,
    transport: new (await import('./undici-transport.js')).UndiciTransport(options),
  };
}

async function openApp(app: unknown, options: ResolvedOptions): Promise<OpenTarget> {
  let server: http.Server | RequestListener;
  let description: string;
  let adapter: Adapter | undefined;
  if (isFastify(app)) {
    await app.ready();
    server = app.server;
    description = 'in-process Fastify app';
    adapter = 'fastify';
  } else if (isKoa(app)) {
    server = app.callback();
    description = 'in-process Koa app';
    adapter = 'koa';
  } else if (isHapi(app)) {
    // Its routes answer only once initialised (caches, plugins); a started server already is,
    // and initialize() would throw on it.
    if (!app.info?.started) await app.initialize();
    server = app.listener;
    description = 'in-process hapi server';
    adapter = 'hapi';
  } else if (app instanceof http.Server) {
    server = app;
    description = 'in-process http.Server';
  } else if (isFunction(app)) {
    server = app;
    description = isFunction((app as { handle?: unknown }).handle)
      ? 'in-process Express/Connect app'
      : 'in-process request listener';
  } else {
    throw new TargetError(
      `target: app ${describe(app)} is not a request listener, an http.Server, or a Fastify, Koa or hapi app`,
    );
  }
  const { SupertestTransport } = await import('./supertest-transport.js');
  const transport = new SupertestTransport(server, options.maxBodyBytes);
  let base: string;
  try {
    base = await transport.start();
  } catch (error) {
    // A server handed over gets its own listeners back, unguarded, before the scan gives up.
    await transport.close();
    throw new TargetError(`target: the ${description} cannot listen on 127.0.0.1: ${describeError(error)}`, {
      cause: error,
    });
  }
  const assumedHttps = options.assumeHttps !== false;
  return {
    info: {
      kind: 'app',
      url: `${base}/`,
      description,
      https: assumedHttps,
      local: true,
      assumedHttps,
      canProbe: true,
      ...(adapter ? { adapter } : {}),
    },
    base,
    origin: assumedHttps ? base.replace(/^http:/, 'https:') : base,
    followAbsolute: false,
    transport,
  };
}

function openFetch(handler: FetchHandler, options: ResolvedOptions): OpenTarget {
  const assumedHttps = options.assumeHttps !== false;
  const base = assumedHttps ? 'https://localhost' : 'http://localhost';
  return {
    info: {
      kind: 'fetch',
      url: `${base}/`,
      description: 'fetch handler',
      https: assumedHttps,
      local: true,
      assumedHttps,
      canProbe: true,
      adapter: 'fetch',
    },
    base,
    origin: base,
    followAbsolute: false,
    transport: new FetchTransport(handler, options.maxBodyBytes),
  };
}

function openCaptured(response: unknown, options: ResolvedOptions): OpenTarget {
  return capturedTarget(fromCaptured(response, options.assumeHttps));
}

/** A response in hand as a target: no transport, so active probes skip their checks. */
export function capturedTarget(exchange: Exchange): OpenTarget {
  const url = new URL(exchange.url);
  return {
    info: {
      kind: 'response',
      url: exchange.url,
      description: `captured response from ${exchange.url}`,
      https: exchange.https,
      local: isLocalHost(url.hostname),
      assumedHttps: exchange.https && url.protocol === 'http:',
      canProbe: false,
    },
    base: url.origin,
    origin: url.origin,
    followAbsolute: false,
    captured: exchange,
  };
}
