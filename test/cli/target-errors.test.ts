import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainRequestError } from '../../src/probe/request-error.js';
import { cli, ROOT } from '../helpers/cli.js';

const TLS = {
  cert: readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-cert.pem')),
  key: readFileSync(path.join(ROOT, 'test/fixtures/tls/localhost-key.pem')),
};

const servers: net.Server[] = [];
async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

let plainPort: number;
let tlsPort: number;
let nginxLikePort: number;
let closedPort: number;
beforeAll(async () => {
  plainPort = await listen(http.createServer((_req, res) => res.end('<p>plain</p>')));
  tlsPort = await listen(https.createServer(TLS, (_req, res) => res.end('<p>tls</p>')));
  // What nginx answers a plain request on its TLS port.
  nginxLikePort = await listen(
    http.createServer((_req, res) =>
      res
        .writeHead(400, { 'content-type': 'text/html' })
        .end(
          '<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head><body><center><h1>400 Bad Request</h1></center><center>The plain HTTP request was sent to HTTPS port</center></body></html>',
        ),
    ),
  );
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});
afterAll(() => {
  for (const server of servers) server.close();
});

describe('a scheme or port mistake says what was meant, in one line (issue 19)', () => {
  it("https:// on a plain-HTTP port: not OpenSSL's wrong version number, but the http:// URL meant", async () => {
    const r = await cli([`https://127.0.0.1:${plainPort}/`]);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `checksecure: GET https://127.0.0.1:${plainPort}/: 127.0.0.1:${plainPort} answered in plain HTTP, not TLS: did you mean http://127.0.0.1:${plainPort}/?\n`,
    });
  });

  it('http:// on a TLS port that hangs up: the https:// URL meant', async () => {
    const r = await cli([`http://127.0.0.1:${tlsPort}/`]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `checksecure: GET http://127.0.0.1:${tlsPort}/: 127.0.0.1:${tlsPort} speaks TLS, not plain HTTP (it hung up on the plain request): did you mean https://127.0.0.1:${tlsPort}/?\n`,
    });
  });

  it('http:// on a TLS port that answers 400 (nginx): a note under the target says so', async () => {
    const r = await cli([`http://127.0.0.1:${nginxLikePort}/`, '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `  note: GET http://127.0.0.1:${nginxLikePort}/ answered 400: the server speaks TLS on that port ("The plain HTTP request was sent to HTTPS port"): did you mean https://127.0.0.1:${nginxLikePort}/?\n`,
    );
  });

  it('a refused connection names the host and port and what to look at', async () => {
    const r = await cli([`http://127.0.0.1:${closedPort}/`]);
    expect(r).toMatchObject({
      code: 2,
      stderr: `checksecure: GET http://127.0.0.1:${closedPort}/: nothing listens on 127.0.0.1:${closedPort} (ECONNREFUSED): is the server running, on that port?\n`,
    });
  });
});

describe('explainRequestError', () => {
  // DNS failures are described from the error alone: the tests make no lookup.
  it.each([
    [
      'ENOTFOUND',
      'staging.exmaple.com does not resolve (ENOTFOUND): check the spelling, or the DNS or VPN it needs',
    ],
    [
      'EAI_AGAIN',
      'staging.exmaple.com could not be resolved just now (EAI_AGAIN): the DNS server did not answer',
    ],
  ])('%s', async (code, reason) => {
    const error = Object.assign(new Error(`getaddrinfo ${code} staging.exmaple.com`), { code });
    expect(await explainRequestError(error, 'https://staging.exmaple.com/login')).toBe(reason);
  });

  it('leaves a connection closed by a server that does not speak TLS either as it was', async () => {
    const error = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const url = `http://127.0.0.1:${plainPort}/`;
    expect(await explainRequestError(error, url, { probeTls: true })).toBe(
      'other side closed (UND_ERR_SOCKET)',
    );
  });
});
