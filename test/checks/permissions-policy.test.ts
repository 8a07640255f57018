import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { permissionsPolicy } from '../../middleware/index.js';
import { permissionsPolicyCheck, scan } from '../../src/index.js';
import { codesOf, scanResponse } from '../helpers/captured.js';
import { openedPerTest } from '../helpers/server.js';

const opened = openedPerTest();

const policyOnly = { checks: [permissionsPolicyCheck] };

describe('permissionsPolicy check on captured responses', () => {
  it.each([
    [{ 'permissions-policy': 'camera=(), microphone=(), geolocation=(self)' }, []],
    [{ 'permissions-policy': ['camera=()', 'usb=()'] }, []],
    [{ 'permissions-policy': 'geolocation=(self "https://maps.example.com")' }, []],
    [{}, ['PERMISSIONS_POLICY_MISSING']],
    [{ 'permissions-policy': "camera 'none'; microphone 'none'" }, ['PERMISSIONS_POLICY_INVALID']],
    [{ 'permissions-policy': 'camera=(self' }, ['PERMISSIONS_POLICY_INVALID']],
    [{ 'permissions-policy': 'camera=(1)' }, ['PERMISSIONS_POLICY_INVALID']],
  ])('%j → %j', async (headers, expected) => {
    expect(await codesOf(permissionsPolicyCheck, { headers })).toEqual(expected);
  });

  it('shows the header and what is wrong with it', async () => {
    const report = await scanResponse(permissionsPolicyCheck, {
      headers: { 'permissions-policy': "camera 'none'" },
    });
    expect(report.warnings).toEqual([
      {
        code: 'PERMISSIONS_POLICY_INVALID',
        check: 'permissionsPolicy',
        severity: 'warning',
        message: expect.stringMatching(/^Permissions-Policy: not a structured-field dictionary: /),
        url: 'https://example.com/',
        evidence: "Permissions-Policy: camera 'none'",
        fix: expect.objectContaining({ middleware: 'permissionsPolicy()' }),
      },
    ]);
  });

  it('names a value that is not an allowlist as it was written (a byte sequence, a boolean)', async () => {
    const report = await scanResponse(permissionsPolicyCheck, {
      headers: { 'permissions-policy': 'camera=:aGVsbG8=:, geolocation=?1' },
    });
    expect(report.warnings.map((w) => w.message)).toEqual([
      'Permissions-Policy: camera: :aGVsbG8=: is not a token or an origin string; geolocation: ?1 is not a token or an origin string',
    ]);
  });

  it('judges two header lines as one dictionary, and shows both', async () => {
    const report = await scanResponse(permissionsPolicyCheck, {
      headers: { 'permissions-policy': ['camera=()', 'microphone=(1)'] },
    });
    expect(report.warnings.map((w) => [w.code, w.evidence])).toEqual([
      ['PERMISSIONS_POLICY_INVALID', 'Permissions-Policy: camera=() | microphone=(1)'],
    ]);
  });
});

describe('permissionsPolicy check on in-process apps and a real server', () => {
  it('PERMISSIONS_POLICY_MISSING from a bare Express app, with the middleware that sends one', async () => {
    const app = express();
    app.get('/', (_req, res) => res.send('<p>hi</p>'));
    const report = await scan(app, policyOnly);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'PERMISSIONS_POLICY_MISSING',
        severity: 'info',
        fix: {
          middleware: 'permissionsPolicy()',
          snippet:
            "import { permissionsPolicy } from 'checksecure/middleware';\n\napp.use(permissionsPolicy());",
        },
      }),
    ]);
  });

  it('passes the fix it suggests: permissionsPolicy() mounted', async () => {
    const app = express();
    app.use(permissionsPolicy());
    app.get('/', (_req, res) => res.send('<p>hi</p>'));
    const report = await scan(app, policyOnly);
    expect(report.checks).toEqual([{ name: 'permissionsPolicy', status: 'passed' }]);
  });

  it('PERMISSIONS_POLICY_INVALID from a Fastify app that sends the old Feature-Policy syntax', async () => {
    const app = Fastify();
    opened.closeLater(app);
    app.get('/', async (_req, reply) =>
      reply.header('permissions-policy', "geolocation 'self'").type('text/html').send('<p>map</p>'),
    );
    const report = await scan(app, policyOnly);
    expect(report.warnings.map((w) => [w.code, w.evidence])).toEqual([
      ['PERMISSIONS_POLICY_INVALID', "Permissions-Policy: geolocation 'self'"],
    ]);
  });

  it('judges every probed path, over plain HTTP too', async () => {
    const served = await opened.serve((req, res) => {
      if (req.url === '/app') res.setHeader('permissions-policy', 'camera=()');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>');
    });
    const report = await scan(served.url, { ...policyOnly, paths: ['/', '/app'], assumeHttps: false });
    expect(report.warnings.map((w) => [w.code, w.url])).toEqual([
      ['PERMISSIONS_POLICY_MISSING', `${served.url}/`],
    ]);
  });
});
