import { nextNonce } from './nonce.js';
import type { CspTemplate, Endpoint, Finalize, Finalizer, HeaderStore, Part } from './part.js';
import { isHttps } from './part.js';
import type { Answer, RequestView } from './types.js';

/** The no-cache headers of `noCache()`, also sent for session-cookie responses. */
export const NO_CACHE_HEADERS: readonly (readonly [string, string])[] = [
  ['cache-control', 'no-store, max-age=0'],
  ['pragma', 'no-cache'],
  ['expires', '0'],
  ['surrogate-control', 'no-store'],
];

/** Several parts merged into one plan: one header list, one gate list, at most two CSPs. */
export interface Engine {
  gates: readonly ((view: RequestView) => Answer | undefined)[];
  headers: readonly (readonly [string, string])[];
  httpsHeaders: readonly (readonly [string, string])[];
  /** `headers` and `httpsHeaders` in one list, so that an HTTPS request walks a single loop. */
  headersOverHttps: readonly (readonly [string, string])[];
  remove: readonly string[];
  /** The policy of every response: the enforced one, or the report-only one when it is alone. */
  csp: CspTemplate | undefined;
  /**
   * A report-only candidate sent beside an enforced `csp`, with the same nonce: a nonce of its
   * own would make it report every script the page marked.
   */
  candidate: CspTemplate | undefined;
  finalizers: Finalizers;
  noStore: ((path: string) => boolean) | undefined;
  respond: readonly NonNullable<Part['respond']>[];
  endpoint: Endpoint | undefined;
  trustProxy: boolean;
}

/** The finalizers of an engine, with the union of the headers they read. */
export interface Finalizers {
  readonly run: readonly Finalizer[];
  /** Lower-case, internalized names: a response with none of them needs no finalizing. */
  readonly on: readonly string[];
}

/** Merges finalizer lists (also when middleware stack on one response). */
export function mergeFinalizers(lists: readonly (Finalize | Finalizers)[]): Finalizers {
  const run: Finalizer[] = [];
  const on = new Set<string>();
  for (const f of lists) {
    if (typeof f.run === 'function') run.push(f.run);
    else run.push(...f.run);
    for (const name of f.on) on.add(intern(name.toLowerCase()));
  }
  return { run, on: [...on] };
}

/**
 * Runs the finalizers on a set of headers when it has one they read; true when they ran. The one
 * rule every way of sending a head shares (writeHead, early hints, an HTTP/2 stream).
 *
 * @example
 * if (finalizeStore(objectStore(copy), engine.finalizers)) send(copy);
 */
export function finalizeStore(store: HeaderStore, finalizers: Finalizers): boolean {
  if (!finalizers.on.some((name) => store.get(name) !== undefined)) return false;
  for (const finalize of finalizers.run) finalize(store);
  return true;
}

/** What one request gets from the engine once the gates have let it through. */
export interface Decoration {
  headers: (readonly [string, string])[];
  nonce: string | undefined;
}

function mergeHeaders(
  lists: (readonly (readonly [string, string])[] | undefined)[],
): (readonly [string, string])[] {
  // The last part to name a header wins, as when middleware run one after another. Names are
  // lower-cased once here: Node's setHeader lower-cases every name it is given, and an already
  // lower-case, internalized name spares it that work on every request (HTTP/2 sends them so anyway).
  const byName = new Map<string, readonly [string, string]>();
  for (const list of lists) {
    for (const [name, value] of list ?? [])
      byName.set(name.toLowerCase(), [intern(name.toLowerCase()), value]);
  }
  return [...byName.values()];
}

/**
 * The same characters as an internalized string (object keys are), so that Node's
 * `headers[name]` lookups find it by pointer instead of hashing a fresh string per request.
 */
export function intern(name: string): string {
  return Object.keys({ [name]: true })[0] as string;
}

/** What a response with a nonce gets when the app says nothing of its caching. */
export const PRIVATE_CACHE = ['Cache-Control', 'private'] as const;

/** Merges parts once, at setup, so that a request only walks flat arrays. */
export function compile(parts: readonly Part[]): Engine {
  // One policy per header, the last part to set it winning as for any header: an enforced
  // policy and a report-only one are two headers, and a response carries both.
  const enforced = parts.findLast((p) => p.csp && !p.csp.reportOnly)?.csp;
  const reportOnly = parts.findLast((p) => p.csp?.reportOnly)?.csp;
  const csp = enforced ?? reportOnly;
  const candidate = enforced && reportOnly;
  // A page that carries a nonce must not be stored by a shared cache, which would hand the
  // nonce to everyone (an injected <script nonce> would then run for them all). First in the
  // list: the app's own Cache-Control, set after ours, wins, and so does a part's.
  const privately: (readonly [string, string])[] =
    (csp && csp.parts.length > 1) || (candidate && candidate.parts.length > 1)
      ? [[PRIVATE_CACHE[0], PRIVATE_CACHE[1]]]
      : [];
  const headers = mergeHeaders([privately, ...parts.map((p) => p.headers)]);
  const httpsHeaders = mergeHeaders(parts.map((p) => p.httpsHeaders));
  const noStores = parts.map((p) => p.noStore).filter((f): f is (path: string) => boolean => !!f);
  return {
    gates: parts.map((p) => p.gate).filter((g): g is (view: RequestView) => Answer | undefined => !!g),
    headers,
    httpsHeaders,
    headersOverHttps: httpsHeaders.length === 0 ? headers : mergeHeaders([headers, httpsHeaders]),
    remove: [...new Set(parts.flatMap((p) => p.remove ?? []).map((name) => intern(name.toLowerCase())))],
    csp,
    candidate,
    finalizers: mergeFinalizers(parts.map((p) => p.finalize).filter((f): f is Finalize => !!f)),
    endpoint: parts.findLast((p) => p.endpoint)?.endpoint,
    respond: parts.map((p) => p.respond).filter((r): r is NonNullable<Part['respond']> => !!r),
    noStore:
      noStores.length === 0
        ? undefined
        : noStores.length === 1
          ? noStores[0]
          : (path) => noStores.some((f) => f(path)),
    trustProxy: parts.every((p) => p.trustProxy !== false),
  };
}

/** True when the request is for the engine's own endpoint (a CSP report POST). */
export function isEndpointRequest(engine: Engine, view: RequestView): boolean {
  return engine.endpoint !== undefined && view.method === 'POST' && view.path === engine.endpoint.path;
}

/** Runs the gates; the first that answers wins. */
export function runGates(engine: Engine, view: RequestView): Answer | undefined {
  for (const gate of engine.gates) {
    const answer = gate(view);
    if (answer) return answer;
  }
  return undefined;
}

/** The per-request headers, for adapters that cannot set them one by one (fetch). */
export function decorate(engine: Engine, view: RequestView): Decoration {
  const headers = [
    ...(engine.httpsHeaders.length > 0 && isHttps(view, engine.trustProxy)
      ? engine.headersOverHttps
      : engine.headers),
  ];
  let nonce: string | undefined;
  const csp = engine.csp;
  if (csp) {
    const candidate = engine.candidate;
    nonce =
      csp.parts.length > 1 || (candidate !== undefined && candidate.parts.length > 1)
        ? nextNonce()
        : undefined;
    headers.push([csp.header, nonce === undefined ? (csp.parts[0] as string) : csp.parts.join(nonce)]);
    if (candidate)
      headers.push([
        candidate.header,
        nonce === undefined ? (candidate.parts[0] as string) : candidate.parts.join(nonce),
      ]);
  }
  if (engine.noStore?.(view.path)) {
    // no-store replaces the `private` a page with a nonce gets: the fetch adapter keeps the
    // first value of a name.
    const at = headers.findIndex(([name]) => name === 'cache-control');
    if (at !== -1) headers.splice(at, 1);
    headers.push(...NO_CACHE_HEADERS);
  }
  for (const respond of engine.respond) respond(view, (name, value) => headers.push([name, value]));
  return { headers, nonce };
}
