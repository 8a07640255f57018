import http from 'node:http';
import { forwardedProto } from '../middleware/part.js';

/** The node request a response object keeps: supertest's `req`, axios's `request`, IncomingMessage's `req`. */
function clientRequest(received: unknown): http.ClientRequest | undefined {
  if (!received || typeof received !== 'object') return undefined;
  const { req, request } = received as { req?: unknown; request?: unknown };
  if (req instanceof http.ClientRequest) return req;
  if (request instanceof http.ClientRequest) return request;
  return undefined;
}

/**
 * How the request behind a response in hand reached the app, judged as secure() judges it:
 * `https` over TLS or with `X-Forwarded-Proto: https`, else `http`. Undefined when the response
 * no longer knows its request (fetch, undici, Playwright, a plain object).
 *
 * @example
 * requestScheme(await request(app).get('/')) // 'http'
 * requestScheme(await request(app).get('/').set('X-Forwarded-Proto', 'https')) // 'https'
 */
export function requestScheme(received: unknown): 'http' | 'https' | undefined {
  const req = clientRequest(received);
  if (req === undefined) return undefined;
  if (req.protocol === 'https:') return 'https';
  const proto = req.getHeader('x-forwarded-proto');
  return forwardedProto(typeof proto === 'number' ? String(proto) : proto) === 'https' ? 'https' : 'http';
}
