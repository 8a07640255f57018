import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { requestHost } from './authority.js';
import { pathOf, requestUrl } from './request-url.js';
import type { RequestView } from './types.js';

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

/**
 * What the gates read of a node request (node:http, Express, Koa's ctx.req, Fastify's and
 * hapi's raw request).
 *
 * @example
 * nodeView(req).path // '/portal/home' under app.use('/portal', …)
 */
export function nodeView(req: IncomingMessage): RequestView {
  return new NodeView(req);
}
