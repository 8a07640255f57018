import { randomUUID } from 'node:crypto';
import express from 'express';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { csrfCheck } from '../../src/checks/csrf.js';
import { scan } from '../../src/core/scan.js';
import type { Report } from '../../src/core/types.js';
import { openedPerTest } from '../helpers/server.js';

/** How an endpoint answers a POST: `cross` says whether it came from another site. */
type Answer = (
  cross: boolean,
  nextOrder: () => number,
) => {
  status: number;
  location?: string;
  cookie?: string;
};

const opened = openedPerTest();

const options = { checks: [csrfCheck], csrf: { paths: ['/orders'] } };

/** The same endpoint as a node:http server on 127.0.0.1, an Express app and a Fastify instance. */
const targets: Record<string, (answer: Answer) => Promise<Report>> = {
  'a URL (node:http on 127.0.0.1)': async (answer) => {
    let orders = 0;
    const served = await opened.serve((req, res) => {
      if (req.method !== 'POST' || req.url !== '/orders') return void res.writeHead(404).end();
      const a = answer(req.headers['sec-fetch-site'] === 'cross-site', () => ++orders);
      res.writeHead(a.status, {
        ...(a.location ? { location: a.location } : {}),
        ...(a.cookie ? { 'set-cookie': a.cookie } : {}),
      });
      res.end();
    });
    return scan(served.url, options);
  },
  'an Express app': async (answer) => {
    let orders = 0;
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/orders', (req, res) => {
      const a = answer(req.get('sec-fetch-site') === 'cross-site', () => ++orders);
      if (a.cookie) res.setHeader('set-cookie', a.cookie);
      if (a.location) res.redirect(a.status, a.location);
      else res.status(a.status).send('answered');
    });
    return scan(app, options);
  },
  'a Fastify instance': async (answer) => {
    let orders = 0;
    const app = Fastify();
    opened.closeLater(app);
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    app.post('/orders', async (req, reply) => {
      const a = answer(req.headers['sec-fetch-site'] === 'cross-site', () => ++orders);
      if (a.cookie) reply.header('set-cookie', a.cookie);
      return a.location ? reply.redirect(a.location, a.status) : reply.code(a.status).send('answered');
    });
    return scan(app, options);
  },
};

const created = (_cross: boolean, next: () => number) => ({ status: 303, location: `/orders/${next()}` });
const refusedWith =
  (status: number, location?: string): Answer =>
  (cross, next) =>
    cross ? { status, ...(location ? { location } : {}) } : created(cross, next);

const unprotected: [string, Answer][] = [
  // Post/Redirect/Get: each POST makes an order and sends the browser to it. The two answers
  // differ only in the id, and the attacker's POST made an order all the same.
  ['303 → /orders/1 for one, 303 → /orders/2 for the other', created],
  ['303 → /orders?id=1 and ?id=2', (_c, next) => ({ status: 303, location: `/orders?id=${next()}` })],
  ['303 → /receipts/<uuid> each', () => ({ status: 303, location: `/receipts/${randomUUID()}` })],
  [
    'an absolute Location that differs in the id',
    (_c, next) => ({ status: 302, location: `https://shop.example/orders/${next()}` }),
  ],
  // A success status is never a refusal, even where the same-origin POST redirected.
  [
    '200 to the cross-site POST, 303 to the same-origin one',
    (cross, next) => (cross ? { status: 200 } : created(cross, next)),
  ],
];

const refused: [string, Answer][] = [
  ['403 (csurf, lusca, csrf-csrf, Django, Spring)', refusedWith(403)],
  ['400 (Flask-WTF, ASP.NET Core)', refusedWith(400)],
  ['419 (Laravel)', refusedWith(419)],
  ["422 (Rails' default exception)", refusedWith(422)],
  ['302 → /login', refusedWith(302, '/login?next=%2Forders')],
  ['302 → /users/sign_in (Devise)', refusedWith(302, '/users/sign_in')],
  ['303 back to the form with ?error=csrf', refusedWith(303, '/orders/new?error=csrf')],
  ["302 to an identity provider's login", refusedWith(302, 'https://login.idp.example/authorize')],
];

const unclear: [string, Answer, RegExp][] = [
  // Rails' `redirect_back fallback_location: root_path` with a flash: the probe sends no Referer,
  // so the attacker lands on /, while the same-origin order went to /orders/1. Nothing in that
  // answer shows whether the order was made.
  [
    'Rails-style redirect back to / with a flash cookie',
    (cross, next) =>
      cross
        ? { status: 302, location: '/', cookie: '_shop_session=flash-alert; Path=/; HttpOnly' }
        : created(cross, next),
    /^cannot tell whether the cross-site POST was refused \(\/orders: cross-site → 302 → \/, same-origin → 303 → \/orders\/1: a redirect elsewhere that names no login or error page\): refuse it with a 4xx \(403, 419, 422\) or a redirect to a login or error page$/,
  ],
  [
    '500 (what Next.js server actions answer a foreign Origin)',
    refusedWith(500),
    /^cannot tell whether the cross-site POST was refused \(\/orders: cross-site → 500, same-origin → 303 → \/orders\/1: an error is not a refusal: the action may have run first\)/,
  ],
  ['429', refusedWith(429), /\(\/orders: cross-site → 429, .*: a timeout or rate limit, not a refusal\)/],
  [
    'a signed-out visitor: both redirected to /login',
    () => ({ status: 302, location: '/login' }),
    /^the same-origin POST was refused too \(\/orders → 302 → \/login\), so protection cannot be judged/,
  ],
];

describe.each(Object.entries(targets))('csrf check on %s', (_kind, scanOf) => {
  it.each(unprotected)('CSRF_UNPROTECTED: %s', async (_name, answer) => {
    const report = await scanOf(answer);
    expect(report.checks).toEqual([{ name: 'csrf', status: 'warned' }]);
    expect(report.warnings.map((w) => w.code)).toEqual(['CSRF_UNPROTECTED']);
  });

  it.each(refused)('passed when the cross-site POST is refused: %s', async (_name, answer) => {
    const report = await scanOf(answer);
    expect(report.checks).toEqual([{ name: 'csrf', status: 'passed' }]);
    expect(report.warnings).toEqual([]);
  });

  it.each(unclear)('skipped, never passed, when it cannot tell: %s', async (_name, answer, reason) => {
    const report = await scanOf(answer);
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      { name: 'csrf', status: 'skipped', reason: expect.stringMatching(reason) },
    ]);
  });

  // The cross-site POST goes first: here it deletes the item, and the same-origin POST then
  // finds nothing (404). Sent the other way round, the cross-site 404 looked like a refusal.
  it('never passes when the cross-site POST uses up what the same-origin one needed', async () => {
    let deleted = false;
    const report = await scanOf(() => {
      if (deleted) return { status: 404 };
      deleted = true;
      return { status: 303, location: '/orders' };
    });
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason:
          'the same-origin POST was refused too (/orders → 404, after the cross-site POST → 303 → /orders), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths), or send its token (csrf.sameOrigin)',
      },
    ]);
  });
});

describe('csrf check over several paths', () => {
  const app = () => {
    const app = express();
    app.post('/orders', (req, res) =>
      req.get('sec-fetch-site') === 'cross-site'
        ? res.status(403).send('no')
        : res.redirect(303, '/orders/1'),
    );
    app.post('/flaky', (req, res) =>
      req.get('sec-fetch-site') === 'cross-site'
        ? res.status(500).send('boom')
        : res.redirect(303, '/flaky/1'),
    );
    return app;
  };

  it('a path named in csrf.paths that cannot be judged is said so, not passed over', async () => {
    const report = await scan(app(), { checks: [csrfCheck], csrf: { paths: ['/orders', '/missing'] } });
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason:
          'the same-origin POST was refused too (/missing → 404), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths), or send its token (csrf.sameOrigin)',
      },
    ]);
  });

  it('a probed page that takes no POST is passed over, as before', async () => {
    const report = await scan(app(), { checks: [csrfCheck], paths: ['/', '/orders'] });
    expect(report.checks).toEqual([{ name: 'csrf', status: 'passed' }]);
  });

  it('one unclear path keeps the check from passing, whatever the others show', async () => {
    const report = await scan(app(), { checks: [csrfCheck], paths: ['/orders', '/flaky'] });
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason: expect.stringMatching(
          /^cannot tell whether the cross-site POST was refused \(\/flaky: cross-site → 500,/,
        ),
      },
    ]);
  });
});

describe('a route that redirects every method is not a form endpoint', () => {
  // A redirect the GET of the same path gets too is the route's (/ → /home, a moved page): it
  // says nothing about what a POST did, so it is inconclusive, never CSRF_UNPROTECTED.
  const everyMethod: Record<string, () => Promise<Report>> = {
    'a URL (node:http on 127.0.0.1)': async () => {
      const served = await opened.serve((req, res) => {
        if (req.url === '/old') return void res.writeHead(301, { location: '/new' }).end();
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>new</p>');
      });
      return scan(served.url, { checks: [csrfCheck], csrf: { paths: ['/old'] } });
    },
    'an Express app': async () => {
      const app = express();
      app.all('/', (_req, res) => res.redirect(302, '/home'));
      app.get('/home', (_req, res) => res.send('home'));
      return scan(app, { checks: [csrfCheck] });
    },
    'a Fastify instance': async () => {
      const app = Fastify();
      opened.closeLater(app);
      app.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string' },
        (_req, body, done) => done(null, body),
      );
      app.all('/', async (_req, reply) => reply.redirect('/home', 302));
      app.get('/home', async () => 'home');
      return scan(app, { checks: [csrfCheck] });
    },
  };
  it.each(Object.entries(everyMethod))('on %s: skipped with the reason', async (_name, run) => {
    const report = await run();
    expect(report.warnings).toEqual([]);
    const status = report.checks.find((c) => c.name === 'csrf')!;
    expect(status.status).toBe('skipped');
    expect(status.reason).toMatch(/a GET of the path gets the same redirect, so it is not a form endpoint/);
  });

  it('still finds a POST-redirect-GET endpoint whose GET answers the page itself', async () => {
    const app = express();
    let orders = 0;
    app.get('/orders', (_req, res) => res.send('<form method="post"></form>'));
    app.post('/orders', (_req, res) => res.redirect(303, `/orders/${++orders}`));
    const report = await scan(app, { checks: [csrfCheck], csrf: { paths: ['/orders'] } });
    expect(report.warnings.map((w) => w.code)).toEqual(['CSRF_UNPROTECTED']);
  });
});

describe('what a CSRF_UNPROTECTED finding says, and where the check cannot run', () => {
  it('names the endpoint and both answers, with the middleware that refuses cross-site POSTs', async () => {
    const app = express();
    app.post('/transfer', (_req, res) => res.status(200).send('sent'));
    const report = await scan(app, { checks: [csrfCheck], csrf: { paths: ['/transfer'] } });
    expect(report.warnings).toEqual([
      {
        code: 'CSRF_UNPROTECTED',
        check: 'csrf',
        severity: 'error',
        message: 'A cross-site POST to /transfer is accepted (200) like a same-origin one',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/transfer$/),
        evidence: expect.stringMatching(
          /^POST http:\/\/127\.0\.0\.1:\d+\/transfer with Origin: https:\/\/attacker\.example, Sec-Fetch-Site: cross-site → 200 \(same-origin → 200\)$/,
        ),
        fix: {
          middleware: 'csrf()',
          snippet: "import { csrf } from 'checksecure/middleware';\n\napp.use(csrf());",
        },
      },
    ]);
  });

  it('runs on a plain-HTTP target too: a forged form needs no TLS', async () => {
    const served = await opened.serve((req, res) =>
      res.writeHead(req.method === 'POST' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok'),
    );
    const report = await scan(served.url, {
      checks: [csrfCheck],
      csrf: { paths: ['/x'] },
      assumeHttps: false,
    });
    expect(report.warnings.map((w) => w.code)).toEqual(['CSRF_UNPROTECTED']);
    expect(
      served.requests.filter((r) => r.method === 'POST').map((r) => r.headers['sec-fetch-site']),
    ).toEqual(['cross-site', 'same-origin']);
  });

  it('is skipped on a captured response: it needs two POSTs of its own', async () => {
    const report = await scan(
      { response: { url: 'https://example.com/', status: 200, headers: {}, body: '<form method="post">' } },
      { checks: [csrfCheck] },
    );
    expect(report.checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason: 'needs an active probe, and a captured response cannot be requested again',
      },
    ]);
  });
});
