// The apps the framework benchmarks serve: bare, the peer's middleware, ours, and the floor,
// as one node:http listener each (a ready Fastify instance, whose server holds its listener),
// for a server (framework-server.ts) or an in-process call (framework-inprocess.ts).
import http from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { SecureOptions } from '../middleware/secure.js';
import { freshPairs } from './fresh-requests.js';
import { shipped } from './shipped.js';

const { secure } = await shipped('middleware');
const { withSecurity } = await shipped('fetch');
const { secure: fastifySecure } = await shipped('fastify');

export type Variant = 'bare' | 'peer' | 'ours' | 'floor';

/** The four variants, in the order the benchmarks run and print them. */
export const VARIANTS: readonly Variant[] = ['bare', 'floor', 'peer', 'ours'];

/** What each request carries: what a TLS-terminating proxy in front would send. */
export const REQUEST_HEADERS = { host: '127.0.0.1', 'x-forwarded-proto': 'https', accept: 'text/html' };

export const BODY = '<!doctype html><p>hello</p>';

/** The peer each framework's users would otherwise pick. */
export const PEERS: Record<string, string> = {
  node: 'helmet()',
  express: 'helmet()',
  fastify: '@fastify/helmet',
  hono: "Hono's secureHeaders()",
};

/**
 * The floor: the headers secure() sends to this request (its CSP with a fixed nonce), set by a
 * precomputed loop of setHeader calls and nothing else: what any middleware sending the same
 * headers must cost at least.
 */
export const FLOOR_HEADERS: readonly (readonly [string, string])[] = (() => {
  const [[req, res]] = freshPairs(1, '/', REQUEST_HEADERS) as [[http.IncomingMessage, http.ServerResponse]];
  secure()(req, res, () => {});
  return Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)] as const);
})();

/** How a variant is named in the tables. */
export function variantLabel(framework: string, variant: Variant): string {
  if (variant === 'floor') return "floor (secure()'s headers set by a flat setHeader loop)";
  if (variant === 'peer') return PEERS[framework] ?? 'the peer';
  return variant === 'ours' ? 'checksecure secure()' : 'bare';
}

export function setFloor(res: http.ServerResponse): void {
  for (let i = 0; i < FLOOR_HEADERS.length; i++) res.setHeader(FLOOR_HEADERS[i]![0], FLOOR_HEADERS[i]![1]);
}

/** The node:http listener of node, Express or Hono (under @hono/node-server) in one variant. */
export function listenerFor(
  framework: 'node' | 'express' | 'hono',
  variant: Variant,
  options: SecureOptions = {},
): http.RequestListener {
  if (framework === 'node') {
    const guard =
      variant === 'ours'
        ? secure(options)
        : variant === 'peer'
          ? (helmet() as unknown as ReturnType<typeof secure>)
          : undefined;
    const handler: http.RequestListener = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(BODY);
    return (req, res) => {
      if (variant === 'floor') setFloor(res);
      return guard ? guard(req, res, () => handler(req, res)) : handler(req, res);
    };
  }
  if (framework === 'express') {
    const app = express();
    if (variant === 'peer') app.use(helmet());
    if (variant === 'ours') app.use(secure(options));
    if (variant === 'floor')
      app.use((_req, res, next) => {
        setFloor(res);
        next();
      });
    app.get('/', (_req, res) => res.type('html').send(BODY));
    return app;
  }
  const app = new Hono<{ Bindings: { outgoing: http.ServerResponse } }>();
  if (variant === 'peer') app.use(secureHeaders());
  // Under @hono/node-server the cheapest way to send headers is setHeader on the Node response.
  if (variant === 'floor')
    app.use(async (c, next) => {
      setFloor(c.env.outgoing);
      await next();
    });
  app.get('/', (c) => c.html(BODY));
  const fetch = variant === 'ours' ? withSecurity(app.fetch, options) : app.fetch;
  const listener = getRequestListener(fetch);
  // It settles each request itself (an error becomes its 500): the promise is only the end.
  return (req, res) => void listener(req, res);
}

/** The Fastify app in one variant, ready: its server's request listener is the path it serves. */
export async function fastifyApp(variant: Variant, options: SecureOptions = {}): Promise<FastifyInstance> {
  const app = Fastify();
  if (variant === 'peer') await app.register(fastifyHelmet);
  if (variant === 'ours') await app.register(fastifySecure, options);
  if (variant === 'floor')
    app.addHook('onRequest', (_request, reply, next) => {
      setFloor(reply.raw);
      next();
    });
  app.get('/', async (_req, reply) => reply.type('text/html').send(BODY));
  await app.ready();
  return app;
}
