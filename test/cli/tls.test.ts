import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secure } from '../../middleware/index.js';
import { cli, ROOT } from '../helpers/cli.js';

const CERT = path.join(ROOT, 'test/fixtures/tls/localhost-cert.pem');
const TLS = {
  cert: readFileSync(CERT),
  key: readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-key.pem')),
};
let server: https.Server;
let url: string;
// A server that terminates TLS itself, with the fix mounted.
let secured: https.Server;
let securedUrl: string;

const listen = async (s: https.Server) => {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `https://localhost:${(s.address() as AddressInfo).port}/`;
};

beforeAll(async () => {
  server = https.createServer(TLS, (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>staging</p>'),
  );
  url = await listen(server);
  const middleware = secure();
  secured = https.createServer(TLS, (req, res) =>
    middleware(req, res, () => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>staging</p>')),
  );
  securedUrl = await listen(secured);
});
afterAll(() => {
  server.close();
  secured.close();
});

describe('an HTTPS site with a certificate of its own', () => {
  it('is a target error that names the reason and how to trust the certificate', async () => {
    const run = await cli([url]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^checksecure: GET https:\/\/localhost:\d+\/: .*\(DEPTH_ZERO_SELF_SIGNED_CERT\); .*NODE_EXTRA_CA_CERTS=/,
      ),
    ]);
  });

  it('is scanned once its CA is trusted through NODE_EXTRA_CA_CERTS', async () => {
    const run = await cli([url, '--verbosity', '0'], { env: { NODE_EXTRA_CA_CERTS: CERT } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('HSTS_MISSING');
  });
});

describe('an HTTPS site addressed by its IP address', () => {
  it('is judged by every check: the forged Host of the host-header probe is not taken as the name the certificate must bear', async () => {
    // undici names the TLS server after the Host header when the URL has an IP address, so the
    // probe's attacker.example made the certificate check fail and the hostHeader check error.
    const ip = url.replace('//localhost:', '//127.0.0.1:');
    const run = await cli([ip, '-f', 'json', '--fail-on', 'never'], { env: { NODE_EXTRA_CA_CERTS: CERT } });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { checks: { name: string; status: string; reason?: string }[] };
    expect(report.checks.filter((c) => c.status === 'errored')).toEqual([]);
    expect(report.checks.find((c) => c.name === 'hostHeader')?.status).toBe('passed');
    expect(run.stderr).not.toMatch(/RFC 6066|DeprecationWarning/);
  });
});

describe('the HTTPS redirect of a server that terminates TLS itself', () => {
  it('is not judged by X-Forwarded-Proto over TLS: skipped on a port with no known plain-HTTP address', async () => {
    const run = await cli([securedUrl, '--format', 'json'], { env: { NODE_EXTRA_CA_CERTS: CERT } });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      warnings: { code: string }[];
      checks: { name: string; status: string; reason?: string }[];
    };
    // secure() rightly ignores X-Forwarded-Proto on a TLS connection: sending it one over TLS
    // reported its own fix as HTTPS_REDIRECT_MISSING.
    expect(report.warnings.map((w) => w.code)).not.toContain('HTTPS_REDIRECT_MISSING');
    expect(report.checks.find((c) => c.name === 'httpsRedirect')).toEqual({
      name: 'httpsRedirect',
      status: 'skipped',
      reason: expect.stringMatching(
        /^the target is served over TLS on port \d+, so its plain-HTTP address is not known/,
      ),
    });
    expect(report.checks.find((c) => c.name === 'hsts')?.status).toBe('passed');
  });
});
