import type { IncomingMessage, ServerResponse } from 'node:http';
import { compile, NO_CACHE_HEADERS, type Engine } from './engine.js';
import { applyNode } from './node-adapter.js';
import { partsOf } from './part.js';
import { secure as secureMiddleware, type SecureOptions } from './secure.js';
import type { SecureRequest } from './types.js';

/** What the middleware uses of a Koa context (Koa's own types are not a dependency). */
export interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The URL the browser asked for: Koa keeps it here when a mount cuts `req.url`. */
  originalUrl?: string;
  /** Koa's per-request locals: template renderers (koa-views) read them. */
  state: Record<string, unknown>;
  /** Set to false when the middleware answered the request itself. */
  respond?: boolean;
  onerror?: (error: unknown) => void;
}

/** A Koa middleware, typed structurally so that any Koa 2 or 3 app accepts it. */
export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>;

/** Every name the engine may set on a response it lets through (HSTS and no-cache included). */
function namesOf(engine: Engine): string[] {
  const names = engine.headersOverHttps.map(([name]) => name);
  if (engine.csp) names.push(engine.csp.header);
  if (engine.candidate) names.push(engine.candidate.header);
  if (engine.noStore) names.push(...NO_CACHE_HEADERS.map(([name]) => name));
  return names;
}

/**
 * Koa answers an error by removing every header of the response and then setting the error's
 * own `headers`: ours are handed over that way, for this response only. The error object is
 * left as it was once Koa has answered (a shared error must not carry one request's nonce).
 */
function keepHeadersOnError(ctx: KoaContext, names: readonly string[]): void {
  const res = ctx.res;
  const onerror = ctx.onerror;
  if (res.headersSent || typeof onerror !== 'function') return;
  const kept: Record<string, number | string | string[]> = {};
  for (const name of names) {
    const value = res.getHeader(name);
    if (value !== undefined) kept[name] = value;
  }
  ctx.onerror = function (this: KoaContext, error: unknown): void {
    if (error === null || typeof error !== 'object') return onerror.call(this, error);
    const e = error as { headers?: unknown };
    const had = Object.hasOwn(e, 'headers');
    const own = e.headers;
    try {
      // The error's own headers win, as a route's own header wins over ours.
      e.headers = { ...kept, ...(own !== null && typeof own === 'object' ? own : {}) };
    } catch {
      return onerror.call(this, error); // a frozen error: Koa's answer without our headers
    }
    try {
      onerror.call(this, error);
    } finally {
      if (had) e.headers = own;
      else delete e.headers;
    }
  };
}

/**
 * secure() as Koa middleware: the same parts and options, the headers set on the Node response
 * (where Koa writes its own), the nonce in `ctx.state.cspNonce`. A request it refuses or
 * redirects is answered here and goes no further; an error answered by Koa keeps the headers.
 *
 * @example
 * import Koa from 'koa';
 * import { secure } from 'checksecure/koa';
 * const app = new Koa();
 * app.use(secure({ allowedHosts: ['example.com'] }));
 * app.use((ctx) => { ctx.body = `<script nonce="${ctx.state.cspNonce}">…</script>`; });
 */
export function secure(options: SecureOptions = {}): KoaMiddleware {
  // Options are validated here, when the middleware is created, with secure()'s messages.
  const engine = compile(partsOf(secureMiddleware(options)) ?? []);
  const names = namesOf(engine);
  return async function secureKoa(ctx, next) {
    // Inside a mounted sub-app (koa-mount) Koa cuts req.url and keeps the whole on ctx: paths
    // are judged, and redirects built, on what the browser asked for, as under Express.
    if (ctx.originalUrl !== undefined && ctx.originalUrl !== ctx.req.url)
      (ctx.req as IncomingMessage & { originalUrl?: string }).originalUrl ??= ctx.originalUrl;
    if (applyNode(engine, ctx.req, ctx.res, false)) {
      // Answered (a refusal, a redirect, a CSP report): Koa must not write a response of its own.
      ctx.respond = false;
      return;
    }
    const nonce = (ctx.req as SecureRequest).cspNonce;
    if (nonce !== undefined) ctx.state.cspNonce = nonce;
    try {
      await next();
    } catch (error) {
      keepHeadersOnError(ctx, names);
      throw error;
    }
  };
}

export type { SecureOptions };
