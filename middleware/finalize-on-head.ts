/* eslint-disable @typescript-eslint/unbound-method -- this module takes writeHead off a response
   (or its prototype) to call it later with that response as this */
import type { ServerResponse } from 'node:http';
import { finalizeStore, mergeFinalizers, type Finalizers } from './engine.js';
import { objectStore, type HeaderObject } from './object-header-store.js';
import { addOwn } from './own-property.js';
import type { HeaderStore } from './part.js';

const PRIOR_WRITE_HEAD = Symbol.for('checksecure.writeHead');
const FINALIZERS = Symbol.for('checksecure.finalizers');

type WriteHead = ServerResponse['writeHead'];

/**
 * Our writeHead functions carry the finalizers they run (so stacked middleware can merge them)
 * and the writeHead of the response's own they hand over to: none means the one its prototype
 * chain has, looked up at each call (an APM's patch of Node's is still called).
 */
type FinalizingWriteHead = WriteHead & { [FINALIZERS]: Finalizers; [PRIOR_WRITE_HEAD]?: WriteHead };

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

/**
 * Moves headers passed to writeHead onto the response, so finalizers see one set of headers.
 * False, moving nothing, for an array Node itself refuses (an odd number of entries): Node then
 * says so, as it would without us.
 */
function absorbHeaders(res: ServerResponse, headers: unknown): boolean {
  if (Array.isArray(headers)) {
    // [name, value, name, value] or [[name, value]]: repeated names are kept.
    const flat = Array.isArray(headers[0]) ? (headers as [string, string][]).flat() : (headers as string[]);
    if (flat.length % 2 !== 0) return false;
    // Keyed by lower-case name, sent under the first spelling the app gave (Node keeps case).
    const grouped = new Map<string, [string, string[]]>();
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = String(flat[i]);
      let entry = grouped.get(name.toLowerCase());
      if (!entry) grouped.set(name.toLowerCase(), (entry = [name, []]));
      // A value may itself be a list (['Set-Cookie', ['a=1', 'sid=2']]): each is a header line.
      const value: unknown = flat[i + 1];
      if (Array.isArray(value)) for (const v of value) entry[1].push(String(v));
      else entry[1].push(String(value));
    }
    for (const [name, values] of grouped.values())
      res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
    return true;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) res.setHeader(name, value as string | string[]);
  }
  return true;
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

/** A copy of a header object with the finalizers run on it, when it has a header they read. */
function finalizedObject(headers: HeaderObject, finalizers: Finalizers): HeaderObject {
  const copy = { ...headers };
  return finalizeStore(objectStore(copy), finalizers) ? copy : headers;
}

function runAll(res: ServerResponse, finalizers: Finalizers): void {
  const store = nodeStore(res);
  for (const finalize of finalizers.run) finalize(store);
}

/**
 * Calls a writeHead wrapper of another's that sits beneath ours (on-headers, under
 * express-session, cookie-session, compression: mounted before us, it wrapped the response
 * first). It sets its headers when it runs, after our finalizers have, and then calls the
 * writeHead it found (Node's). For that one call, the response is watched where its head is
 * serialised: Node's writeHead hands the headers to `_storeHeader`, looked up on the response,
 * so an own one runs the finalizers just before. cookie-session sets its cookie through
 * OutgoingMessage.prototype.setHeader, past any setHeader of the response's own. Where there is
 * no _storeHeader (HTTP/2's compatibility response), setHeader and appendHeader are watched.
 */
function callBeneath(
  res: ServerResponse,
  finalizers: Finalizers,
  next: WriteHead,
  args: unknown[],
): ServerResponse {
  const target = res as unknown as Partial<Record<'_storeHeader' | 'setHeader' | 'appendHeader', unknown>>;
  const watched = (
    typeof target._storeHeader === 'function' ? ['_storeHeader'] : ['setHeader', 'appendHeader']
  ) as ('_storeHeader' | 'setHeader' | 'appendHeader')[];
  const saved = watched.map((key) => [key, Object.hasOwn(res, key), target[key]] as const);
  let running = false;
  const finalize = () => {
    if (running) return;
    running = true;
    try {
      if (finalizers.on.some((name) => res.hasHeader(name))) runAll(res, finalizers);
    } finally {
      running = false;
    }
  };
  for (const [key, , original] of saved) {
    if (typeof original !== 'function') continue;
    const call = original as (...a: unknown[]) => unknown;
    target[key] =
      key === '_storeHeader'
        ? function (this: ServerResponse, ...a: unknown[]) {
            finalize();
            // Headers the wrapper passed to writeHead on a response with none set: Node hands
            // that object itself to _storeHeader, so the finalizers run on a copy of it.
            const passed = a[1];
            if (
              passed &&
              typeof passed === 'object' &&
              !Array.isArray(passed) &&
              res.getHeaderNames().length === 0
            )
              a[1] = finalizedObject(passed as HeaderObject, finalizers);
            return call.apply(this, a);
          }
        : function (this: ServerResponse, ...a: unknown[]) {
            const out = call.apply(this, a);
            finalize();
            return out;
          };
  }
  try {
    return next.apply(res, args as Parameters<WriteHead>);
  } finally {
    for (const [key, own, original] of saved) {
      if (own) target[key] = original;
      else delete target[key];
    }
  }
}

/**
 * Runs the finalizers of one response, if it has a header they read, then hands over to `next`.
 * A response with none of them (most have no Set-Cookie) goes straight on, unless a wrapper of
 * another's beneath us may still add one.
 */
function finalizingWriteHead(
  res: ServerResponse,
  finalizers: Finalizers,
  next: WriteHead,
  beneath: boolean,
  args: IArguments,
): ServerResponse {
  const on = finalizers.on;
  const n = args.length;
  const last: unknown = n > 1 ? args[n - 1] : undefined;
  const passed = last !== null && typeof last === 'object' ? last : undefined;
  let wanted = passed !== undefined && namesAny(passed, on);
  for (let i = 0; !wanted && i < on.length; i++) wanted = res.hasHeader(on[i] as string);
  if (!wanted && !beneath) return next.apply(res, args as unknown as Parameters<WriteHead>);
  const rest = Array.prototype.slice.call(args) as unknown[];
  if (wanted) {
    if (passed !== undefined && absorbHeaders(res, passed)) rest.pop();
    runAll(res, finalizers);
  }
  return beneath ? callBeneath(res, finalizers, next, rest) : next.apply(res, rest as Parameters<WriteHead>);
}

/**
 * Node writes headers in writeHead (also when res.end() calls it implicitly), so running the
 * finalizers there catches every way an app sets a header: res.cookie(), setHeader(),
 * appendHeader(), or headers passed to writeHead itself (as Fastify does). Without a `prior`,
 * one function per set of finalizers is made once and shared by every response; with one (the
 * response already had its own writeHead), the function is that response's own.
 */
function makeWriteHead(finalizers: Finalizers, prior?: WriteHead): FinalizingWriteHead {
  const writeHead = function (this: ServerResponse): ServerResponse {
    const next = prior ?? (Object.getPrototypeOf(this) as ServerResponse).writeHead;
    // eslint-disable-next-line prefer-rest-params -- no rest array on the path every response takes
    return finalizingWriteHead(this, finalizers, next, prior !== undefined, arguments);
  };
  return Object.assign(writeHead, {
    [FINALIZERS]: finalizers,
    [PRIOR_WRITE_HEAD]: prior,
  });
}

const shared = new WeakMap<Finalizers, FinalizingWriteHead>();
const merged = new WeakMap<Finalizers, WeakMap<Finalizers, Finalizers>>();

// The last pair looked up: an app has one secure(), so every response finds it here.
let lastFinalizers: Finalizers | undefined;
let lastWriteHead: FinalizingWriteHead | undefined;

function sharedWriteHead(finalizers: Finalizers): FinalizingWriteHead {
  if (finalizers === lastFinalizers) return lastWriteHead!;
  let fn = shared.get(finalizers);
  if (!fn) shared.set(finalizers, (fn = makeWriteHead(finalizers)));
  lastFinalizers = finalizers;
  return (lastWriteHead = fn);
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
 * Makes one response run the finalizers when it writes its head, as on-headers does: a
 * writeHead of the response's own, nothing on any prototype (another server in the process, a
 * metrics endpoint, never runs our code). Mount secure() first: a wrapper mounted before it
 * (express-session's) is handed over to with its headers watched, which costs that response more.
 *
 * @example
 * finalizeOn(res, engine.finalizers); // before the app sets its cookies
 */
export function finalizeOn(res: ServerResponse, finalizers: Finalizers): void {
  if (Object.hasOwn(res, 'writeHead')) {
    const current = res.writeHead as Partial<FinalizingWriteHead>;
    const earlier = current[FINALIZERS];
    if (earlier) {
      // Two checksecure middleware in a row: one function running both sets, in order.
      const prior = current[PRIOR_WRITE_HEAD];
      const both = mergePair(earlier, finalizers);
      res.writeHead = prior ? makeWriteHead(both, prior) : sharedWriteHead(both);
      return;
    }
    // Someone else's writeHead of the response's own (on-headers) beneath ours.
    res.writeHead = makeWriteHead(finalizers, res.writeHead);
    return;
  }
  // A writeHead of another's up the prototype chain (an app's app.response.writeHead that sets
  // a cookie) sits beneath ours like an on-headers wrapper.
  const proto = Object.getPrototypeOf(res) as object | null;
  if (proto !== null && wrappedByChain(res, proto)) {
    res.writeHead = makeWriteHead(finalizers, (proto as ServerResponse).writeHead);
    return;
  }
  addOwn(res, 'writeHead', sharedWriteHead(finalizers), false);
}

const chainVerdicts = new WeakMap<object, boolean>();
let lastProto: object | undefined;
let lastVerdict = false;

/**
 * Whether the writeHead a response finds on its prototype chain is not its class's own (Node's,
 * or what an APM made of it). Judged once per prototype: one server's responses share theirs.
 */
function wrappedByChain(res: ServerResponse, proto: object): boolean {
  if (proto === lastProto) return lastVerdict;
  let verdict = chainVerdicts.get(proto);
  if (verdict === undefined) {
    const own = (res as { constructor?: { prototype?: { writeHead?: unknown } } }).constructor?.prototype;
    verdict = own !== undefined && (proto as ServerResponse).writeHead !== own.writeHead;
    chainVerdicts.set(proto, verdict);
  }
  lastProto = proto;
  lastVerdict = verdict;
  return verdict;
}
