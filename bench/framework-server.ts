// One server for bench/frameworks.ts, in its own process: node --import tsx bench/framework-server.ts <framework> <variant> <port>
// (SECURE_OPTIONS='{"csrf":false}' passes options to secure(), to attribute a cost to a part).
import http from 'node:http';
import { fastifyApp, listenerFor, type Variant } from './framework-apps.js';

const [framework, variant, portText] = process.argv.slice(2) as [string, Variant, string];
const port = Number(portText);
const options = JSON.parse(process.env.SECURE_OPTIONS ?? '{}') as object;
const ready = () => process.send?.('ready');

/**
 * The server's own CPU time per request served, and the wall time it was measured over, since the
 * last 'reset' message: autocannon shares the 2 cores, so requests per second also measure the
 * client; CPU per request does not, and CPU over wall time says whether the server set the pace.
 */
function account(server: http.Server): void {
  let requests = 0;
  let since = process.cpuUsage();
  let wallSince = process.hrtime.bigint();
  server.on('request', () => requests++);
  process.on('message', (message) => {
    if (message === 'reset') {
      requests = 0;
      since = process.cpuUsage();
      wallSince = process.hrtime.bigint();
    } else if (message === 'stats') {
      const used = process.cpuUsage(since);
      const wallMicros = Number(process.hrtime.bigint() - wallSince) / 1000;
      process.send?.({ requests, cpuMicros: used.user + used.system, wallMicros });
    }
  });
}

if (framework === 'fastify') {
  const app = await fastifyApp(variant, options);
  await app.listen({ port, host: '127.0.0.1' });
  account(app.server);
  ready();
} else if (framework === 'node' || framework === 'express' || framework === 'hono') {
  const server = http.createServer(listenerFor(framework, variant, options)).listen(port, '127.0.0.1', ready);
  account(server);
} else throw new Error(`unknown framework ${framework}`);
