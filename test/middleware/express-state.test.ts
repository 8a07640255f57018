import http from 'node:http';
import expressLatest from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as mw from '../../middleware/index.js';
import { express4 } from '../helpers/versions.js';

const HTTPS = { 'X-Forwarded-Proto': 'https' };
const nonceIn = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

/** What a route saw of its own request and response. */
interface Seen {
  ownNonce: boolean;
  ownWriteHead: boolean;
  reqNonce: string | undefined;
  localsNonce: unknown;
}

const look = (req: expressLatest.Request, res: expressLatest.Response): Seen => ({
  ownNonce: Object.hasOwn(req, 'cspNonce'),
  ownWriteHead: Object.hasOwn(res, 'writeHead'),
  reqNonce: (req as mw.SecureRequest).cspNonce,
  localsNonce: res.locals.cspNonce,
});

function route(seen: Seen[]): expressLatest.RequestHandler {
  return (req, res) => {
    seen.push(look(req, res));
    res.cookie('connect.sid', 'abc');
    res.send('ok');
  };
}

// secure() works per response, as on-headers does: a writeHead and a nonce of the response's
// and the request's own. No prototype is touched: not Node's (another server in the process,
// a metrics endpoint, never runs our code), not Express's app.request and app.response.
// eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
const nodeWriteHead = http.ServerResponse.prototype.writeHead;

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('secure() on %s touches no prototype', (_name, express) => {
  it('keeps its state on the request and response themselves, exposes the nonce and hardens the session cookie', async () => {
    const seen: Seen[] = [];
    const app = express();
    app.use(mw.secure());
    app.get('/', route(seen));
    const res = await request(app).get('/').set(HTTPS);
    const nonce = nonceIn(res.headers['content-security-policy']);
    expect(seen).toEqual([{ ownNonce: true, ownWriteHead: true, reqNonce: nonce, localsNonce: nonce }]);
    expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
    const chain = (o: object | null): object[] =>
      o === null ? [] : [o, ...chain(Object.getPrototypeOf(o) as object | null)];
    for (const proto of [...chain(app.request), ...chain(app.response)]) {
      expect(Object.getOwnPropertyDescriptor(proto, 'cspNonce')).toBeUndefined();
      if (proto !== http.ServerResponse.prototype && proto !== http.OutgoingMessage.prototype)
        expect(Object.hasOwn(proto, 'writeHead')).toBe(false);
    }
    // eslint-disable-next-line @typescript-eslint/unbound-method -- compared, never called
    expect(http.ServerResponse.prototype.writeHead).toBe(nodeWriteHead);
    // Another server in the same process answers with Node's own writeHead.
    const other = http.createServer((_req, r) => r.end(String(r.writeHead === nodeWriteHead)));
    expect((await request(other).get('/')).text).toBe('true');
  });

  it('leaves routes it does not cover alone, in the same app and in another', async () => {
    const seen: Seen[] = [];
    const app = express();
    app.get('/before', route(seen)); // mounted before secure(): not covered
    app.use(mw.secure());
    app.get('/after', route(seen));
    const other = express();
    other.get('/', route(seen));
    const covered = await request(app).get('/after').set(HTTPS);
    const before = await request(app).get('/before').set(HTTPS);
    const elsewhere = await request(other).get('/').set(HTTPS);
    expect(covered.headers['set-cookie']).toEqual([
      'connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
    for (const res of [before, elsewhere]) {
      expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/']);
      expect(res.headers['content-security-policy']).toBeUndefined();
    }
    expect(seen.map((s) => s.reqNonce === undefined)).toEqual([false, true, true]);
  });

  it('keeps its state when a mounted sub-app that holds it hands the request back to the parent', async () => {
    const seen: Seen[] = [];
    const security = express();
    security.use(mw.secure());
    const app = express();
    app.use(security); // Express restores the parent's prototypes as the request leaves `security`
    app.get('/', route(seen));
    const res = await request(app).get('/').set(HTTPS);
    const nonce = nonceIn(res.headers['content-security-policy']);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(seen[0]!.reqNonce).toBe(nonce);
    expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
  });

  it('gives each of two apps its own options', async () => {
    const strict = express();
    strict.use(mw.sessionCookie({ sameSite: 'Strict' }));
    strict.get('/', route([]));
    const lax = express();
    lax.use(mw.sessionCookie());
    lax.get('/', route([]));
    expect((await request(strict).get('/')).headers['set-cookie']).toEqual([
      'connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Strict',
    ]);
    expect((await request(lax).get('/')).headers['set-cookie']).toEqual([
      'connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax',
    ]);
  });

  it('lets a route set req.cspNonce itself', async () => {
    const app = express();
    app.use(mw.secure());
    app.get('/', (req, res) => {
      (req as mw.SecureRequest).cspNonce = 'mine';
      res.send(String((req as mw.SecureRequest).cspNonce));
    });
    expect((await request(app).get('/').set(HTTPS)).text).toBe('mine');
  });
});

describe('secure() on other swapped prototypes', () => {
  const swappedServer = (base: object) =>
    http.createServer((req, res) => {
      Object.setPrototypeOf(res, Object.create(base));
      mw.sessionCookie()(req, res, () => res.setHeader('Set-Cookie', 'sid=1').end('ok'));
    });

  it('hardens cookies whether the shared prototype is open or frozen, and leaves it as it was', async () => {
    const open = Object.create(http.ServerResponse.prototype) as object;
    const frozen = Object.freeze(Object.create(http.ServerResponse.prototype) as object);
    for (const base of [open, frozen]) {
      const res = await request(swappedServer(base)).get('/');
      expect(res.headers['set-cookie']).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax']);
      expect(Object.getOwnPropertyNames(base)).toEqual([]);
    }
  });
});

describe('the nonce on requests with a swapped prototype', () => {
  const nonceServer = (base: object) =>
    http.createServer((req, res) => {
      Object.setPrototypeOf(req, Object.create(base));
      mw.contentSecurityPolicy()(req, res, () => res.end(String((req as mw.SecureRequest).cspNonce)));
    });

  it("is the policy's own whether the shared prototype is open, frozen, or has a cspNonce of another's", async () => {
    const open = Object.create(http.IncomingMessage.prototype) as object;
    const frozen = Object.freeze(Object.create(http.IncomingMessage.prototype) as object);
    const taken = Object.create(http.IncomingMessage.prototype, {
      cspNonce: { value: 'theirs-theirs-theirs-theirs', writable: true },
    }) as object;
    for (const base of [open, frozen, taken]) {
      for (let i = 0; i < 2; i++) {
        const res = await request(nonceServer(base)).get('/');
        expect(res.text).toBe(nonceIn(res.headers['content-security-policy']));
        expect(res.text).not.toBe('theirs-theirs-theirs-theirs');
      }
    }
    expect(Object.getOwnPropertyNames(open)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(taken, 'cspNonce')?.value).toBe('theirs-theirs-theirs-theirs');
  });

  it('cspDirectives() does not write a hostile req.cspNonce into the policy', async () => {
    const app = expressLatest();
    app.use(mw.secure());
    app.use((req, _res, next) => {
      (req as mw.SecureRequest).cspNonce = "x' https://evil.example";
      next();
    });
    app.get('/', mw.cspDirectives({ imgSrc: ["'self'"] }), (_req, res) => res.send('x'));
    app.get('/replace', mw.cspDirectives({ scriptSrc: ["'nonce'"] }, { replace: true }), (_req, res) =>
      res.send('x'),
    );
    for (const path of ['/', '/replace']) {
      const res = await request(app).get(path).set(HTTPS);
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).not.toContain('evil.example');
      expect(res.headers['content-security-policy']).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
    }
  });

  it('is carried to a second policy on the response only when it is one a policy can hold', async () => {
    const server = (set: string) =>
      http.createServer((req, res) => {
        (req as mw.SecureRequest).cspNonce = set;
        mw.contentSecurityPolicy({ reportOnly: true })(req, res, () => res.end());
      });
    const good = 'AbCdEfGhIjKlMnOpQrStUvWx';
    expect(
      nonceIn((await request(server(good)).get('/')).headers['content-security-policy-report-only']),
    ).toBe(good);
    const injected = (await request(server(`${good}' 'unsafe-inline`)).get('/')).headers[
      'content-security-policy-report-only'
    ] as string;
    expect(injected).not.toContain('unsafe-inline');
  });
});

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('secure() on %s with a writeHead of the app', (_name, express) => {
  it('hardens a cookie that an app.response.writeHead of the app sets itself', async () => {
    const app = express();
    (app.response as unknown as { writeHead: unknown }).writeHead = function (
      this: http.ServerResponse,
      ...args: unknown[]
    ) {
      this.setHeader('Set-Cookie', 'sid=proto');
      return (http.ServerResponse.prototype.writeHead as (...a: unknown[]) => unknown).apply(this, args);
    };
    app.use(mw.secure());
    app.get('/', (_req, res) => res.send('x'));
    const res = await request(app).get('/').set(HTTPS);
    expect(res.headers['set-cookie']).toEqual(['sid=proto; Secure; HttpOnly; SameSite=Lax']);
    expect(res.headers['cache-control']).toBe('no-store, max-age=0');
  });

  it("still hardens cookies when app.response.writeHead calls Node's own directly", async () => {
    const app = express();
    let calls = 0;
    (app.response as unknown as { writeHead: unknown }).writeHead = function (
      this: http.ServerResponse,
      ...args: unknown[]
    ) {
      calls++;
      return (http.ServerResponse.prototype.writeHead as (...a: unknown[]) => unknown).apply(this, args);
    };
    app.use(mw.secure());
    app.get('/', route([]));
    const res = await request(app).get('/').set(HTTPS);
    expect(calls).toBe(1);
    expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
  });
});

describe('the middleware sources', () => {
  it('never write to a prototype or to Node built-ins (the rule the code above is tested for)', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = new URL('../../middleware/', import.meta.url);
    const offending: string[] = [];
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
      const code = (await readFile(new URL(file, dir), 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const pattern of [
        /\.prototype(?:\.\w+|\[[^\]]+\])\s*=(?!=)/,
        // Properties are defined only on what the module made itself (a middleware's name).
        /defineProperty\((?!middleware,)/,
        /setPrototypeOf\(/,
        /getBuiltinModule/,
        /__proto__/,
      ])
        if (pattern.test(code)) offending.push(`${file}: ${pattern.source}`);
    }
    expect(offending).toEqual([]);
  });
});

describe("the properties secure() adds to Express's requests and responses", () => {
  it('leave those objects in dictionary mode before V8 13, where Express adds its own without a fresh hidden class each; node:http objects keep theirs', async () => {
    const { execFileSync } = await import('node:child_process');
    const script = `
      import http from 'node:http';
      import express from 'express';
      import { secure } from './middleware/index.ts';
      const seen = [];
      const app = express();
      app.use(secure());
      app.get('/', (req, res) => { seen.push(['express', %HasFastProperties(req), %HasFastProperties(res), typeof req.cspNonce]); res.end(); });
      const guard = secure();
      const server = http.createServer((req, res) => guard(req, res, () => { seen.push(['node', %HasFastProperties(req), %HasFastProperties(res), typeof req.cspNonce]); res.end(); }));
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      const { port } = server.address();
      const other = http.createServer(app);
      await new Promise((r) => other.listen(0, '127.0.0.1', r));
      for (const p of [other.address().port, port]) await fetch('http://127.0.0.1:' + p + '/', { headers: { 'x-forwarded-proto': 'https' } }).then((r) => r.text());
      server.close(); other.close();
      console.log(JSON.stringify(seen));
    `;
    const out = execFileSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: new URL('../..', import.meta.url),
        encoding: 'utf8',
      },
    );
    // V8 13 (Node 24) shares hidden classes after a prototype swap: there they stay fast.
    const shares = Number(process.versions.v8.split('.')[0]) >= 13;
    expect(JSON.parse(out)).toEqual([
      ['express', shares, shares, 'string'],
      ['node', true, true, 'string'],
    ]);
  });
});
