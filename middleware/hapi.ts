import type { IncomingMessage, ServerResponse } from 'node:http';
import { compile, NO_CACHE_HEADERS } from './engine.js';
import { applyNode } from './node-adapter.js';
import { nodeView } from './node-view.js';
import { partsOf } from './part.js';
import { secure as secureMiddleware, type SecureOptions } from './secure.js';
import type { SecureRequest } from './types.js';

/** What the plugin uses of a hapi request (hapi's own types are not a dependency). */
export interface HapiRequestLike {
  raw: { req: IncomingMessage; res: ServerResponse };
  /** hapi's per-request application state: the nonce is `request.app.cspNonce`. */
  app: object;
}

/** What the plugin uses of hapi's response toolkit. */
export interface HapiToolkitLike {
  readonly continue: symbol;
  readonly abandon: symbol;
}

/** What the plugin uses of a hapi response, or of a Boom error's output. */
interface HapiResponseLike {
  isBoom?: boolean;
  headers?: Record<string, unknown>;
  output?: { headers: Record<string, unknown> };
  header?(name: string, value: string): unknown;
}

/** What the plugin uses of a hapi server. */
export interface HapiServerLike {
  ext(
    event: 'onRequest' | 'onPreResponse',
    method: (request: HapiRequestLike & { response?: unknown }, h: HapiToolkitLike) => symbol,
  ): void;
}

/**
 * secure() as a hapi plugin: the same parts and options, applied as each request arrives. The
 * headers go on the Node response, where hapi sets a route's own after them (so a route's header
 * wins, on errors too); a request the plugin refuses or redirects is answered there and hapi
 * leaves it alone. The nonce is `request.app.cspNonce`.
 *
 * @example
 * import { secure } from 'checksecure/hapi';
 * await server.register({ plugin: secure, options: { allowedHosts: ['example.com'] } });
 */
/** Whether a route's cache options or the response's ttl() set how it may be cached. */
function asksForCaching(request: unknown, response: HapiResponseLike): boolean {
  const ttl = (response as { settings?: { ttl?: unknown } }).settings?.ttl;
  const cache = (
    request as { route?: { settings?: { cache?: { expiresIn?: unknown; expiresAt?: unknown } | false } } }
  ).route?.settings?.cache;
  return (
    Boolean(ttl) ||
    (cache !== false &&
      cache !== undefined &&
      (cache.expiresIn !== undefined || cache.expiresAt !== undefined))
  );
}

export const secure = {
  name: 'checksecure',
  register(server: HapiServerLike, options: SecureOptions = {}): void {
    // Options are validated here, at register time, with secure()'s messages.
    const engine = compile(partsOf(secureMiddleware(options)) ?? []);
    server.ext('onRequest', (request, h) => {
      const { req, res } = request.raw;
      if (applyNode(engine, req, res, false)) return h.abandon;
      const nonce = (req as SecureRequest).cspNonce;
      if (nonce !== undefined) (request.app as { cspNonce?: string }).cspNonce = nonce;
      return h.continue;
    });
    // hapi gives every response without a Cache-Control of its own the route's `otherwise`
    // (`no-cache`), over what we set on the Node response: a confidential page gets its
    // no-store on hapi's response, unless the route chose a Cache-Control itself.
    // A page with a nonce gets `private` beside hapi's no-cache, for the same reason.
    const nonced = [engine.csp, engine.candidate].some((csp) => csp !== undefined && csp.parts.length > 1);
    if (engine.noStore || nonced) {
      const noStore = engine.noStore;
      const value = NO_CACHE_HEADERS.find(([name]) => name === 'cache-control')![1];
      server.ext('onPreResponse', (request, h) => {
        const response = request.response as HapiResponseLike | undefined;
        if (!response) return h.continue;
        const confidential = noStore?.(nodeView(request.raw.req).path) === true;
        if (!confidential && !nonced) return h.continue;
        // hapi writes the Cache-Control a route asked for (its cache options, response.ttl())
        // only as it transmits: that is the app's own, and it wins over `private`.
        if (!confidential && asksForCaching(request, response)) return h.continue;
        const headers = response.isBoom ? response.output?.headers : response.headers;
        if (headers && headers['cache-control'] === undefined) {
          const chosen = confidential ? value : 'private, no-cache';
          if (response.isBoom) headers['cache-control'] = chosen;
          else response.header?.('cache-control', chosen);
        }
        return h.continue;
      });
    }
  },
};

export type { SecureOptions };
