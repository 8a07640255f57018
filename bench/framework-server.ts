// One server for bench/frameworks.ts, in its own process: node --import tsx bench/framework-server.ts <framework> <variant> <port>
// (SECURE_OPTIONS='{"csrf":false}' passes options to Express's secure(), to attribute a cost to a part).
import http from 'node:http';
import net from 'node:net';
import { serve } from '@hono/node-server';
import fastifyHelmet from '@fastify/helmet';
import express from 'express';
import Fastify from 'fastify';
import helmet from 'helmet';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { secure as fastifySecure } from '../middleware/fastify.js';
import { withSecurity } from '../middleware/fetch.js';
import { secure } from '../middleware/secure.js';

const [framework, variant, portText] = process.argv.slice(2) as [
  string,
  'bare' | 'peer' | 'ours' | 'floor',
  string,
];
const port = Number(portText);
const body = '<!doctype html><p>hello</p>';
const ready = () => process.send?.('ready');

/**
 * The server's own CPU time per request served, since the last 'reset' message: autocannon shares
 * the 2 cores, so requests per second also measure the client; CPU per request does not.
 */
function account(server: http.Server): void {
  let requests = 0;
  let since = process.cpuUsage();
  server.on('request', () => requests++);
  process.on('message', (message) => {
    if (message === 'reset') {
      requests = 0;
      since = process.cpuUsage();
    } else if (message === 'stats') {
      const used = process.cpuUsage(since);
      process.send?.({ requests, cpuMicros: used.user + used.system });
    }
  });
}

/**
 * The floor: the headers secure() sends to this request (its CSP with a fixed nonce), set by a
 * precomputed loop of setHeader calls and nothing else: what any middleware sending the same
 * headers must cost at least.
 */
const floorHeaders: [string, string][] = (() => {
  const req = new http.IncomingMessage(new net.Socket());
  req.method = 'GET';
  req.url = '/';
  req.headers = { host: '127.0.0.1', 'x-forwarded-proto': 'https' };
  const res = new http.ServerResponse(req);
  secure()(req, res, () => {});
  return Object.entries(res.getHeaders()).map(([name, value]) => [name, String(value)]);
})();
const setFloor = (res: http.ServerResponse) => {
  for (let i = 0; i < floorHeaders.length; i++) res.setHeader(floorHeaders[i]![0], floorHeaders[i]![1]);
};

if (framework === 'node') {
  const guard =
    variant === 'ours'
      ? secure()
      : variant === 'peer'
        ? (helmet() as unknown as ReturnType<typeof secure>)
        : undefined;
  const handler: http.RequestListener = (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  const server = http
    .createServer((req, res) => {
      if (variant === 'floor') setFloor(res);
      return guard ? guard(req, res, () => handler(req, res)) : handler(req, res);
    })
    .listen(port, '127.0.0.1', ready);
  account(server);
} else if (framework === 'express') {
  const app = express();
  if (variant === 'peer') app.use(helmet());
  if (variant === 'ours') app.use(secure(JSON.parse(process.env.SECURE_OPTIONS ?? '{}')));
  if (variant === 'floor')
    app.use((_req, res, next) => {
      setFloor(res);
      next();
    });
  app.get('/', (_req, res) => res.type('html').send(body));
  account(app.listen(port, '127.0.0.1', ready));
} else if (framework === 'fastify') {
  const app = Fastify();
  if (variant === 'peer') await app.register(fastifyHelmet);
  if (variant === 'ours') await app.register(fastifySecure);
  if (variant === 'floor')
    app.addHook('onRequest', (_request, reply, next) => {
      setFloor(reply.raw);
      next();
    });
  app.get('/', async (_req, reply) => reply.type('text/html').send(body));
  await app.listen({ port, host: '127.0.0.1' });
  account(app.server);
  ready();
} else if (framework === 'hono') {
  const app = new Hono();
  if (variant === 'peer') app.use(secureHeaders());
  if (variant === 'floor')
    app.use(async (c, next) => {
      await next();
      for (const [name, value] of floorHeaders) c.res.headers.set(name, value);
    });
  app.get('/', (c) => c.html(body));
  const fetch = variant === 'ours' ? withSecurity(app.fetch) : app.fetch;
  account(serve({ fetch, port, hostname: '127.0.0.1' }, ready) as http.Server);
}
