import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Next, LoggerOption } from './types.js';
import { integer, knownKeys } from './validate.js';

export interface RequireAjaxOptions extends LoggerOption {
  /** Status for a request without X-Requested-With: XMLHttpRequest. Default 400. */
  status?: number;
}

/**
 * Refuses requests that do not carry `X-Requested-With: XMLHttpRequest`, like django-security's
 * `require_ajax`. Mount it on the routes that only your own scripts call: a cross-site form
 * cannot set that header without a CORS preflight.
 *
 * @example
 * app.post('/api/cart', requireAjax(), addToCart);
 */
export function requireAjax(options: RequireAjaxOptions = {}) {
  knownKeys('requireAjax', options, ['status']);
  const status = integer('requireAjax: status', options.status, 400, 400, 499);
  return function checksecureRequireAjax(req: IncomingMessage, res: ServerResponse, next?: Next): void {
    if (req.headers['x-requested-with'] === 'XMLHttpRequest') return next?.();
    res
      .writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('This endpoint only answers XMLHttpRequest calls\n');
  };
}
