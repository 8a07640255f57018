import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { corsCheck, scan, type Report } from '../../src/index.js';
import { HTML, scanResponse } from '../helpers/captured.js';
import { openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const corsOnly = { checks: [corsCheck] };
const codes = (report: Report) => report.warnings.map((w) => w.code).sort();

describe('cors check on a real server on 127.0.0.1', () => {
  it('CORS_ORIGIN_REFLECTED: any Origin echoed with credentials, with the probe in the evidence', async () => {
    const served = await opened.serve((req, res) => {
      if (req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"balance":100}');
    });
    const report = await scan(served.url, corsOnly);
    expect(report.checks).toEqual([{ name: 'cors', status: 'warned' }]);
    // Reflecting every Origin reflects "null" too: both probes earn their code.
    expect(codes(report)).toEqual(['CORS_NULL_ORIGIN', 'CORS_ORIGIN_REFLECTED']);
    const reflected = report.warnings.find((w) => w.code === 'CORS_ORIGIN_REFLECTED')!;
    expect(reflected).toMatchObject({
      severity: 'error',
      url: `${served.url}/`,
      evidence:
        'Origin: https://attacker.example → Access-Control-Allow-Origin: https://attacker.example, Access-Control-Allow-Credentials: true',
      fix: { middleware: 'CORS configuration', snippet: expect.stringContaining('never reflect Origin') },
    });
    expect(report.warnings.find((w) => w.code === 'CORS_NULL_ORIGIN')).toMatchObject({
      severity: 'warning',
      evidence: 'Origin: null → Access-Control-Allow-Origin: null, Access-Control-Allow-Credentials: true',
    });
    // The probes are real requests with the foreign Origins.
    expect(
      served.requests
        .map((r) => r.headers.origin)
        .filter(Boolean)
        .sort(),
    ).toEqual(['https://attacker.example', 'null']);
  });

  it('passes an allow-list that answers a foreign Origin without it', async () => {
    const served = await opened.serve((req, res) => {
      if (req.headers.origin === 'https://app.example.com') {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
        res.setHeader('vary', 'Origin');
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const report = await scan(served.url, corsOnly);
    expect(report.checks).toEqual([{ name: 'cors', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });

  it('does not call a reflected Origin without credentials a reflection: no cookies are read', async () => {
    const served = await opened.serve((req, res) => {
      if (req.headers.origin) res.setHeader('access-control-allow-origin', req.headers.origin);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    expect((await scan(served.url, corsOnly)).warnings).toEqual([]);
  });

  it('runs over plain HTTP too: CORS does not depend on the transport', async () => {
    const served = await opened.serve((req, res) => {
      res.setHeader('access-control-allow-origin', 'null');
      res.setHeader('access-control-allow-credentials', 'true');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    const report = await scan(served.url, { ...corsOnly, assumeHttps: false });
    expect(report.checks).toEqual([{ name: 'cors', status: 'warned' }]);
    expect(codes(report)).toEqual(['CORS_NULL_ORIGIN']);
  });
});

describe('cors check on in-process apps', () => {
  it('CORS_NULL_ORIGIN from an Express app that allows the null origin with credentials', async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.set('Access-Control-Allow-Origin', 'null').set('Access-Control-Allow-Credentials', 'true');
      next();
    });
    app.get('/', (_req, res) => res.json({ ok: true }));
    const report = await scan(app, corsOnly);
    expect(codes(report)).toEqual(['CORS_NULL_ORIGIN']);
    expect(report.warnings[0]!.fix?.snippet).toContain("app.use(cors({ origin: ['https://app.example.com']");
  });

  it('CORS_WILDCARD from a Fastify app that sends * on its HTML page, judged once (not per probe)', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (_req, reply) =>
      reply.header('access-control-allow-origin', '*').type('text/html').send('<p>public page</p>'),
    );
    const report = await scan(app, corsOnly);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'CORS_WILDCARD',
        severity: 'info',
        evidence: 'Access-Control-Allow-Origin: *',
      }),
    ]);
  });

  it('passes * on a JSON API: that is what a wildcard is for', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (_req, reply) =>
      reply.header('access-control-allow-origin', '*').send({ open: true }),
    );
    const report = await scan(app, corsOnly);
    expect(report.checks).toEqual([{ name: 'cors', status: 'passed' }]);
  });

  it('passes an Express app that sends no CORS headers at all', async () => {
    const app = express();
    app.get('/', (_req, res) => res.send('<p>hi</p>'));
    const report = await scan(app, corsOnly);
    expect(report.checks).toEqual([{ name: 'cors', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });
});

describe('cors check on a captured response (no probe)', () => {
  it('judges the response it was handed, synchronously, without the foreign-Origin probes', async () => {
    const report = await scanResponse(corsCheck, {
      headers: { ...HTML, 'access-control-allow-origin': '*' },
    });
    expect(report.checks).toEqual([{ name: 'cors', status: 'warned' }]);
    expect(codes(report)).toEqual(['CORS_WILDCARD']);
  });

  it('finds the null origin with credentials in a captured response', async () => {
    const report = await scanResponse(corsCheck, {
      headers: { 'access-control-allow-origin': 'null', 'access-control-allow-credentials': 'TRUE ' },
    });
    expect(codes(report)).toEqual(['CORS_NULL_ORIGIN']);
  });

  it('passes a captured response, since without a probe there is no foreign Origin to reflect', async () => {
    const report = await scanResponse(corsCheck, {
      headers: {
        'access-control-allow-origin': 'https://app.example.com',
        'access-control-allow-credentials': 'true',
      },
    });
    expect(report.checks).toEqual([{ name: 'cors', status: 'passed' }]);
  });
});
