import http from 'node:http';
import express from 'express';
import { Hono } from 'hono';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { withSecurity } from '../../middleware/fetch.js';
import * as mw from '../../middleware/index.js';

/** An Express app behind httpsRedirect (or secure()) that answers 'app' when let through. */
function appWith(middleware: express.RequestHandler): express.Express {
  const app = express();
  app.use(middleware);
  app.all('*path', (_req, res) => res.send('app'));
  return app;
}

const viaProxy = (app: express.Express, host: string, path = '/p?q=1') =>
  request(app).get(path).set('Host', host).set('X-Forwarded-Proto', 'http');
const direct = (app: express.Express, host: string, path = '/p?q=1') =>
  request(app).get(path).set('Host', host);

describe('httpsRedirect without a hosts list never redirects to a host taken from the request', () => {
  for (const [name, make] of [
    ['httpsRedirect()', () => mw.httpsRedirect()],
    ['secure()', () => mw.secure()],
  ] as const) {
    it(`${name}: a forged public Host is refused with 400, through a proxy and direct`, async () => {
      const app = appWith(make());
      for (const res of [await viaProxy(app, 'evil.com'), await direct(app, 'evil.com')]) {
        expect(res.status).toBe(400);
        expect(res.headers.location).toBeUndefined();
        expect(res.text).toBe('Bad Request: this site is served over HTTPS only\n');
      }
    });
  }

  it('logs the refusal with what to configure', async () => {
    const events: { event: string; value: string }[] = [];
    const app = appWith(mw.httpsRedirect({ logger: { warn: (e: never) => events.push(e) } }));
    await viaProxy(app, 'evil.com');
    expect(events).toEqual([expect.objectContaining({ event: 'host.rejected', value: 'evil.com' })]);
  });

  it('a missing or malformed Host on a direct plain-HTTP connection is a 400, not a page served', async () => {
    const server = http.createServer((req, res) => mw.httpsRedirect()(req, res, () => res.end('app')));
    for (const host of ['a@evil.com', 'evil.com/x', ' ']) {
      const res = await request(server).get('/').set('Host', host);
      expect(res.status, host).toBe(400);
    }
  });

  it('this machine behind a proxy of its own (a test, a local TLS proxy) is redirected to itself, port kept', async () => {
    const app = appWith(mw.httpsRedirect());
    for (const host of ['127.0.0.1:5000', 'localhost:3000', '[::1]:8080', 'localhost']) {
      const res = await viaProxy(app, host);
      expect(res.status, host).toBe(301);
      expect(res.headers.location, host).toBe(`https://${host}/p?q=1`);
    }
  });
});

describe('httpsRedirect keeps the port the request named', () => {
  const app = appWith(mw.httpsRedirect({ hosts: ['example.com', '.example.com'] }));
  it.each([
    ['example.com:8443', 'https://example.com:8443/p?q=1'],
    ['www.example.com:8080', 'https://www.example.com:8080/p?q=1'],
    ['example.com:80', 'https://example.com/p?q=1'],
    ['example.com:443', 'https://example.com/p?q=1'],
    ['example.com', 'https://example.com/p?q=1'],
  ])('Host %s → %s', async (host, location) => {
    const res = await viaProxy(app, host);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(location);
  });

  it('httpsPort replaces it', async () => {
    const pinned = appWith(mw.httpsRedirect({ hosts: ['example.com'], httpsPort: 4443 }));
    expect((await viaProxy(pinned, 'example.com:8080')).headers.location).toBe(
      'https://example.com:4443/p?q=1',
    );
    expect((await viaProxy(pinned, 'example.com')).headers.location).toBe('https://example.com:4443/p?q=1');
  });

  it("an unknown host goes to the first host, on that host's port, never the unknown one's", async () => {
    const withPort = appWith(mw.httpsRedirect({ hosts: ['example.com:8443'] }));
    expect((await viaProxy(withPort, 'evil.com:9999')).headers.location).toBe(
      'https://example.com:8443/p?q=1',
    );
    expect((await viaProxy(app, 'evil.com:9999')).headers.location).toBe('https://example.com/p?q=1');
  });
});

describe('httpsRedirect leaves internal hosts alone unless they are listed', () => {
  const internal = [
    'api:3000', // a Docker or Kubernetes service
    'api',
    '192.168.1.5:3102', // a phone on the LAN
    '10.0.0.2',
    '172.20.1.1:8080',
    '169.254.10.1',
    '100.64.0.1',
    '[fd00::1]:80',
    '[fe80::1]',
    'printer.local',
    'db.internal',
    'nas.home.arpa',
  ];
  const apps = {
    'no list': appWith(mw.httpsRedirect()),
    'a list of public hosts': appWith(mw.httpsRedirect({ hosts: ['example.com'] })),
    'secure()': appWith(mw.secure()),
  };
  for (const [name, app] of Object.entries(apps)) {
    it.each(internal)(`${name}: Host %s is served, through a proxy and direct`, async (host) => {
      for (const res of [await viaProxy(app, host), await direct(app, host)]) {
        expect(res.status).toBe(200);
        expect(res.text).toBe('app');
      }
    });
  }

  it('this machine on a direct connection is served (development)', async () => {
    for (const app of Object.values(apps)) {
      expect((await direct(app, 'localhost:3000')).text).toBe('app');
      expect((await direct(app, '127.0.0.1:3000')).text).toBe('app');
    }
  });

  it('a listed internal host is redirected, port kept', async () => {
    const app = appWith(mw.httpsRedirect({ hosts: ['api', '192.168.1.5'] }));
    expect((await viaProxy(app, 'api:3000')).headers.location).toBe('https://api:3000/p?q=1');
    expect((await direct(app, '192.168.1.5:3102')).headers.location).toBe('https://192.168.1.5:3102/p?q=1');
  });

  it('public addresses are not internal: a public IP literal without a list is refused', async () => {
    for (const host of ['203.0.113.7', '8.8.8.8:8080', '172.32.0.1', '[2001:db8::1]', 'example.com']) {
      expect((await viaProxy(apps['no list'], host)).status, host).toBe(400);
    }
  });
});

describe('httpsRedirect in a fetch handler', () => {
  const hono = new Hono().get('*', (c) => c.text('app'));
  const handler = withSecurity(hono.fetch, { hsts: false, contentSecurityPolicy: false });
  it('refuses a forged public host, serves an internal one, redirects a listed one with its port', async () => {
    expect((await handler(new Request('http://evil.com/'))).status).toBe(400);
    expect(await (await handler(new Request('http://api:3000/'))).text()).toBe('app');
    const listed = withSecurity(hono.fetch, { allowedHosts: ['example.com'] });
    const res = await listed(new Request('http://example.com:8080/x'));
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('https://example.com:8080/x');
  });
});

describe('httpsRedirect edge cases found from outside', () => {
  it("secure({ allowedHosts: ['*'] }) is accepted and redirects every public host to itself", async () => {
    const app = appWith(mw.secure({ allowedHosts: ['*'] }));
    expect((await viaProxy(app, 'anything.example:8443')).headers.location).toBe(
      'https://anything.example:8443/p?q=1',
    );
    expect((await viaProxy(app, 'api:3000')).text).toBe('app');
  });

  it('numeric single labels and IPv6 outside fc00::/7 and fe80::/10 are not internal', async () => {
    const app = appWith(mw.httpsRedirect());
    for (const host of ['2130706433', '0x08080808', '[fc::1]', '[fe8::1]', '[fec0::1]']) {
      expect((await viaProxy(app, host)).status, host).toBe(400);
    }
    for (const host of ['[fc00::1]', '[fdab:1::2]', '[febf::1]'])
      expect((await viaProxy(app, host)).text, host).toBe('app');
  });

  it('a rejected Host is logged as one inert line', async () => {
    const logged: string[] = [];
    const logger = {
      warn: (fields: object, message: string) => void logged.push(message, JSON.stringify(fields)),
    };
    const server = http.createServer((req, res) => {
      // What a raw request can carry and a client library would not send.
      req.headers['x-forwarded-host'] = 'evil.com\u009b31m\u0085\nforged';
      mw.allowedHosts({ hosts: ['example.com'], logger })(req, res, () => res.end('app'));
    });
    expect((await request(server).get('/').set('Host', 'example.com')).status).toBe(400);
    expect(logged).toHaveLength(2);
    // eslint-disable-next-line no-control-regex
    for (const line of logged) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(logged[0]).toContain('evil.com\\x9b31m\\x85\\nforged');
  });
});
