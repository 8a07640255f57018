import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { xssProtection } from '../../middleware/index.js';
import { scan, xssFilterCheck } from '../../src/index.js';
import { codesOf, scanResponse } from '../helpers/captured.js';
import { openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const filterOnly = { checks: [xssFilterCheck] };

describe('xssFilter check on captured responses', () => {
  it.each([
    // A missing header is fine (CHECKS.md stance): browsers without the auditor ignore it.
    [{}, []],
    [{ 'x-xss-protection': '0' }, []],
    [{ 'x-xss-protection': ' 0 ' }, []],
    [{ 'x-xss-protection': '1' }, ['XSS_FILTER_ENABLED']],
    [{ 'x-xss-protection': '1; mode=block' }, ['XSS_FILTER_ENABLED']],
    [{ 'x-xss-protection': '1; report=https://example.com/r' }, ['XSS_FILTER_ENABLED']],
    [{ 'x-xss-protection': ['0', '1; mode=block'] }, ['XSS_FILTER_ENABLED']],
  ])('%j → %j', async (headers, expected) => {
    expect(await codesOf(xssFilterCheck, { headers })).toEqual(expected);
  });

  it('shows every value sent, and the middleware that sends 0', async () => {
    const report = await scanResponse(xssFilterCheck, {
      headers: { 'x-xss-protection': ['0', '1; mode=block'] },
    });
    expect(report.warnings).toEqual([
      {
        code: 'XSS_FILTER_ENABLED',
        check: 'xssFilter',
        severity: 'info',
        message: 'X-XSS-Protection other than 0: the legacy filter causes leaks, not protection',
        url: 'https://example.com/',
        evidence: 'X-XSS-Protection: 0 | 1; mode=block',
        fix: {
          middleware: 'xssProtection()',
          snippet: "import { xssProtection } from 'checksecure/middleware';\n\napp.use(xssProtection());",
        },
      },
    ]);
  });
});

describe('xssFilter check on in-process apps and a real server', () => {
  const oldAdvice = (app: express.Express) => {
    // What helmet 3 and many tutorials sent.
    app.get('/', (_req, res) => res.set('X-XSS-Protection', '1; mode=block').send('<p>hi</p>'));
    return app;
  };

  it('XSS_FILTER_ENABLED from an Express app that follows the old advice', async () => {
    const report = await scan(oldAdvice(express()), filterOnly);
    expect(report.checks).toEqual([{ name: 'xssFilter', status: 'warned' }]);
    expect(report.warnings.map((w) => [w.code, w.evidence])).toEqual([
      ['XSS_FILTER_ENABLED', 'X-XSS-Protection: 1; mode=block'],
    ]);
  });

  it('passes the fix it suggests: xssProtection() in front of the route sends 0', async () => {
    const app = express();
    app.use(xssProtection());
    app.get('/', (_req, res) => res.send('<p>hi</p>'));
    const report = await scan(app, filterOnly);
    expect(report.checks).toEqual([{ name: 'xssFilter', status: 'passed' }]);
  });

  it('finds it on a Fastify app, and passes one that sends no header at all', async () => {
    const on = Fastify();
    const off = Fastify();
    opened.closeLater(on);
    opened.closeLater(off);
    on.get('/', async (_req, reply) =>
      reply.header('x-xss-protection', '1').type('text/html').send('<p>on</p>'),
    );
    off.get('/', async (_req, reply) => reply.type('text/html').send('<p>off</p>'));
    expect((await scan(on, filterOnly)).warnings.map((w) => w.code)).toEqual(['XSS_FILTER_ENABLED']);
    expect((await scan(off, filterOnly)).checks).toEqual([{ name: 'xssFilter', status: 'passed' }]);
  });

  it('judges each probed path of a 127.0.0.1 server, over plain HTTP too', async () => {
    const served = await opened.serve((req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html', 'x-xss-protection': req.url === '/old' ? '1' : '0' })
        .end('<p>page</p>'),
    );
    const report = await scan(served.url, { ...filterOnly, paths: ['/', '/old'], assumeHttps: false });
    expect(report.warnings.map((w) => [w.code, w.url])).toEqual([
      ['XSS_FILTER_ENABLED', `${served.url}/old`],
    ]);
  });
});
