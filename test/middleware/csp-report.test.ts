import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { summariseReports } from '../../src/cli/reports.js';
import { cli } from '../helpers/cli.js';

const legacy = {
  'csp-report': {
    'document-uri': 'https://shop.example/checkout?step=2',
    referrer: '',
    'violated-directive': 'script-src-elem',
    'effective-directive': 'script-src-elem',
    'original-policy': "script-src 'nonce-x'",
    disposition: 'enforce',
    'blocked-uri': 'https://evil.example/x.js',
    'line-number': 12,
    'status-code': 200,
  },
};
const modern = [
  {
    type: 'csp-violation',
    url: 'https://shop.example/',
    user_agent: 'Chrome',
    body: {
      documentURL: 'https://shop.example/',
      blockedURL: 'inline',
      effectiveDirective: 'script-src-elem',
      disposition: 'enforce',
      sample: 'alert(1)',
    },
  },
  { type: 'deprecation', body: {} },
];

describe('cspReport', () => {
  const app = (options: mw.CspReportOptions = {}) => {
    const received: mw.CspViolation[] = [];
    const events: unknown[] = [];
    const a = express();
    a.use(
      mw.cspReport({ sink: (r) => received.push(r), logger: { warn: (f) => events.push(f) }, ...options }),
    );
    a.get('/', (_req, res) => res.send('page'));
    return { a, received, events };
  };

  it('accepts report-uri reports and normalises them', async () => {
    const { a, received, events } = app();
    const res = await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/csp-report')
      .send(JSON.stringify(legacy));
    expect(res.status).toBe(204);
    expect(received).toEqual([
      expect.objectContaining({
        documentUrl: 'https://shop.example/checkout?step=2',
        blockedUrl: 'https://evil.example/x.js',
        effectiveDirective: 'script-src-elem',
        lineNumber: 12,
        statusCode: 200,
        receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(events).toEqual([
      expect.objectContaining({ event: 'csp.report', blockedUrl: 'https://evil.example/x.js' }),
    ]);
  });

  it('accepts report-to batches and skips other report types', async () => {
    const { a, received } = app();
    await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/reports+json')
      .send(JSON.stringify(modern))
      .expect(204);
    expect(received).toEqual([
      expect.objectContaining({ blockedUrl: 'inline', sample: 'alert(1)', userAgent: 'Chrome' }),
    ]);
  });

  it('declares the endpoint on every response, and leaves other requests to the app', async () => {
    const { a } = app({ path: '/reports/csp', endpointName: 'main' });
    const res = await request(a).get('/');
    expect(res.text).toBe('page');
    expect(res.headers['reporting-endpoints']).toBe('main="/reports/csp"');
  });

  it('points a policy set elsewhere at itself', async () => {
    const a = express();
    a.use(mw.cspReport());
    a.get('/', (_req, res) => res.setHeader('Content-Security-Policy', "default-src 'self';").send('x'));
    expect((await request(a).get('/')).headers['content-security-policy']).toBe(
      "default-src 'self'; report-uri /csp-reports; report-to csp-endpoint",
    );
  });

  it('is wired into the policy by secure({ cspReport })', async () => {
    const a = express();
    a.use(mw.secure({ cspReport: { path: '/csp' } }));
    a.get('/', (_req, res) => res.send('x'));
    const res = await request(a).get('/');
    expect(res.headers['content-security-policy']).toMatch(/; report-uri \/csp; report-to csp-endpoint$/);
    expect(res.headers['reporting-endpoints']).toBe('csp-endpoint="/csp"');
    const post = await request(a)
      .post('/csp')
      .set('Content-Type', 'application/csp-report')
      .set('Sec-Fetch-Site', 'cross-site')
      .send(JSON.stringify(legacy));
    expect(post.status).toBe(204);
  });

  it('keeps going when the sink throws', async () => {
    const errors: unknown[] = [];
    const a = express();
    a.use(
      mw.cspReport({
        sink: () => {
          throw new Error('db down');
        },
        logger: { warn() {}, error: (f) => errors.push(f) },
      }),
    );
    expect(
      (
        await request(a)
          .post('/csp-reports')
          .set('Content-Type', 'application/csp-report')
          .send(JSON.stringify(legacy))
      ).status,
    ).toBe(204);
    expect(errors).toEqual([expect.objectContaining({ event: 'csp.sink.failed' })]);
  });

  it('jsonlSink appends one report per line, and checksecure reports summarises the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'csp-'));
    const file = path.join(dir, 'csp.jsonl');
    const sink = mw.jsonlSink(file);
    const { a } = app({ sink, rateLimit: false });
    for (let i = 0; i < 3; i++)
      await request(a)
        .post('/csp-reports')
        .set('Content-Type', 'application/csp-report')
        .send(JSON.stringify(legacy));
    await request(a)
      .post('/csp-reports')
      .set('Content-Type', 'application/reports+json')
      .send(JSON.stringify(modern));
    await sink.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    await writeFile(file, `${lines.join('\n')}\n{"torn line`, 'utf8');

    const summary = summariseReports(await readFile(file, 'utf8'));
    expect(summary).toEqual({
      total: 4,
      skipped: 1,
      byDirective: [['script-src-elem', 4]],
      byBlocked: [
        ['https://evil.example/x.js', 3],
        ['inline', 1],
      ],
      byPage: [
        ['https://shop.example/checkout', 3],
        ['https://shop.example/', 1],
      ],
    });
    const r = await cli(['reports', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`4 CSP violation reports in ${file} (1 unreadable lines skipped)`);
    expect(r.stdout).toContain('By blocked URI:\n  3  https://evil.example/x.js\n  1  inline');
    expect(JSON.parse((await cli(['reports', file, '--format', 'json'])).stdout).total).toBe(4);
    expect(await cli(['reports', path.join(dir, 'missing.jsonl')])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot be read \(ENOENT\)/),
    });
    expect(await cli(['reports'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/usage: checksecure reports FILE/),
    });
  });
});
