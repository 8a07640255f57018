// The server of the load run (bench/load.ts, test/middleware/load.test.ts), in its own process:
// node --expose-gc --import tsx bench/load-server.ts <port>. Express with secure(), everything on.
import express from 'express';
import { secure } from '../middleware/secure.js';

const port = Number(process.argv[2]);
const app = express();
app.use(secure());
app.get('/', (_req, res) => {
  res.type('html').send(`<!doctype html><script nonce="${String(res.locals.cspNonce)}">1</script>`);
});
app.listen(port, '127.0.0.1', () => process.send?.({ ready: true }));

// 'heap': the heap in use after full collections, so that garbage never reads as growth.
process.on('message', (message) => {
  if (message !== 'heap') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  process.send?.({ heapUsed: process.memoryUsage().heapUsed });
});
