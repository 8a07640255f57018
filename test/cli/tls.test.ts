import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

const CERT = path.join(ROOT, 'test/fixtures/tls/localhost-cert.pem');
let server: https.Server;
let url: string;

beforeAll(async () => {
  server = https.createServer(
    { cert: readFileSync(CERT), key: readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-key.pem')) },
    (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>staging</p>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => server.close());

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
