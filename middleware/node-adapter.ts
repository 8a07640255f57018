import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  compile,
  isEndpointRequest,
  mergeFinalizers,
  NO_CACHE_HEADERS,
  runGates,
  type Engine,
  type Finalizers,
} from './engine.js';
import { requestHost } from './authority.js';
import { nextNonce } from './nonce.js';
import { pathOf, requestUrl } from './request-url.js';
import {
  forwardedProto,
  PARTS,
  type CspTemplate,
  type Endpoint,
  type HeaderStore,
  type Part,
} from './part.js';
import type { Answer, Middleware, Next, RequestView, SecureRequest, SecureResponse } from './types.js';

/**
 * Where the CSP template of a response is kept, so a per-route override can rebuild it; the
 * nonce stays on `req.cspNonce`. A shared template, not a per-request object.
 */
export const CSP_STATE = Symbol.for('checksecure.csp');
const PRIOR_WRITE_HEAD = Symbol.for('checksecure.writeHead');
const FINALIZERS = Symbol.for('checksecure.finalizers');

type Hardened = ServerResponse & { [CSP_STATE]?: CspTemplate };

type WriteHead = ServerResponse['writeHead'];

/**
 * Our writeHead functions carry the finalizers they run (so stacked middleware can merge them)
 * and the writeHead they hand over to: none means the response's prototype's.
 */
type FinalizingWriteHead = WriteHead & { [FINALIZERS]: Finalizers; [PRIOR_WRITE_HEAD]?: WriteHead };

// Written only once a per-route cspDirectives() exists: the state is there for it alone, and
// every property added to a response costs each request a shape transition.
let cspStateWanted = false;

/** Called by cspDirectives() when it is created. */
export function keepCspState(): void {
  cspStateWanted = true;
}

/**
 * A read-only view of a node request. A class, not an object literal with closures: it is
 * created per request on the hot path, and the path is only split when a gate asks for it.
 */
class NodeView implements RequestView {
  readonly #req: IncomingMessage;
  #path: string | undefined;
  #url: string | undefined;
  // Read once: under Express every request has a V8 map of its own, so each read of a property
  // of it misses V8's caches and walks the prototype chain (to the headers accessor here).
  #headers: IncomingMessage['headers'] | undefined;
  constructor(req: IncomingMessage) {
    this.#req = req;
  }
  get method(): string {
    return this.#req.method ?? 'GET';
  }
  get url(): string {
    // Under a mount (app.use('/portal', secure())) Express cuts req.url; paths are matched, and
    // redirects built, on what the browser asked for. Read once: originalUrl is missing on a
    // plain node request, and a missing property is looked up along the whole prototype chain.
    return (this.#url ??= requestUrl(this.#req));
  }
  get path(): string {
    this.#path ??= pathOf(this.url);
    return this.#path;
  }
  header(name: string): string | undefined {
    // :authority on HTTP/2, an absolute-form target's host, never one of two Host fields.
    if (name === 'host') return requestHost(this.#req, this.url);
    const headers = (this.#headers ??= this.#req.headers);
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  }
  get encrypted(): boolean {
    return (this.#req.socket as TLSSocket | undefined)?.encrypted === true;
  }
  get remoteAddress(): string | undefined {
    return this.#req.socket?.remoteAddress;
  }
}

export function nodeView(req: IncomingMessage): RequestView {
  return new NodeView(req);
}

/**
 * Reads a POST body for an endpoint, never more than its limit: a declared Content-Length over
 * the limit is refused before a byte is read, and a body that grows past it is cut off.
 */
function receiveNode(endpoint: Endpoint, view: RequestView, req: IncomingMessage, res: ServerResponse): void {
  const contentType = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const declared = Number(req.headers['content-length']);
  const finish = (body: Buffer | undefined) => {
    const answer = endpoint.receive(view, contentType, body);
    // HTTP/2 has no Connection header (Node drops it with a warning): the stream ends alone.
    if (body === undefined && req.httpVersionMajor < 2)
      answer.headers = { ...answer.headers, Connection: 'close' };
    writeAnswer(res, answer);
  };
  if (Number.isFinite(declared) && declared > endpoint.maxBodyBytes) {
    finish(undefined);
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > endpoint.maxBodyBytes) {
      done = true;
      chunks.length = 0;
      finish(undefined);
      req.resume();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    finish(Buffer.concat(chunks, size));
  });
  req.on('error', () => {
    done = true;
  });
}

/** Sends a gate's answer (a refusal or a redirect) and ends the response. */
export function writeAnswer(res: ServerResponse, answer: Answer): void {
  // Whatever the engine holds (a standalone csrf() holds no header of its own), an answer of
  // ours never names the framework.
  res.removeHeader('x-powered-by');
  res.writeHead(answer.status, { 'Content-Length': Buffer.byteLength(answer.body), ...answer.headers });
  res.end(answer.body);
}

/** The response's own headers as a HeaderStore, for the finalizers. */
function nodeStore(res: ServerResponse): HeaderStore {
  return {
    get(name) {
      const value = res.getHeader(name);
      return value === undefined ? undefined : Array.isArray(value) ? value.map(String) : [String(value)];
    },
    set: (name, values) => void res.setHeader(name, values),
    delete: (name) => res.removeHeader(name),
  };
}

/** Moves headers passed to writeHead onto the response, so finalizers see one set of headers. */
function absorbHeaders(res: ServerResponse, headers: unknown): void {
  if (Array.isArray(headers)) {
    // [name, value, name, value] or [[name, value]]: repeated names are kept.
    const flat = Array.isArray(headers[0]) ? (headers as [string, string][]).flat() : (headers as string[]);
    const grouped = new Map<string, string[]>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = String(flat[i]);
      const list = grouped.get(name.toLowerCase()) ?? [];
      // A value may itself be a list (['Set-Cookie', ['a=1', 'sid=2']]): each is a header line.
      const value: unknown = flat[i + 1];
      if (Array.isArray(value)) for (const v of value) list.push(String(v));
      else list.push(String(value));
      grouped.set(name.toLowerCase(), list);
    }
    for (const [name, values] of grouped)
      res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    return;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) res.setHeader(name, value as string | string[]);
  }
}

/** True when writeHead's own headers (an object or a flat/nested array) name one of `names`. */
function namesAny(headers: object, names: readonly string[]): boolean {
  if (Array.isArray(headers)) return true; // rare (raw header arrays): always absorb them
  // Fastify passes every response's headers here: compare lengths before lower-casing a key.
  for (const key in headers) {
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (key.length === name.length && (key === name || key.toLowerCase() === name)) return true;
    }
  }
  return false;
}

/**
 * Runs the finalizers of one response, if it has a header they read, then hands over to `next`.
 * A response with none of them (most have no Set-Cookie) goes straight on.
 */
function finalizingWriteHead(
  res: ServerResponse,
  finalizers: Finalizers,
  next: WriteHead,
  args: IArguments,
): ServerResponse {
  const on = finalizers.on;
  const n = args.length;
  const last: unknown = n > 1 ? args[n - 1] : undefined;
  const passed = last !== null && typeof last === 'object' ? last : undefined;
  let wanted = passed !== undefined && namesAny(passed, on);
  for (let i = 0; !wanted && i < on.length; i++) wanted = res.hasHeader(on[i] as string);
  if (!wanted) return next.apply(res, args as unknown as Parameters<WriteHead>);
  const rest = Array.prototype.slice.call(args) as unknown[];
  if (passed !== undefined) {
    absorbHeaders(res, passed);
    rest.pop();
  }
  const store = nodeStore(res);
  for (const finalize of finalizers.run) finalize(store);
  return next.apply(res, rest as Parameters<WriteHead>);
}

/**
 * Node writes headers in writeHead (also when res.end() calls it implicitly), so running the
 * finalizers there catches every way an app sets a header: res.cookie(), setHeader(),
 * appendHeader(), or headers passed to writeHead itself (as Fastify does).
 *
 * Without a `prior`, one function per set of finalizers is made once and shared by every
 * response, handing over to the prototype's writeHead: a request adds one property to its
 * response (Express slowed by ~20 µs with three). With one (the response already had its own
 * writeHead: on-headers, another wrapper), the function is that response's own and keeps its
 * prior itself, so wrappers interleaved with ours each run exactly once.
 */
function makeWriteHead(finalizers: Finalizers, prior?: WriteHead): FinalizingWriteHead {
  const writeHead = function (this: ServerResponse): ServerResponse {
    const next = prior ?? (Object.getPrototypeOf(this) as ServerResponse).writeHead;
    // eslint-disable-next-line prefer-rest-params -- no rest array on the path every response takes
    return finalizingWriteHead(this, finalizers, next, arguments);
  };
  return Object.assign(writeHead, {
    [FINALIZERS]: finalizers,
    [PRIOR_WRITE_HEAD]: prior,
  }) as FinalizingWriteHead;
}

const writeHeads = new WeakMap<Finalizers, FinalizingWriteHead>();
const merged = new WeakMap<Finalizers, WeakMap<Finalizers, Finalizers>>();

function writeHeadFor(finalizers: Finalizers): FinalizingWriteHead {
  let fn = writeHeads.get(finalizers);
  if (!fn) writeHeads.set(finalizers, (fn = makeWriteHead(finalizers)));
  return fn;
}

/** Two checksecure middleware on one response: their finalizers in order, merged once per pair. */
function mergePair(earlier: Finalizers, later: Finalizers): Finalizers {
  let byLater = merged.get(earlier);
  if (!byLater) merged.set(earlier, (byLater = new WeakMap()));
  let both = byLater.get(later);
  if (!both) byLater.set(later, (both = mergeFinalizers([earlier, later])));
  return both;
}

/**
 * Express swaps the prototype of every req and res it handles (to its app.request and
 * app.response, which change again as a request enters and leaves a mounted sub-app). V8 then
 * gives each such object a map of its own, so a property added to one builds a fresh map: 2 to
 * 4 µs a property per Express request, where helmet adds none. Such objects keep our state in
 * WeakMaps instead, read through the object their chains all share: the one just below their
 * class's prototype (Express's own request and response objects, under every app's). Returns
 * that object, or undefined for an object whose prototype is its class's (node:http, Fastify).
 */
function swappedBase(o: object): object | undefined {
  const proto = Object.getPrototypeOf(o) as object | null;
  if (proto === null) return undefined;
  // Keyed by the object's prototype: reading `constructor` up an Express chain costs more.
  let base = bases.get(proto);
  if (base === undefined) bases.set(proto, (base = findBase(o, proto)));
  return base ?? undefined;
}

const bases = new WeakMap<object, object | null>();

function findBase(o: object, proto: object): object | null {
  const classPrototype = (o as { constructor?: { prototype?: unknown } }).constructor?.prototype;
  if (proto === classPrototype || classPrototype === undefined) return null;
  let p: object | null = proto;
  for (let depth = 0; p !== null && depth < 16; depth++) {
    const up = Object.getPrototypeOf(p) as object | null;
    if (up === classPrototype) return Object.isExtensible(p) ? p : null;
    p = up;
  }
  return null;
}

/** The finalizers of responses whose writeHead is the hook on their shared prototype. */
const pending = new WeakMap<ServerResponse, Finalizers>();
const hooked = new WeakSet<object>();

/**
 * Puts on a shared prototype (see swappedBase) a writeHead that runs the finalizers registered
 * for the response, and for any other response hands over at once to the writeHead it hid.
 */
function hookPrototype(base: ServerResponse): boolean {
  if (hooked.has(base)) return true;
  // Frozen since swappedBase() first saw it: defining would throw, so the response gets its own.
  if (!Object.isExtensible(base)) return false;
  hooked.add(base);
  // What it hides: a writeHead of its own if it had one, else its class's, looked up at each call
  // so that a later patch of the class's (an APM's) is still called.
  const own = Object.hasOwn(base, 'writeHead') ? base.writeHead : undefined;
  const above = Object.getPrototypeOf(base) as ServerResponse;
  const hook = function (this: ServerResponse): ServerResponse {
    const prior = own ?? above.writeHead;
    const finalizers = pending.get(this);
    // eslint-disable-next-line prefer-rest-params -- as in makeWriteHead
    if (finalizers === undefined) return prior.apply(this, arguments as unknown as Parameters<WriteHead>);
    // eslint-disable-next-line prefer-rest-params
    return finalizingWriteHead(this, finalizers, prior, arguments);
  };
  Object.defineProperty(base, 'writeHead', {
    value: hook,
    writable: true,
    configurable: true,
  });
  return true;
}

/** Responses whose finalizers run again beneath a writeHead wrapper of another's (see finalizeOn). */
const beneath = new WeakMap<ServerResponse, Finalizers>();
/** The hook on http.ServerResponse.prototype, once installed: Node's writeHead as others find it. */
let classWriteHead: WriteHead | undefined;
let classHookTried = false;

/**
 * Puts on http.ServerResponse.prototype a writeHead that runs the finalizers registered in
 * `beneath` for the response, then Node's own. A wrapper such as on-headers (under
 * express-session, cookie-session, compression) sets its headers when it runs, beneath ours, then
 * calls the writeHead it found when it was made: installed as the first middleware with
 * finalizers is created, before any request, this hook is what such a wrapper finds. Any other
 * response goes straight on to Node's writeHead. Skipped where there is no node:http (the fetch
 * adapter on Workers).
 */
function hookServerResponse(): void {
  if (classHookTried) return;
  classHookTried = true;
  const process = (globalThis as { process?: NodeJS.Process }).process;
  const http = process?.getBuiltinModule?.('node:http');
  const proto = http?.ServerResponse?.prototype;
  if (!proto || !Object.isExtensible(proto)) return;
  const original = proto.writeHead;
  const hook = function (this: ServerResponse): ServerResponse {
    const finalizers = beneath.get(this);
    // eslint-disable-next-line prefer-rest-params -- as in makeWriteHead
    if (finalizers === undefined) return original.apply(this, arguments as unknown as Parameters<WriteHead>);
    // eslint-disable-next-line prefer-rest-params
    return finalizingWriteHead(this, finalizers, original, arguments);
  };
  Object.defineProperty(proto, 'writeHead', { value: hook, writable: true, configurable: true });
  classWriteHead = hook as WriteHead;
}

/**
 * When what our writeHead hands over to is not Node's own but a wrapper of another's, the
 * finalizers run again beneath it, on what it set (they leave a header they already finalized
 * as it is).
 */
function finalizeBeneath(res: ServerResponse, finalizers: Finalizers, next: WriteHead): void {
  if (classWriteHead !== undefined && next !== classWriteHead) beneath.set(res, finalizers);
}

/** Makes a response run the finalizers when it writes its head. */
export function finalizeOn(res: ServerResponse, finalizers: Finalizers): void {
  if (!Object.hasOwn(res, 'writeHead')) {
    const base = swappedBase(res) as ServerResponse | undefined;
    // Only when nothing between the response and the hook replaces writeHead (an app's own
    // app.response.writeHead may call Node's directly and never reach the hook).
    if (base && hookPrototype(base) && res.writeHead === base.writeHead) {
      const earlier = pending.get(res);
      pending.set(res, earlier ? mergePair(earlier, finalizers) : finalizers);
      return;
    }
  }
  const current = res.writeHead as Partial<FinalizingWriteHead>;
  const earlier = current[FINALIZERS];
  if (earlier) {
    // Two checksecure middleware in a row: one function running both sets, in order.
    const prior = current[PRIOR_WRITE_HEAD];
    const both = mergePair(earlier, finalizers);
    res.writeHead = prior ? makeWriteHead(both, prior) : writeHeadFor(both);
    finalizeBeneath(res, both, prior ?? (Object.getPrototypeOf(res) as ServerResponse).writeHead);
    return;
  }
  // Someone else's writeHead beneath ours: the response's own (on-headers), or one on its
  // prototype chain (an app's app.response.writeHead).
  const next = res.writeHead;
  res.writeHead = Object.hasOwn(res, 'writeHead')
    ? makeWriteHead(finalizers, next)
    : writeHeadFor(finalizers);
  finalizeBeneath(res, finalizers, next);
}

const nonces = new WeakMap<object, string>();
const nonceProtos = new WeakSet<object>();

/**
 * Makes `req.cspNonce` an accessor of a shared prototype (see swappedBase), backed by a WeakMap,
 * so that setting it adds no property to the request. Requests that never got a nonce read
 * undefined, as before. True when the prototype has that accessor (false when it has a
 * `cspNonce` of another's, or is frozen).
 */
function nonceThroughPrototype(proto: object): boolean {
  if (nonceProtos.has(proto)) return true;
  if (Object.hasOwn(proto, 'cspNonce') || !Object.isExtensible(proto)) return false;
  nonceProtos.add(proto);
  Object.defineProperty(proto, 'cspNonce', {
    get(this: object) {
      return nonces.get(this);
    },
    set(this: object, nonce: string) {
      nonces.set(this, nonce);
    },
    configurable: true,
  });
  return true;
}

/** The nonce an earlier middleware gave this request, read as setCsp stores it. */
function nonceOf(req: IncomingMessage): string | undefined {
  const base = swappedBase(req);
  if (base && nonceProtos.has(base)) return nonces.get(req);
  return (req as SecureRequest).cspNonce;
}

/** Sets the CSP of a response with a nonce (fresh unless given) and exposes the nonce to templates. */
export function setCsp(
  req: SecureRequest,
  res: SecureResponse,
  template: CspTemplate,
  nonce?: string,
  locals = true,
): void {
  const value =
    template.parts.length > 1
      ? (nonce ??= nextNonce()) && template.parts.join(nonce)
      : (template.parts[0] as string);
  res.setHeader(template.header, value);
  if (cspStateWanted) (res as Hardened)[CSP_STATE] = template;
  if (nonce !== undefined) {
    const base = swappedBase(req);
    // Straight into the WeakMap the accessor reads: a store to the request itself would miss
    // V8's caches (see NodeView) and walk the chain to the setter.
    if (base && nonceThroughPrototype(base)) nonces.set(req, nonce);
    else req.cspNonce = nonce;
    const own = res.locals;
    if (own) own.cspNonce = nonce;
    else if (locals) res.locals = { cspNonce: nonce };
  }
}

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
  if (engine.csp) {
    // A second policy on the response (an enforced one and a report-only candidate) carries the
    // nonce the first gave the page's scripts: a fresh one would block them all.
    const nonce = engine.csp.parts.length > 1 ? nonceOf(req) : undefined;
    setCsp(req as SecureRequest, res as SecureResponse, engine.csp, nonce, locals);
  }
  if (engine.noStore?.((view ??= nodeView(req)).path))
    for (const [name, value] of NO_CACHE_HEADERS) res.setHeader(name, value);
  if (engine.respond.length > 0) {
    view ??= nodeView(req);
    for (const respond of engine.respond) respond(view, (name, value) => appendHeader(res, name, value));
  }
  if (engine.finalizers.run.length > 0) finalizeOn(res, engine.finalizers);
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
  if (engine.finalizers.run.length > 0) hookServerResponse();
  const middleware = headersOnly(engine)
    ? headerSetter(engine)
    : function (req: IncomingMessage, res: ServerResponse, next?: Next): void {
        if (!applyNode(engine, req, res)) next?.();
      };
  Object.defineProperty(middleware, 'name', { value: name });
  return Object.assign(middleware, { [PARTS]: parts });
}
