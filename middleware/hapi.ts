import type { IncomingMessage, ServerResponse } from 'node:http';
import { compile } from './engine.js';
import { applyNode } from './node-adapter.js';
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

/** What the plugin uses of a hapi server. */
export interface HapiServerLike {
  ext(event: 'onRequest', method: (request: HapiRequestLike, h: HapiToolkitLike) => symbol): void;
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
  },
};

export type { SecureOptions };
