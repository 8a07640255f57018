import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../middleware/index.js';
import { debugCheck, scan, type Report } from '../../src/index.js';
import { HTML, scanResponse } from '../helpers/captured.js';
import { openedPerTest, type Served } from '../helpers/server.js';

const opened = openedPerTest();

const debugOnly = { checks: [debugCheck] };
const quiet = { error() {}, warn() {} };

/** An Express app as a tutorial writes it: JSON bodies, a route, Express's own error page. */
function tutorialApp(): express.Express {
  const app = express();
  app.use(express.json());
  app.get('/', (_req, res) => res.send('<p>home</p>'));
  app.post('/', (req, res) => res.json(req.body));
  return app;
}

describe('debug check on in-process apps', () => {
  it("DEBUG_ERRORS_EXPOSED: Express's error page outside production prints the stack of the malformed JSON", async () => {
    const app = tutorialApp();
    app.set('env', 'development');
    const report = await scan(app, debugOnly);
    expect(report.checks).toEqual([{ name: 'debug', status: 'warned' }]);
    expect(report.warnings).toHaveLength(1);
    const [warning] = report.warnings;
    expect(warning).toMatchObject({
      code: 'DEBUG_ERRORS_EXPOSED',
      severity: 'error',
      message: 'POST / answers 400 with a stack trace or source path',
      fix: { middleware: 'errorHandler()', snippet: expect.stringContaining('app.use(errorHandler());') },
    });
    // The evidence names the request that provoked it, its body, and the leaked frame.
    expect(warning!.evidence).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/ \(body "\{\\"checksecure\\":"\) → 400: at .*node_modules\/body-parser\//,
    );
  });

  it('passes the same app in production, where Express shows the status only', async () => {
    const app = tutorialApp();
    app.set('env', 'production');
    const report = await scan(app, debugOnly);
    expect(report.checks).toEqual([{ name: 'debug', status: 'passed' }]);
  });

  it('passes the fix it suggests: errorHandler() mounted last, whatever the environment says', async () => {
    const app = tutorialApp();
    app.set('env', 'development');
    app.use(errorHandler({ logger: quiet }));
    const report = await scan(app, debugOnly);
    expect(report.checks).toEqual([{ name: 'debug', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });

  it('finds a Fastify error handler that sends the stack', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.setErrorHandler(async (error: Error & { statusCode?: number }, _req, reply) =>
      reply
        .code(error.statusCode ?? 500)
        .type('text/plain')
        .send(String(error.stack)),
    );
    app.get('/', async () => {
      throw new Error('boom');
    });
    const report = await scan(app, debugOnly);
    // Two errors with two stacks: the route's, and the JSON parser's on the malformed body.
    expect(report.warnings.map((w) => w.message).sort()).toEqual([
      'GET / answers 500 with a stack trace or source path',
      'POST / answers 400 with a stack trace or source path',
    ]);
    expect(report.warnings.map((w) => w.code)).toEqual(['DEBUG_ERRORS_EXPOSED', 'DEBUG_ERRORS_EXPOSED']);
  });

  it("passes Fastify's default error handler, which answers JSON without a stack", async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async () => {
      throw new Error('boom');
    });
    expect((await scan(app, debugOnly)).checks).toEqual([{ name: 'debug', status: 'passed' }]);
  });
});

describe('debug check on a real server on 127.0.0.1', () => {
  const errorPage = (body: string, type = 'text/html'): Promise<Served> =>
    opened.serve((req, res) => {
      const malformed = req.method === 'POST' || (req.url ?? '').includes('%');
      res.writeHead(malformed ? 500 : 200, { 'content-type': type }).end(malformed ? body : '<p>ok</p>');
    });

  it.each([
    [
      'an HTML page with &nbsp; and <br>',
      'TypeError: x is undefined<br> &nbsp; &nbsp;at handler (/app/src/routes/orders.js:12:5)',
      'at handler (/app/src/routes/orders.js:12:5)',
    ],
    [
      'a Windows path',
      'Error: boom\n    at C:\\inetpub\\app\\server.js:3:1',
      'at C:\\inetpub\\app\\server.js:3:1',
    ],
    [
      'a file: URL of an ES module',
      'Error: boom\n    at file:///srv/app/server.mjs:10:7',
      'at file:///srv/app/server.mjs:10:7',
    ],
    [
      "Node's internal frames",
      'Error: boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ],
    [
      'a source path without a frame',
      'Cannot read /home/deploy/shop/src/db.ts',
      '/home/deploy/shop/src/db.ts',
    ],
    ['a dependency path', 'Error in node_modules/pg/lib/client.js', 'node_modules/pg/lib/client.js'],
  ])('DEBUG_ERRORS_EXPOSED for %s, the leak in the evidence', async (_name, body, leak) => {
    const served = await errorPage(body);
    const report = await scan(served.url, debugOnly);
    expect(report.warnings.map((w) => w.code)).toEqual(['DEBUG_ERRORS_EXPOSED']);
    expect(report.warnings[0]!.evidence).toMatch(
      /^(GET|POST) http:\/\/127\.0\.0\.1:\d+\/\S* (\(body .*\) )?→ 500: /,
    );
    expect(report.warnings[0]!.evidence!.endsWith(`→ 500: ${leak}`)).toBe(true);
  });

  it('reports one warning for one leak, however many probes show it', async () => {
    const served = await errorPage('Error: boom\n    at Object.<anonymous> (/srv/app/index.js:10:5)');
    const report = await scan(served.url, debugOnly);
    // Three malformed requests (a bad path, a bad path elsewhere, a bad JSON body) got the stack.
    expect(served.requests.filter((r) => r.method === 'POST' || r.url.includes('%'))).toHaveLength(3);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]!.evidence).toMatch(/→ 500: \/srv\/app\/index\.js$/);
  });

  it.each([
    ['a plain status page', 'Internal Server Error'],
    ['prose with "at" and a slash', 'We are at capacity: try again at 5 pm, or see /status for news.'],
    ['a URL path that is not a source file', 'Not found: /app/orders/12'],
  ])('passes %s', async (_name, body) => {
    const served = await errorPage(body, 'text/plain');
    const report = await scan(served.url, debugOnly);
    expect(report.checks).toEqual([{ name: 'debug', status: 'passed' }]);
  });

  it('passes a working page that links to /node_modules/ and /app/ files, and an error page that does too', async () => {
    const page =
      '<link rel="stylesheet" href="/node_modules/bootstrap/dist/css/bootstrap.min.css">' +
      '<script src="/app/main.js"></script><style>body{background:url(/app/bg.js)}</style>';
    const served = await opened.serve((req, res) => {
      const malformed = req.method === 'POST' || (req.url ?? '').includes('%');
      res.writeHead(malformed ? 404 : 200, { 'content-type': 'text/html' }).end(`${page}<p>Not here</p>`);
    });
    const report = await scan(served.url, debugOnly);
    expect(report.checks).toEqual([{ name: 'debug', status: 'passed' }]);
  });

  it('still finds a stack frame on a page that answers 200', async () => {
    const served = await opened.serve((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<pre>Error: x\n    at f (/srv/app/a.js:1:2)</pre>'),
    );
    const report = await scan(served.url, debugOnly);
    expect(report.warnings.map((w) => w.code)).toEqual(['DEBUG_ERRORS_EXPOSED']);
  });

  it('runs over plain HTTP too: a stack leaks whatever the transport', async () => {
    const served = await errorPage('Error: boom\n    at main (/opt/app/main.js:1:1)');
    const report = await scan(served.url, { ...debugOnly, assumeHttps: false });
    expect(report.warnings.map((w) => w.code)).toEqual(['DEBUG_ERRORS_EXPOSED']);
  });
});

describe('debug check on a captured response (no probe)', () => {
  it('judges the body it was handed, without sending malformed requests', async () => {
    const report: Report = await scanResponse(debugCheck, {
      status: 500,
      headers: HTML,
      body: '<pre>ReferenceError: user is not defined<br> &nbsp; &nbsp;at /usr/src/app/server.js:41:9</pre>',
    });
    expect(report.checks).toEqual([{ name: 'debug', status: 'warned' }]);
    expect(report.warnings[0]).toMatchObject({
      code: 'DEBUG_ERRORS_EXPOSED',
      url: 'https://example.com/',
      evidence: 'GET https://example.com/ → 500: at /usr/src/app/server.js:41:9',
    });
  });

  it('passes a captured page that shows no stack', async () => {
    const report = await scanResponse(debugCheck, { headers: HTML, body: '<p>Something went wrong.</p>' });
    expect(report.checks).toEqual([{ name: 'debug', status: 'passed' }]);
  });
});
