/**
 * secure()'s cspReportOnly: a report-only candidate policy sent beside the enforced one (or
 * alone), with the one nonce the page's scripts carry, on every adapter, each on a real server
 * on 127.0.0.1. A candidate with a nonce of its own would report every script the page marked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Hapi from '@hapi/hapi';
import { getRequestListener } from '@hono/node-server';
import expressLatest from 'express';
import FastifyLatest from 'fastify';
import { Hono } from 'hono';
import Koa3 from 'koa';
import { describe, expect, it } from 'vitest';
import { secure as fastifySecure } from '../../middleware/fastify.js';
import { cspNonce, withSecurity } from '../../middleware/fetch.js';
import { secure as hapiSecure } from '../../middleware/hapi.js';
import * as mw from '../../middleware/index.js';
import { secure as koaSecure } from '../../middleware/koa.js';
import { express4, fastify4, koa2 } from '../helpers/versions.js';
import { nodeListener } from '../helpers/node-listener.js';

const HTTPS = { 'x-forwarded-proto': 'https' };
const NONCE = /'nonce-([A-Za-z0-9_-]{24})'/;
const page = (nonce: string | undefined) => `<script nonce="${nonce ?? ''}">1</script>`;

interface Running {
  base: string;
  close(): Promise<void>;
}

async function listen(listener: http.RequestListener): Promise<Running> {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Each adapter serving GET / (a page with the nonce where its templates read it) under secure(options). */
const ADAPTERS: [string, (options: mw.SecureOptions) => Promise<Running>][] = [
  ...(
    [
      ['Express 5', expressLatest],
      ['Express 4', express4],
    ] as const
  ).map(
    ([name, express]) =>
      [
        name,
        (options: mw.SecureOptions) => {
          const app = express();
          app.use(mw.secure(options));
          app.get('/', (req, res) => {
            // Both places a template reads the nonce from hold the same one.
            expect((req as mw.SecureRequest).cspNonce).toBe(res.locals.cspNonce);
            res.send(page(res.locals.cspNonce));
          });
          return listen(app);
        },
      ] as [string, (options: mw.SecureOptions) => Promise<Running>],
  ),
  ...(
    [
      ['Fastify 5', FastifyLatest],
      ['Fastify 4', fastify4],
    ] as const
  ).map(
    ([name, Fastify]) =>
      [
        name,
        async (options: mw.SecureOptions) => {
          const app = Fastify();
          await app.register(fastifySecure, options);
          app.get('/', (request, reply) => reply.type('text/html').send(page(request.cspNonce)));
          await app.listen({ port: 0, host: '127.0.0.1' });
          return {
            base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
            close: () => app.close(),
          };
        },
      ] as [string, (options: mw.SecureOptions) => Promise<Running>],
  ),
  ...(
    [
      ['Koa 3', Koa3],
      ['Koa 2', koa2],
    ] as const
  ).map(
    ([name, Koa]) =>
      [
        name,
        (options: mw.SecureOptions) => {
          const app = new Koa();
          app.use(koaSecure(options));
          app.use((ctx) => {
            ctx.type = 'html';
            ctx.body = page(ctx.state.cspNonce as string | undefined);
          });
          return listen(nodeListener(app.callback()));
        },
      ] as [string, (options: mw.SecureOptions) => Promise<Running>],
  ),
  [
    'hapi',
    async (options) => {
      const server = Hapi.server({ host: '127.0.0.1', port: 0 });
      await server.register({ plugin: hapiSecure, options });
      server.route({
        method: 'GET',
        path: '/',
        handler: (request, h) =>
          h.response(page((request.app as { cspNonce?: string }).cspNonce)).type('text/html'),
      });
      await server.start();
      return { base: server.info.uri, close: () => server.stop() };
    },
  ],
  [
    'Hono through withSecurity, on a Node response (@hono/node-server)',
    (options) => {
      const hono = new Hono();
      hono.get('/', (c) => c.html(page(cspNonce(c.req.raw))));
      return listen(nodeListener(getRequestListener(withSecurity(hono.fetch, options))));
    },
  ],
  [
    'Hono through withSecurity, Request to Response (no Node response, as on Workers, Bun, Deno)',
    (options) => {
      const hono = new Hono();
      hono.get('/', (c) => c.html(page(cspNonce(c.req.raw))));
      const secured = withSecurity(hono.fetch, options);
      // The runtime's env is left out: the adapter sees a bare Request, as a Worker's fetch does.
      return listen(nodeListener(getRequestListener((request: Request) => secured(request))));
    },
  ],
];

const CANDIDATE = { directives: { defaultSrc: ["'self'"] } };

async function get(running: Running): Promise<{ res: Response; body: string }> {
  try {
    const res = await fetch(`${running.base}/`, { headers: HTTPS });
    return { res, body: await res.text() };
  } finally {
    await running.close();
  }
}

describe.each(ADAPTERS)('cspReportOnly on %s', (_name, start) => {
  it('sends the enforced policy and the report-only candidate with the one nonce the page carries', async () => {
    const { res, body } = await get(await start({ cspReportOnly: CANDIDATE }));
    const enforced = res.headers.get('content-security-policy') ?? '';
    const candidate = res.headers.get('content-security-policy-report-only') ?? '';
    const nonce = NONCE.exec(enforced)?.[1];
    expect(nonce).toBeDefined();
    expect(body).toBe(page(nonce));
    expect(candidate).toBe(
      `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; default-src 'self'`,
    );
    expect(enforced).not.toContain('default-src');
    // A page with a nonce is not for shared caches, whichever policy carries it.
    expect(res.headers.get('cache-control')).toMatch(/^private\b/);
  });

  it('sends the candidate alone when contentSecurityPolicy is off, with the nonce the page carries', async () => {
    const { res, body } = await get(await start({ contentSecurityPolicy: false, cspReportOnly: CANDIDATE }));
    expect(res.headers.get('content-security-policy')).toBeNull();
    const nonce = NONCE.exec(res.headers.get('content-security-policy-report-only') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(body).toBe(page(nonce));
    expect(res.headers.get('cache-control')).toMatch(/^private\b/);
  });

  it('gives the candidate a nonce when the enforced policy has none, and keeps the page out of shared caches', async () => {
    const { res, body } = await get(
      await start({
        contentSecurityPolicy: { preset: 'none', directives: { defaultSrc: ["'self'"] } },
        cspReportOnly: {},
      }),
    );
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    const nonce = NONCE.exec(res.headers.get('content-security-policy-report-only') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(body).toBe(page(nonce));
    expect(res.headers.get('cache-control')).toMatch(/^private\b/);
  });

  it('points the candidate at cspReport as it does the enforced policy, unless it names its own targets', async () => {
    const wired = await get(await start({ cspReport: { path: '/csp' }, cspReportOnly: CANDIDATE }));
    for (const name of ['content-security-policy', 'content-security-policy-report-only'])
      expect(wired.res.headers.get(name), name).toMatch(/; report-uri \/csp; report-to csp-endpoint$/);
    const own = await get(
      await start({ cspReport: { path: '/csp' }, cspReportOnly: { ...CANDIDATE, reportUri: '/tried' } }),
    );
    expect(own.res.headers.get('content-security-policy-report-only')).toMatch(/; report-uri \/tried$/);
    expect(own.res.headers.get('content-security-policy')).toMatch(/; report-to csp-endpoint$/);
  });
});

describe.each([
  ['Koa 3', Koa3],
  ['Koa 2', koa2],
])('cspReportOnly on %s', (_name, Koa) => {
  it('keeps both policies on an error Koa answers', async () => {
    const app = new Koa();
    app.silent = true; // the thrown error is expected
    app.use(koaSecure({ cspReportOnly: CANDIDATE }));
    app.use(() => {
      throw new Error('boom');
    });
    const { res } = await get(await listen(nodeListener(app.callback())));
    expect(res.status).toBe(500);
    const nonce = NONCE.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(res.headers.get('content-security-policy-report-only')).toContain(`'nonce-${nonce}'`);
  });
});

describe('cspReportOnly is refused at setup when it cannot be what was meant', () => {
  const refused = (options: unknown) => {
    try {
      mw.secure(options as mw.SecureOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(mw.MiddlewareOptionError);
      return (error as Error).message;
    }
    throw new Error('not refused');
  };

  it('a reportOnly key of its own: the candidate is report-only by definition', () => {
    for (const reportOnly of [true, false])
      expect(refused({ cspReportOnly: { reportOnly } })).toMatch(
        /^secure: cspReportOnly: reportOnly: (true|false) is not an option here: cspReportOnly is always sent as Content-Security-Policy-Report-Only/,
      );
  });

  it('beside contentSecurityPolicy: { reportOnly: true }, which would be a second report-only policy', () => {
    expect(refused({ contentSecurityPolicy: { reportOnly: true }, cspReportOnly: {} })).toMatch(
      /^secure: cspReportOnly: .* cannot go with contentSecurityPolicy: \{ reportOnly: true \}.*; use one/,
    );
  });

  it("a candidate's own mistakes, named by its header, CR/LF in a source among them", () => {
    expect(refused({ cspReportOnly: { directives: { scriptSrc: ["'self'\r\nSet-Cookie: a=b"] } } })).toMatch(
      /^Content-Security-Policy-Report-Only: script-src: .* must be one source without spaces, ";", "," or line breaks/,
    );
    expect(refused({ cspReportOnly: { reportUri: '/r\nX-Evil: 1' } })).toMatch(
      /^Content-Security-Policy-Report-Only: reportUri: .* contains CR, LF or NUL/,
    );
    expect(refused({ cspReportOnly: { directives: { scriptSrcc: ["'self'"] } } })).toMatch(
      /^Content-Security-Policy-Report-Only: directives: "scriptSrcc" is not a CSP directive/,
    );
    expect(refused({ cspReportOnly: 'strict' })).toMatch(
      /^secure: cspReportOnly: "strict" must be false or an options object/,
    );
  });

  it('by every adapter, with the same message, when it is created or registered', async () => {
    const bad = { cspReportOnly: { reportOnly: true } } as unknown as mw.SecureOptions;
    const message = /^secure: cspReportOnly: reportOnly: true is not an option here/;
    expect(() => koaSecure(bad)).toThrow(message);
    expect(() => withSecurity(() => new Response(''), bad)).toThrow(message);
    await expect(FastifyLatest().register(fastifySecure, bad).ready()).rejects.toThrow(message);
    await expect(Hapi.server().register({ plugin: hapiSecure, options: bad })).rejects.toThrow(message);
  });
});

describe.each([
  ['Express 5', expressLatest],
  ['Express 4', express4],
])('cspDirectives() and the candidate on %s', (_name, express) => {
  const policies = (res: Response) => ({
    enforced: res.headers.get('content-security-policy') ?? '',
    candidate: res.headers.get('content-security-policy-report-only') ?? '',
  });

  it("changes both policies of the response, keeping the page's nonce in each, from templates built once", async () => {
    const app = express();
    app.use(mw.secure({ cspReportOnly: CANDIDATE }));
    // The templates the route's responses carry: a per-request rebuild would give a new object each time.
    const templates: unknown[] = [];
    app.get('/embed', mw.cspDirectives({ frameAncestors: ['https://partner.example'] }), (_req, res) => {
      const own = res as unknown as Record<symbol, unknown>;
      templates.push(own[Symbol.for('checksecure.csp')], own[Symbol.for('checksecure.csp-report-only')]);
      res.send(page(res.locals.cspNonce));
    });
    const running = await listen(app);
    try {
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${running.base}/embed`, { headers: HTTPS });
        const body = await res.text();
        const { enforced, candidate } = policies(res);
        const nonce = NONCE.exec(enforced)?.[1];
        expect(body).toBe(page(nonce));
        // What the route needs, it needs in the candidate too, or every visit would be reported.
        for (const policy of [enforced, candidate]) {
          expect(policy).toContain('frame-ancestors https://partner.example');
          expect(policy).not.toContain("frame-ancestors 'none'");
          expect(policy).toContain(`'nonce-${nonce}'`);
        }
        expect(candidate).toContain("default-src 'self'");
        expect(enforced).not.toContain('default-src');
      }
      expect(templates).toHaveLength(4);
      expect(templates[0]).toBeDefined();
      expect(templates[1]).toBeDefined();
      expect(templates[0]).not.toBe(templates[1]);
      expect(templates[2]).toBe(templates[0]);
      expect(templates[3]).toBe(templates[1]);
    } finally {
      await running.close();
    }
  });

  it("changes the candidate alone when it is the response's only policy", async () => {
    const app = express();
    app.use(mw.secure({ contentSecurityPolicy: false, cspReportOnly: CANDIDATE }));
    app.get('/embed', mw.cspDirectives({ imgSrc: ['https://images.example'] }), (_req, res) =>
      res.send(page(res.locals.cspNonce)),
    );
    const running = await listen(app);
    try {
      const res = await fetch(`${running.base}/embed`, { headers: HTTPS });
      const body = await res.text();
      const { enforced, candidate } = policies(res);
      expect(enforced).toBe('');
      expect(candidate).toContain('img-src https://images.example');
      expect(body).toBe(page(NONCE.exec(candidate)?.[1]));
    } finally {
      await running.close();
    }
  });

  it('with replace, sends the route its own policy and no candidate drafted for the policy it replaced', async () => {
    const app = express();
    app.use(mw.secure({ cspReportOnly: CANDIDATE }));
    app.get(
      '/legacy',
      mw.cspDirectives({ defaultSrc: ["'self'"], scriptSrc: ["'nonce'"] }, { replace: true }),
      (_req, res) => res.send(page(res.locals.cspNonce)),
    );
    const running = await listen(app);
    try {
      const res = await fetch(`${running.base}/legacy`, { headers: HTTPS });
      const body = await res.text();
      const { enforced, candidate } = policies(res);
      const nonce = NONCE.exec(enforced)?.[1];
      expect(enforced).toBe(`default-src 'self'; script-src 'nonce-${nonce}'`);
      expect(candidate).toBe('');
      expect(body).toBe(page(nonce));
    } finally {
      await running.close();
    }
  });

  it('changes both policies of two stacked contentSecurityPolicy() middleware, which share one nonce', async () => {
    const app = express();
    app.use(mw.contentSecurityPolicy());
    app.use(mw.contentSecurityPolicy({ ...CANDIDATE, reportOnly: true }));
    app.get('/', (_req, res) => res.send(page(res.locals.cspNonce)));
    app.get('/embed', mw.cspDirectives({ frameAncestors: ['https://partner.example'] }), (_req, res) =>
      res.send(page(res.locals.cspNonce)),
    );
    const running = await listen(app);
    try {
      for (const path of ['/', '/embed']) {
        const res = await fetch(`${running.base}${path}`);
        const body = await res.text();
        const { enforced, candidate } = policies(res);
        const nonce = NONCE.exec(enforced)?.[1];
        expect(body, path).toBe(page(nonce));
        expect(candidate, path).toContain(`'nonce-${nonce}'`);
        if (path === '/embed')
          for (const policy of [enforced, candidate])
            expect(policy).toContain('frame-ancestors https://partner.example');
      }
    } finally {
      await running.close();
    }
  });
});
