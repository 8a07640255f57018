import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { compile, isEndpointRequest, NO_CACHE_HEADERS, runGates, type Engine } from './engine.js';
import { finalizeEarlyHints } from './finalize-early-hints.js';
import { finalizeRespond } from './finalize-h2-respond.js';
import { finalizeOn } from './finalize-on-head.js';
import { nonceOf, setCsp } from './node-csp.js';
import { receiveNode, writeAnswer } from './node-endpoint.js';
import { nodeView } from './node-view.js';
import { forwardedProto, PARTS, type Part } from './part.js';
import type { Middleware, Next, RequestView } from './types.js';

/**
 * Applies an engine to one node request: the gates first (answering when one refuses or
 * redirects), then the headers. Returns true when the request was answered here.
 */
export function applyNode(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  /** Create res.locals for the nonce when the response has none (not for Fastify: request.cspNonce). */
  locals = true,
): boolean {
  let view: RequestView | undefined;
  // Our own answers (a refusal, a redirect, a report received) are secure answers too: the
  // engine's headers, and nothing a framework set before us (Express's X-Powered-By).
  if (engine.endpoint && req.method === 'POST' && isEndpointRequest(engine, (view = nodeView(req)))) {
    setFixedHeaders(engine, req, res);
    receiveNode(engine.endpoint, view, req, res);
    return true;
  }
  if (engine.gates.length > 0) {
    const answer = runGates(engine, (view = nodeView(req)));
    if (answer) {
      setFixedHeaders(engine, req, res);
      writeAnswer(res, answer);
      return true;
    }
  }
  setNodeHeaders(engine, req, res, view, locals);
  return false;
}

/**
 * The header half of applyNode, for a request the gates have let through: the engine's headers,
 * the CSP with a fresh nonce, and the finalizing writeHead. Also used by the fetch adapter when
 * a Node response stands behind the Request (@hono/node-server).
 */
export function setNodeHeaders(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  view: RequestView | undefined,
  locals: boolean,
): void {
  setFixedHeaders(engine, req, res);
  const csp = engine.csp;
  if (csp) {
    // A second policy on the response (an enforced one and a report-only candidate) carries the
    // nonce the first gave the page's scripts: a fresh one would block them all.
    const nonce = setCsp(req, res, csp, csp.parts.length > 1 ? nonceOf(req) : undefined, locals);
    const candidate = engine.candidate;
    if (candidate)
      setCsp(req, res, candidate, candidate.parts.length > 1 ? (nonce ?? nonceOf(req)) : undefined, locals);
  }
  if (engine.noStore?.((view ??= nodeView(req)).path))
    for (const [name, value] of NO_CACHE_HEADERS) res.setHeader(name, value);
  if (engine.respond.length > 0) {
    view ??= nodeView(req);
    for (const respond of engine.respond) respond(view, (name, value) => appendHeader(res, name, value));
  }
  if (engine.finalizers.run.length > 0) {
    finalizeOn(res, engine.finalizers);
    finalizeEarlyHints(res, engine.finalizers);
    // The version first: `stream` is missing on an HTTP/1 response, a walk up its prototypes.
    if (req.httpVersionMajor === 2) {
      const stream = (res as { stream?: object }).stream;
      if (stream !== undefined) finalizeRespond(stream, res, engine.finalizers);
    }
  }
}

function appendHeader(res: ServerResponse, name: string, value: string): void {
  const prior = res.getHeader(name);
  if (prior === undefined) res.setHeader(name, value);
  else res.setHeader(name, [...(Array.isArray(prior) ? prior : [String(prior)]), value]);
}

/**
 * The engine's fixed headers: what a framework set before us is removed first, then one list is
 * set, with or without the HTTPS-only headers. One loop over a list chosen per request costs less
 * than a second loop for HSTS, and removeHeader of an absent name less than hasHeader before it
 * (bench/middleware.ts). The removed names are ours (X-Powered-By, Server), none of those that
 * removeHeader treats specially (Date, Content-Length...).
 */
function setFixedHeaders(engine: Engine, req: IncomingMessage, res: ServerResponse): void {
  const remove = engine.remove;
  for (let i = 0; i < remove.length; i++) res.removeHeader(remove[i] as string);
  const headers =
    engine.httpsHeaders.length > 0 && isNodeHttps(req, engine.trustProxy)
      ? engine.headersOverHttps
      : engine.headers;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i] as readonly [string, string];
    res.setHeader(pair[0], pair[1]);
  }
}

/** isHttps() without building a view, for the header path that every request takes. */
function isNodeHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  // The proxy's word first: behind one (the usual deployment) the socket is plain, and a
  // missing property looked up along net.Socket's prototype chain is the slower test.
  if (trustProxy && forwardedProto(req.headers['x-forwarded-proto']) === 'https') return true;
  return (req.socket as TLSSocket | undefined)?.encrypted === true;
}

/** True when an engine only sets and removes fixed headers: no gate, nonce, finalizer or endpoint. */
function headersOnly(engine: Engine): boolean {
  return (
    engine.gates.length === 0 &&
    !engine.endpoint &&
    !engine.csp &&
    !engine.noStore &&
    engine.respond.length === 0 &&
    engine.finalizers.run.length === 0
  );
}

/**
 * The middleware of a headers-only engine: the flat loop of setHeader calls and nothing else,
 * so that it costs what setting those headers by hand costs (bench/middleware.ts measures it
 * against exactly that).
 */
function headerSetter(engine: Engine): Middleware {
  return function (req: IncomingMessage, res: ServerResponse, next?: Next): void {
    setFixedHeaders(engine, req, res);
    next?.();
  };
}

/** A middleware that carries the parts it was compiled from. */
export type PartMiddleware = Middleware & { readonly [PARTS]: readonly Part[] };

/**
 * Turns parts into a Connect/Express middleware (also usable from node:http with a `next`
 * callback), carrying the parts so that secure() and the adapters can compose them.
 */
export function toMiddleware(name: string, parts: readonly Part[]): PartMiddleware {
  const engine = compile(parts);
  const middleware = headersOnly(engine)
    ? headerSetter(engine)
    : function (req: IncomingMessage, res: ServerResponse, next?: Next): void {
        if (!applyNode(engine, req, res)) next?.();
      };
  Object.defineProperty(middleware, 'name', { value: name });
  return Object.assign(middleware, { [PARTS]: parts });
}
