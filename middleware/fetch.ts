import type { IncomingMessage, ServerResponse } from 'node:http';
import { compile, decorate, isEndpointRequest, mergeFinalizers, runGates, type Engine } from './engine.js';
import { setNodeHeaders } from './node-adapter.js';
import { isHttps, partsOf, type HeaderStore } from './part.js';
import { hostOf, urlParts, type UrlParts } from './url-parts.js';
import { MiddlewareOptionError } from './validate.js';
import { secure as secureMiddleware, type SecureOptions } from './secure.js';
import { requestHost, type NodeRequestLike } from './authority.js';
import type { Answer, RequestView } from './types.js';

/** A Web-standard handler: Hono's app.fetch, a Worker, Bun.serve, Deno.serve, Next.js middleware. */
export type FetchHandler<Rest extends unknown[] = unknown[]> = (
  request: Request,
  ...rest: Rest
) => Response | Promise<Response>;

export interface FetchSecureOptions extends SecureOptions {
  /** The client address for rate limits, when the runtime knows it (it is not on a Request). */
  clientAddress?: (request: Request) => string | undefined;
}

const nonces = new WeakMap<Request, string>();

/**
 * The CSP nonce of a request handled by `withSecurity`, for `<script nonce>`.
 *
 * @example
 * app.get('/', (c) => c.html(`<script nonce="${cspNonce(c.req.raw)}">…</script>`));
 */
export function cspNonce(request: Request): string | undefined {
  return nonces.get(request);
}

/** The Node request behind a fetch handler, when the runtime passes it (@hono/node-server's env). */
interface NodeIncoming extends NodeRequestLike {
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string; encrypted?: boolean };
}

function nodeIncoming(env: unknown): NodeIncoming | undefined {
  const incoming = (env as { incoming?: unknown } | null | undefined)?.incoming as NodeIncoming | undefined;
  return incoming && typeof incoming.headers === 'object' && incoming.headers !== null ? incoming : undefined;
}

/**
 * The Node response behind a fetch handler, while its head is unwritten. @hono/node-server
 * writes a Response as `outgoing.writeHead(status, headers)`, which Node merges over headers
 * already set: so ours can be set on it as the Express middleware sets them, for less than
 * the Response's Web Headers cost (each set validated and kept sorted).
 */
function nodeOutgoing(env: unknown): ServerResponse | undefined {
  const outgoing = (env as { outgoing?: Partial<ServerResponse> }).outgoing;
  return outgoing &&
    typeof outgoing.setHeader === 'function' &&
    typeof outgoing.writeHead === 'function' &&
    outgoing.headersSent === false
    ? (outgoing as ServerResponse)
    : undefined;
}

function view(
  request: Request,
  url: UrlParts,
  remoteAddress: string | undefined,
  incoming: NodeIncoming | undefined,
): RequestView {
  // Under @hono/node-server, request.headers is built from the Node request on first use (a Web
  // Headers object, validated entry by entry): the Node request's own headers are the same
  // values, already parsed, and reading them spares every request that work.
  const read = incoming
    ? (name: string) => {
        const value = incoming.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      }
    : (name: string) => request.headers.get(name) ?? undefined;
  return {
    method: request.method,
    path: url.path,
    url: url.target,
    // Behind a Node server, the Node request says which host was asked for and whether the
    // connection is TLS: @hono/node-server builds the Request URL from what the client wrote (an
    // absolute-form target, :scheme), or from its own address when no host came. Elsewhere a
    // Request has no Host header of its own: its URL carries the host, and its scheme how the
    // client reached the runtime (Workers, Deno); proxies add X-Forwarded-Proto.
    header: incoming
      ? (name) => (name === 'host' ? requestHost(incoming) : read(name))
      : (name) => read(name) ?? (name === 'host' ? hostOf(url.href) : undefined),
    encrypted: incoming ? incoming.socket?.encrypted === true : url.https,
    remoteAddress,
  };
}

/** An answer of ours (a refusal, a redirect, a report received), with the engine's headers. */
function ours(engine: Engine, view: RequestView, answer: Answer): Response {
  const headers = new Headers(answer.headers);
  const fixed = isHttps(view, engine.trustProxy) ? engine.headersOverHttps : engine.headers;
  for (const [name, value] of fixed) if (!headers.has(name)) headers.set(name, value);
  return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers });
}

async function readLimited(request: Request, limit: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return undefined;
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function finish(
  engine: Engine,
  response: Response,
  headers: readonly (readonly [string, string])[],
): Response {
  let out = response;
  try {
    applyHeaders(engine, out.headers, headers);
  } catch {
    // Responses from fetch() or Response.redirect() have immutable headers: copy them once.
    out = new Response(response.body, response);
    applyHeaders(engine, out.headers, headers);
  }
  return out;
}

function applyHeaders(
  engine: Engine,
  target: Headers,
  headers: readonly (readonly [string, string])[],
): void {
  for (let i = 0; i < headers.length; i++) {
    const [name, value] = headers[i] as readonly [string, string];
    // Lower-casing only names of the right length: most of the engine's are not Set-Cookie.
    if (name.length === 10 && name.toLowerCase() === 'set-cookie') target.append(name, value);
    // A header the handler set itself wins, as a route's own header does after the Express
    // middleware: that is how one route relaxes a policy.
    else if (!target.has(name)) target.set(name, value);
  }
  for (const name of engine.remove) target.delete(name);
  if (!engine.finalizers.on.some((name) => target.has(name))) return;
  const store: HeaderStore = {
    get(name) {
      if (name.toLowerCase() === 'set-cookie') {
        const lines = target.getSetCookie();
        return lines.length ? lines : undefined;
      }
      return target.has(name) ? [target.get(name) as string] : undefined;
    },
    set(name, values) {
      const list = Array.isArray(values) ? values : [values];
      if (name.toLowerCase() === 'set-cookie') {
        target.delete(name);
        for (const line of list) target.append(name, line);
      } else target.set(name, list.join(', '));
    },
    delete: (name) => target.delete(name),
  };
  for (const finalize of engine.finalizers.run) finalize(store);
}

/**
 * Wraps a Web-standard handler with secure(): the same headers, nonce, CSRF, host and redirect
 * rules as the Express middleware. Read the nonce with `cspNonce(request)`. A header the
 * handler's Response sets itself wins over ours (that is how one route relaxes a policy).
 *
 * @example
 * import { withSecurity } from 'checksecure/fetch';
 * export default { fetch: withSecurity(app.fetch) };          // Hono on Workers, Bun, Deno
 */
export function withSecurity<Rest extends unknown[]>(
  handler: FetchHandler<Rest>,
  options: FetchSecureOptions = {},
): FetchHandler<Rest> {
  if (typeof handler !== 'function')
    throw new MiddlewareOptionError(
      `withSecurity: handler ${String(handler)} must be a function (request) => Response`,
    );
  const { clientAddress, ...secureOptions } = options;
  const engine = compile(partsOf(secureMiddleware(secureOptions)) ?? []);
  // On a Node response, headers the handler's Response brings arrive in writeHead, after ours
  // were set: what the fetch path deletes after the handler is deleted there, by a finalizer.
  const remove = engine.remove;
  const nodeEngine: Engine =
    remove.length === 0
      ? engine
      : {
          ...engine,
          finalizers: mergeFinalizers([
            engine.finalizers,
            { on: remove, run: (store) => remove.forEach((name) => store.delete(name)) },
          ]),
        };
  // Not an async function: a handler that answers synchronously (Hono's app.fetch for a sync
  // route) gets its Response back synchronously too, and the server skips a promise per request.
  return function secured(request: Request, ...rest: Rest): Response | Promise<Response> {
    const url = urlParts(request.url);
    const incoming = nodeIncoming(rest[0]);
    const v = view(request, url, clientAddress?.(request) ?? incoming?.socket?.remoteAddress, incoming);
    const endpoint = engine.endpoint;
    if (endpoint && isEndpointRequest(engine, v)) {
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return readLimited(request, endpoint.maxBodyBytes).then((body) =>
        ours(engine, v, endpoint.receive(v, contentType, body)),
      );
    }
    const answer = runGates(engine, v);
    if (answer) return ours(engine, v, answer);
    const outgoing = incoming && nodeOutgoing(rest[0]);
    if (outgoing) {
      const req = incoming as unknown as IncomingMessage & { cspNonce?: string };
      setNodeHeaders(nodeEngine, req, outgoing, v, false);
      if (req.cspNonce !== undefined) nonces.set(request, req.cspNonce);
      return handler(request, ...rest);
    }
    const decoration = decorate(engine, v);
    if (decoration.nonce !== undefined) nonces.set(request, decoration.nonce);
    const result = handler(request, ...rest);
    return result instanceof Promise || typeof (result as { then?: unknown }).then === 'function'
      ? Promise.resolve(result).then((response) => finish(engine, response, decoration.headers))
      : finish(engine, result, decoration.headers);
  };
}

export type { SecureOptions };
