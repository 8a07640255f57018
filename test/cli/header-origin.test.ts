import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/core/registry.js';
import { scan } from '../../src/core/scan.js';
import { cli, ROOT, scratch } from '../helpers/cli.js';

// The headers a user configures (a session, an API key) are credentials for the one origin they
// named. Each server here records what reached it on the wire, so the test sees exactly what a
// server on another port or scheme would have been handed.

const REMOTE = 'staging.checksecure.test';
const fixture = (name: string) => path.join(ROOT, 'test/fixtures/tls', name);
const CERTS = {
  [REMOTE]: fixture('staging-cert.pem'),
  localhost: fixture('localhost-cert.pem'),
};
const CONTEXTS = {
  [REMOTE]: tls.createSecureContext({
    cert: readFileSync(CERTS[REMOTE]),
    key: readFileSync(fixture('staging-key.pem')),
  }),
  localhost: tls.createSecureContext({
    cert: readFileSync(CERTS.localhost),
    key: readFileSync(fixture('localhost-key.pem')),
  }),
};
const SECRETS = {
  authorization: 'Bearer s3cret-token-4f1c',
  cookie: 'sid=s3cret-cookie-9d2e',
  'x-api-key': 's3cret-key-77ab',
};
const SECRET_VALUES = Object.values(SECRETS);

interface Seen {
  server: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}
let seen: Seen[] = [];
const servers: net.Server[] = [];
let frontPort: number;
let plainPort: number;
let otherTlsPort: number;

const listen = async (server: net.Server) => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
};

const recording =
  (server: string, answer: http.RequestListener): http.RequestListener =>
  (req, res) => {
    seen.push({ server, url: req.url ?? '', headers: req.headers });
    answer(req, res);
  };

const page: http.RequestListener = (_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end('<p>staging</p>');

// `/` redirects on its own origin; `/plain` and `/other-port` to the same host elsewhere.
const site: http.RequestListener = (req, res) => {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  const location = {
    '/': '/home',
    '/plain': `http://${host}:${plainPort}/landing`,
    '/other-port': `https://${host}:${otherTlsPort}/landing`,
  }[req.url ?? ''];
  if (location) res.writeHead(302, { location }).end();
  else page(req, res);
};

const tlsServer = (answer: http.RequestListener) =>
  https.createServer(
    {
      SNICallback: (name, done) => done(null, CONTEXTS[name as keyof typeof CONTEXTS] ?? CONTEXTS.localhost),
    },
    answer,
  );

beforeAll(async () => {
  const secure = tlsServer(recording('target, TLS', site));
  const plain = http.createServer(recording('target port, plain HTTP', site));
  servers.push(secure, plain);
  // One port that answers TLS and plain HTTP alike, told apart by the first byte (a TLS
  // handshake starts with 0x16): where the plain-HTTP probe of an https: target on it goes.
  frontPort = await listen(
    net.createServer((socket) =>
      socket.once('data', (first) => {
        socket.pause();
        socket.unshift(first);
        (first[0] === 0x16 ? secure : plain).emit('connection', socket);
        process.nextTick(() => socket.resume());
      }),
    ),
  );
  plainPort = await listen(http.createServer(recording('another port, plain HTTP', page)));
  otherTlsPort = await listen(tlsServer(recording('another port, TLS', page)));
});
afterAll(() => {
  for (const server of servers) {
    (server as http.Server).closeAllConnections?.();
    server.close();
  }
});

/** A check of the kind a user writes: it asks the probe for the plain-HTTP answer. */
const PLAIN_PROBE = `{
  name: 'plainAnswer',
  messages: { PLAIN_STATUS: 'the plain-HTTP status' },
  async *run(ctx) {
    yield { code: 'PLAIN_STATUS', evidence: String((await ctx.probe.plainHttp('/')).status) };
  },
}`;

/** Scans `host` on the two-faced port through the CLI, with headers from the config and -H. */
async function scanThroughCli(host: keyof typeof CERTS, paths: string[]) {
  seen = [];
  const dir = await scratch({
    'checksecure.config.mjs': `export default {
  target: 'https://${host}:${frontPort}/',
  paths: ${JSON.stringify(paths)},
  headers: { Authorization: '${SECRETS.authorization}', Cookie: '${SECRETS.cookie}' },
  checks: [${PLAIN_PROBE}],
  failOn: 'never',
};
`,
  });
  const run = await cli(['--format', 'json', '-H', `X-Api-Key: ${SECRETS['x-api-key']}`], {
    cwd: dir,
    env: {
      NODE_EXTRA_CA_CERTS: CERTS[host],
      NODE_OPTIONS: `--import ${path.join(ROOT, 'test/helpers/test-hosts.mjs')}`,
    },
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  for (const secret of SECRET_VALUES) expect(run.stdout).not.toContain(secret);
  return JSON.parse(run.stdout) as { warnings: { code: string; evidence?: string }[] };
}

const carried = (s: Seen) => Object.keys(SECRETS).filter((name) => s.headers[name] !== undefined);
const at = (server: string) => seen.filter((s) => s.server === server);

describe('configured headers go only to the origin they were given for', () => {
  it('a remote https: target: its own origin gets them, its plain-HTTP port and other ports never do', async () => {
    const report = await scanThroughCli(REMOTE, ['/', '/plain', '/other-port']);
    // The plain-HTTP probe was sent and answered (the custom check saw its status).
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ code: 'PLAIN_STATUS', evidence: '302' }),
    );

    const own = at('target, TLS');
    expect(own.map((s) => s.url).sort()).toEqual(['/', '/home', '/other-port', '/plain']);
    for (const request of own) expect(request.headers).toMatchObject(SECRETS);

    // The same host and port in clear text: the probe's http:// request carries none of them.
    const plain = at('target port, plain HTTP');
    expect(plain.map((s) => s.url)).toEqual(['/']);
    expect(plain.map(carried)).toEqual([[]]);
    expect(plain[0]!.headers['user-agent']).toMatch(/^checksecure/);

    // A redirect to the same host on another port, plain or TLS, is followed without them.
    for (const server of ['another port, plain HTTP', 'another port, TLS']) {
      expect(at(server).map((s) => s.url)).toEqual(['/landing']);
      expect(at(server).map(carried)).toEqual([[]]);
      expect(at(server)[0]!.headers['user-agent']).toMatch(/^checksecure/);
    }
  });

  it('a local https: target (localhost): its plain-HTTP probe carries none of them either', async () => {
    await scanThroughCli('localhost', ['/']);
    expect(at('target, TLS').map(carried)).toEqual([Object.keys(SECRETS), Object.keys(SECRETS)]);
    const plain = at('target port, plain HTTP');
    expect(plain.map((s) => s.url)).toEqual(['/']);
    expect(plain.map(carried)).toEqual([[]]);
  });

  it('a local target: a redirect to another port of the host reaches that port (another server), without them', async () => {
    await scanThroughCli('localhost', ['/plain', '/other-port']);
    // Not the target's own port: an app on :3000 sending its login to an auth service on :8080.
    expect(at('target, TLS').map((s) => s.url).sort()).toEqual(['/other-port', '/plain']);
    for (const server of ['another port, plain HTTP', 'another port, TLS']) {
      expect(at(server).map((s) => s.url)).toEqual(['/landing']);
      expect(at(server).map(carried)).toEqual([[]]);
    }
  });

  it('an in-process app: the X-Forwarded-Proto: http probe is the same app, and gets them (Host included)', async () => {
    const received: http.IncomingHttpHeaders[] = [];
    const app: http.RequestListener = (req, res) => {
      received.push(req.headers);
      if (req.headers['x-forwarded-proto'] === 'http')
        res.writeHead(301, { location: `https://${req.headers.host}${req.url}` }).end();
      else page(req, res);
    };
    const probeCheck = defineCheck({
      name: 'plainAnswer',
      messages: { PLAIN_STATUS: 'the plain-HTTP status' },
      async *run(ctx) {
        yield { code: 'PLAIN_STATUS', evidence: String((await ctx.probe.plainHttp('/')).status) };
      },
    });
    const report = await scan(app, {
      checks: [probeCheck],
      headers: { Host: 'example.com', Cookie: SECRETS.cookie },
    });
    expect(report.warnings.map((w) => w.evidence)).toEqual(['301']);
    const plain = received.filter((h) => h['x-forwarded-proto'] === 'http');
    expect(plain).toEqual([expect.objectContaining({ host: 'example.com', cookie: SECRETS.cookie })]);
  });
});
