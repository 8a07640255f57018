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

// Express gives each req and res a map of its own (it swaps their prototypes), so every property
// secure() added to them cost a fresh map per request: its state lives in WeakMaps instead.
describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('secure() on %s adds no property to req or res', (_name, express) => {
  it('and still exposes the nonce of the policy and hardens the session cookie', async () => {
    const seen: Seen[] = [];
    const app = express();
    app.use(mw.secure());
    app.get('/', route(seen));
    const res = await request(app).get('/').set(HTTPS);
    const nonce = nonceIn(res.headers['content-security-policy']);
    expect(seen).toEqual([{ ownNonce: false, ownWriteHead: false, reqNonce: nonce, localsNonce: nonce }]);
    expect(res.headers['set-cookie']).toEqual(['connect.sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax']);
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

  it('hardens cookies whether the shared prototype can take a hook or is frozen', async () => {
    const open = Object.create(http.ServerResponse.prototype) as object;
    const frozen = Object.freeze(Object.create(http.ServerResponse.prototype) as object);
    for (const base of [open, frozen]) {
      const res = await request(swappedServer(base)).get('/');
      expect(res.headers['set-cookie']).toEqual(['sid=1; Secure; HttpOnly; SameSite=Lax']);
    }
    expect(Object.hasOwn(open, 'writeHead')).toBe(true);
    expect(Object.hasOwn(frozen, 'writeHead')).toBe(false);
  });
});

describe('the nonce on requests with a swapped prototype', () => {
  const nonceServer = (base: object) =>
    http.createServer((req, res) => {
      Object.setPrototypeOf(req, Object.create(base));
      mw.contentSecurityPolicy()(req, res, () => res.end(String((req as mw.SecureRequest).cspNonce)));
    });

  it('is the policy nonce whether the shared prototype takes the accessor, is frozen, or has a cspNonce of its own', async () => {
    const open = Object.create(http.IncomingMessage.prototype) as object;
    const frozen = Object.freeze(Object.create(http.IncomingMessage.prototype) as object);
    const taken = Object.create(http.IncomingMessage.prototype, {
      cspNonce: { value: 'theirs', writable: true },
    }) as object;
    for (const base of [open, frozen, taken]) {
      for (let i = 0; i < 2; i++) {
        const res = await request(nonceServer(base)).get('/');
        expect(res.text).toBe(nonceIn(res.headers['content-security-policy']));
      }
    }
    expect(Object.getOwnPropertyDescriptor(open, 'cspNonce')?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(taken, 'cspNonce')?.value).toBe('theirs');
  });
});

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('secure() on %s with a writeHead of the app', (_name, express) => {
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
