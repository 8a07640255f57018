import type { Answer, RequestView } from './types.js';

/** Marks a middleware function with the compiled parts it was made from, so secure() and the adapters can compose it. */
export const PARTS = Symbol.for('checksecure.parts');

/** A CSP header whose value is `parts.join(nonce)`: the nonce is the only per-request work. */
export interface CspTemplate {
  header: string;
  parts: readonly string[];
  /** The directives it was built from, for per-route merging. */
  directives: ReadonlyMap<string, readonly string[]>;
  reportOnly: boolean;
}

/** The response headers as they are about to be written, whatever the framework. */
export interface HeaderStore {
  get(name: string): string[] | undefined;
  set(name: string, values: string | string[]): void;
  delete(name: string): void;
}

/**
 * Work done on the final headers, just before they are written: rewriting Set-Cookie lines the
 * app set (sessionCookie, csrf) or adding report targets to a policy the app set (cspReport).
 */
export type Finalizer = (headers: HeaderStore) => void;

/**
 * A finalizer and the headers it reads: when a response has none of them, writeHead skips the
 * finalizer entirely, which is what keeps it off the cost of an ordinary response.
 */
export interface Finalize {
  /** Lower-case header names; the finalizer runs only when the response has one of them. */
  readonly on: readonly string[];
  readonly run: Finalizer;
}

/** A POST endpoint owned by a middleware (cspReport), answered before the app sees the request. */
export interface Endpoint {
  path: string;
  maxBodyBytes: number;
  /** Called with the body, or undefined when it was larger than maxBodyBytes. */
  receive(view: RequestView, contentType: string, body: Buffer | undefined): Answer;
}

/**
 * One concern, compiled once when its middleware is created: the headers it always sends, the
 * headers it sends over HTTPS only, what it removes, and the gates that may answer a request
 * before the app does (a redirect, a refused cross-site POST, an unknown host).
 */
export interface Part {
  name: string;
  headers?: readonly (readonly [string, string])[];
  httpsHeaders?: readonly (readonly [string, string])[];
  remove?: readonly string[];
  csp?: CspTemplate;
  gate?: (view: RequestView) => Answer | undefined;
  finalize?: Finalize;
  /** Paths whose responses get the no-cache headers. */
  noStore?: (path: string) => boolean;
  endpoint?: Endpoint;
  /** Per-request headers that depend on the request (appended, e.g. a Set-Cookie). */
  respond?: (view: RequestView, append: (name: string, value: string) => void) => void;
  /** Whether X-Forwarded-Proto is believed when deciding that a request came over HTTPS. */
  trustProxy?: boolean;
}

/** The parts a checksecure middleware was built from, or undefined for any other function. */
export function partsOf(middleware: unknown): readonly Part[] | undefined {
  return (middleware as { [PARTS]?: readonly Part[] } | null)?.[PARTS];
}

/**
 * What X-Forwarded-Proto says the client used: its first entry (a chain of proxies appends),
 * lower-cased and trimmed. The usual single "https" or "http" is returned as it is, unsplit.
 */
export function forwardedProto(value: string | readonly string[] | undefined): string | undefined {
  if (value === 'https' || value === 'http' || value === undefined) return value;
  const text = typeof value === 'string' ? value : value[0];
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  return (comma === -1 ? text : text.slice(0, comma)).trim().toLowerCase();
}

/** True when the request reached us over HTTPS: a TLS socket, or a trusted proxy that says so. */
export function isHttps(view: RequestView, trustProxy: boolean): boolean {
  if (view.encrypted) return true;
  return trustProxy && forwardedProto(view.header('x-forwarded-proto')) === 'https';
}
