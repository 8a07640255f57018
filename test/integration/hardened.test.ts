import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks, scan } from '../../src/core/scan.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

const atOrAboveWarning = (warnings: { severity: string }[]) => warnings.filter((w) => w.severity !== 'info');

describe('a hardened site', () => {
  let site: Served;
  beforeAll(async () => {
    site = await serve(hardenedSite);
  });
  afterAll(() => site.close());

  it('gives no warning at warning or above, over a URL', async () => {
    const report = await scan(site.url);
    expect(report.checks.filter((c) => c.status === 'errored' || c.status === 'skipped')).toEqual([]);
    expect(atOrAboveWarning(report.warnings)).toEqual([]);
  });

  it('gives no warning at all, info included', async () => {
    const codes = (await runChecks(site.url)).map((w) => w.code);
    expect(codes).toEqual([]);
  });

  it('sent every active probe, each once', async () => {
    site.requests.length = 0;
    await scan(site.url);
    const seen = site.requests.map((r) => {
      const h = r.headers;
      if (r.method === 'POST') return `POST ${r.url} ${h['sec-fetch-site'] ?? h['content-type']}`;
      if (h['x-forwarded-proto'] === 'http') return 'GET http';
      if (h.host === 'attacker.example') return 'GET foreign host';
      if (h.origin) return `GET origin ${h.origin}`;
      return `GET ${r.url.replace(/checksecure-missing-\w+$/, 'checksecure-missing-…')}`;
    });
    expect(seen.sort()).toEqual(
      [
        'GET /', // the page
        'GET /', // the second fetch for nonce reuse
        'GET /%',
        'GET /%E0%A4%A/checksecure-missing-…',
        'GET http',
        'GET foreign host',
        'GET origin https://attacker.example',
        'GET origin null',
        'POST / same-origin',
        'POST / cross-site',
        'POST / application/json',
      ].sort(),
    );
  });

  it('passes as an in-process Express app too', async () => {
    const app = express();
    app.disable('x-powered-by');
    app.use((req, res) => hardenedSite(req, res));
    expect(atOrAboveWarning(await runChecks(app))).toEqual([]);
  });
});
