import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import Koa from 'koa';
import serveStatic from 'serve-static';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalPath } from '../../middleware/canonical-path.js';
import * as mw from '../../middleware/index.js';
import { secure as koaSecure } from '../../middleware/koa.js';
import { rawRequest } from '../helpers/raw-request.js';
import { express4 } from '../helpers/versions.js';
import { nodeListener } from '../helpers/node-listener.js';

const raw = (server: http.Server, target: string, headers: Record<string, string> = {}) =>
  rawRequest(server, target, { headers });

const listen = (server: http.Server) =>
  new Promise<http.Server>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));

describe('canonicalPath', () => {
  it.each([
    ['/members/report.txt', '/members/report.txt'],
    ['/public/../members/report.txt', '/members/report.txt'],
    ['/public/%2e%2e/members/report.txt', '/members/report.txt'],
    ['/public/%2E%2E/members/report.txt', '/members/report.txt'],
    ['/public/.%2e/members/report.txt', '/members/report.txt'],
    ['//members/report.txt', '/members/report.txt'],
    ['/public/./x', '/public/x'],
    ['/a/b/..', '/a/'],
    ['/../../etc/passwd', '/etc/passwd'],
    ['/caf%C3%A9', '/café'],
    ['/public/', '/public/'],
  ])('%s is served as %s', (from, to) => {
    expect(canonicalPath(from)).toBe(to);
  });

  it.each([
    '/public/..%2fmembers/report.txt',
    '/public/..%2Fmembers',
    '/public/..%5cmembers',
    '/public\\..\\members',
    '/a%00b',
    '/a%zz',
    '/a%',
    '/public/%252e%252e/members',
    '/caf%C3',
  ])('%s cannot be made canonical', (from) => {
    expect(canonicalPath(from)).toBeUndefined();
  });
});

describe('loginRequired: no public path opens a members-only file', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'static-'));
    await mkdir(path.join(root, 'members'));
    await mkdir(path.join(root, 'public'));
    await writeFile(path.join(root, 'members/report.txt'), 'SECRET members report');
    await writeFile(path.join(root, 'public/index.txt'), 'public page');
  });

  const tricks = [
    '/public/../members/report.txt',
    '/public/..%2fmembers/report.txt',
    '/public/..%2Fmembers/report.txt',
    '/public/%2e%2e/members/report.txt',
    '/public/%2E%2E/members/report.txt',
    '/public/.%2e/members/report.txt',
    '/public/%2e./members/report.txt',
    '//members/report.txt',
    '///members/report.txt',
    '/PUBLIC/../members/report.txt',
    '/public/./../members/report.txt',
    '/public//../members/report.txt',
    '/public/%252e%252e/members/report.txt',
    '/public/..%5cmembers/report.txt',
    '/%70ublic/../members/report.txt',
    '/members/report.txt',
    '/members/report.txt?/public/',
    '/members/report.txt#/public/',
    // A fragment in the request line: static servers stop at it, a path rule must too.
    '/public/../members/report.txt#/../../public/x',
    '/public/x/../../members/report.txt#/../../public/x',
    '/public/%2e%2e/members/report.txt#/%2e%2e/%2e%2e/public/x',
    // The absolute form a proxy sends.
    'http://127.0.0.1/public/../members/report.txt',
    'http://127.0.0.1/members/report.txt',
  ];

  const frameworks: [string, () => http.Server][] = [
    [
      'Express 5',
      () => {
        const app = express();
        app.use(mw.loginRequired({ isAuthenticated: () => false, publicPaths: ['/', '/public/'] }));
        app.use(express.static(root));
        return http.createServer(app);
      },
    ],
    [
      'Express 4',
      () => {
        const app = express4();
        app.use(mw.loginRequired({ isAuthenticated: () => false, publicPaths: ['/', '/public/'] }));
        app.use(express4.static(root));
        return http.createServer(app);
      },
    ],
    [
      'node:http with serve-static',
      () => {
        const gate = mw.loginRequired({ isAuthenticated: () => false, publicPaths: ['/', '/public/'] });
        const files = serveStatic(root);
        return http.createServer((req, res) =>
          gate(req, res, () =>
            files(req, res, () => {
              res.statusCode = 404;
              res.end('not found');
            }),
          ),
        );
      },
    ],
  ];

  for (const [name, build] of frameworks) {
    describe(name, () => {
      let server: http.Server;
      beforeAll(async () => {
        server = await listen(build());
      });
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

      it('serves the public page and sends a browser to the login page for the members file', async () => {
        expect((await raw(server, '/public/index.txt')).body).toBe('public page');
        const members = await raw(server, '/members/report.txt', { Accept: 'text/html' });
        expect(members.status).toBe(302);
      });

      it.each(tricks)('never serves the members file for %s', async (target) => {
        const res = await raw(server, target, { Accept: 'text/html' });
        expect(res.body).not.toContain('SECRET');
      });
    });
  }
});

describe('paths under a mount', () => {
  it('next= carries the URL the browser asked for, not the part after the mount', async () => {
    for (const factory of [express, express4]) {
      const app = factory();
      app.use('/portal', mw.loginRequired({ isAuthenticated: () => false, publicPaths: ['/portal/about'] }));
      app.use('/portal', (_req: http.IncomingMessage, res: express.Response) => res.send('in'));
      const server = await listen(http.createServer(app));
      try {
        const res = await raw(server, '/portal/home?x=1', { Accept: 'text/html' });
        expect(res.headers.location).toBe('/login?next=%2Fportal%2Fhome%3Fx%3D1');
        // Public paths are written as the browser sees them, mount included.
        expect((await raw(server, '/portal/about')).status).toBe(200);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });

  it('secure({ noCache }) under a mount judges the full path', async () => {
    const app = express();
    app.use('/portal', mw.secure({ noCache: { paths: ['/portal/account'] } }));
    app.get('/portal/*path', (_req, res) => res.send('page'));
    const server = await listen(http.createServer(app));
    try {
      expect((await raw(server, '/portal/account')).headers['cache-control']).toBe('no-store, max-age=0');
      expect((await raw(server, '/portal/other')).headers['cache-control']).toBe('private'); // the nonce'd page's own, not no-store;
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('noCache covers every spelling the router routes to a confidential page', () => {
  for (const [name, make] of [
    ['noCache()', () => mw.noCache({ paths: ['/account'] })],
    ['secure({ noCache })', () => mw.secure({ noCache: { paths: ['/account'] } })],
  ] as const) {
    it.each([
      '/account',
      '/ACCOUNT',
      '/Account/',
      '/account/cards',
      '//account',
      '/x/../account',
      '/account;x',
      '/account#x',
      '/accoun%74#',
      'http://127.0.0.1/account',
      'HTTP://127.0.0.1/account?tab=1',
    ])(`${name}: %s, if the router serves the account page for it, is not cached`, async (target) => {
      const app = express();
      app.use(make());
      app.get('/account{/*rest}', (_req, res) => res.send('account page'));
      app.all('*path', (_req, res) => res.status(404).send('elsewhere'));
      const server = await listen(http.createServer(app));
      try {
        const res = await raw(server, target);
        // Either the router served the account page, which must not be cached, or it routed the
        // request elsewhere (the catch-all): nothing confidential was sent.
        if (res.body === 'account page') expect(res.headers['cache-control']).toBe('no-store, max-age=0');
        else expect(res.body).toBe('elsewhere');
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  }

  it('caseSensitive: true matches case as given', async () => {
    const app = express();
    app.use(mw.noCache({ paths: ['/account'], caseSensitive: true }));
    app.get('*path', (_req, res) => res.send('page'));
    const server = await listen(http.createServer(app));
    try {
      expect((await raw(server, '/ACCOUNT')).headers['cache-control']).toBeUndefined();
      expect((await raw(server, '/account')).headers['cache-control']).toBe('no-store, max-age=0');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('security events reach a logger that has only warn(), as docs/middleware.md says', () => {
  it('login.required, password.expired and session.expired', () => {
    const seen: string[] = [];
    const logger = { warn: (fields: Record<string, unknown>) => void seen.push(String(fields.event)) };
    const res = () => ({ writeHead: () => ({ end() {} }) }) as unknown as http.ServerResponse;
    const req = (extra: object = {}) =>
      ({
        url: '/account',
        method: 'GET',
        headers: { accept: 'text/html' },
        ...extra,
      }) as http.IncomingMessage;
    mw.loginRequired({ isAuthenticated: () => false, logger })(req(), res(), () => {});
    mw.passwordExpiry({ isExpired: () => true, logger })(req(), res(), () => {});
    const session = { checksecureExpiry: { created: 0, seen: 0 }, regenerate: (cb: () => void) => cb() };
    mw.sessionExpiry({ idle: 1, logger })(req({ session }), res(), () => {});
    expect(seen).toEqual(['login.required', 'password.expired', 'session.expired']);
  });
});

describe('Koa inside a mounted sub-app', () => {
  it('secure({ noCache }) judges the path the browser asked for, as koa-mount leaves it in ctx.originalUrl', async () => {
    const app = new Koa();
    // What koa-mount does for app.use(mount('/portal', sub)): ctx.path loses the prefix.
    app.use(async (ctx, next) => {
      if (ctx.path.startsWith('/portal/')) ctx.path = ctx.path.slice('/portal'.length);
      await next();
    });
    app.use(koaSecure({ noCache: { paths: ['/portal/account'] } }));
    app.use((ctx) => {
      ctx.body = 'page';
    });
    const server = await listen(http.createServer(nodeListener(app.callback())));
    try {
      expect((await raw(server, '/portal/account')).headers['cache-control']).toBe('no-store, max-age=0');
      expect((await raw(server, '/portal/other')).headers['cache-control']).toBe('private');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
