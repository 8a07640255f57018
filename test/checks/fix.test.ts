import Hapi from '@hapi/hapi';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import { secure } from '../../middleware/secure.js';
import { adaptFix, fix, manualFix } from '../../src/checks/fix.js';
import { defaultChecks } from '../../src/checks/index.js';
import { scan } from '../../src/core/scan.js';
import type { Adapter, Warning } from '../../src/core/types.js';

describe('adaptFix: the fix for an app that mounts secure() through an adapter', () => {
  it.each<[Adapter, string]>([
    [
      'fastify',
      "import { secure } from 'checksecure/fastify';\n\nawait app.register(secure, { hsts: { maxAge: 63072000 } });",
    ],
    ['koa', "import { secure } from 'checksecure/koa';\n\napp.use(secure({ hsts: { maxAge: 63072000 } }));"],
    [
      'hapi',
      "import { secure } from 'checksecure/hapi';\n\nawait server.register({ plugin: secure, options: { hsts: { maxAge: 63072000 } } });",
    ],
    [
      'fetch',
      "import { withSecurity } from 'checksecure/fetch';\n\nexport default { fetch: withSecurity(app.fetch, { hsts: { maxAge: 63072000 } }) };",
    ],
  ])('on %s, a part with arguments becomes that option of secure()', (adapter, snippet) => {
    expect(adaptFix(fix('hsts', '{ maxAge: 63072000 }'), adapter)).toEqual({ middleware: 'hsts()', snippet });
  });

  it('mounts secure() alone for a part it has on by default, and keeps arrays as they are', () => {
    expect(adaptFix(fix('noSniff'), 'koa').snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure());",
    );
    expect(adaptFix(fix('noSniff'), 'hapi').snippet).toBe(
      "import { secure } from 'checksecure/hapi';\n\nawait server.register({ plugin: secure });",
    );
    expect(adaptFix(fix('allowedHosts', "['example.com']"), 'fastify').snippet).toBe(
      "import { secure } from 'checksecure/fastify';\n\nawait app.register(secure, { allowedHosts: ['example.com'] });",
    );
  });

  it('keeps the options of a snippet with a comment, and leaves the comment (about Express) out', () => {
    const strict = {
      middleware: 'contentSecurityPolicy()',
      snippet:
        "import { contentSecurityPolicy } from 'checksecure/middleware';\n\n// res.locals.cspNonce\napp.use(contentSecurityPolicy({ strict: true }));",
    };
    expect(adaptFix(strict, 'koa').snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure({ contentSecurityPolicy: { strict: true } }));",
    );
  });

  it('leaves alone what secure() has no option for, and fixes that are not middleware', () => {
    const errorHandler = {
      middleware: 'errorHandler()',
      snippet: "import { errorHandler } from 'checksecure/middleware';\n\napp.use(errorHandler());",
    };
    expect(adaptFix(errorHandler, 'koa')).toBe(errorHandler);
    const markup = manualFix('integrity attributes', '<script src="…" integrity="sha384-…">');
    expect(adaptFix(markup, 'fetch')).toBe(markup);
  });
});

describe('adaptFix and the options of secure()', () => {
  // The scanner keeps its own list of the parts secure() takes an option for (it does not load the
  // middleware): every fix in the catalogue whose part is such an option must be adapted, and no other.
  const isSecureOption = (part: string) => {
    try {
      secure({ [part]: false });
      return true;
    } catch {
      return false;
    }
  };

  it('adapts every catalogue fix whose part is an option of secure(), and only those', () => {
    const fixes = defaultChecks.flatMap((check) =>
      Object.values(check.messages).flatMap((m) => (m.fix ? [m.fix] : [])),
    );
    expect(fixes.length).toBeGreaterThan(20);
    for (const original of fixes) {
      const part = /^(\w+)\(/.exec(original.middleware)?.[1];
      const adapted = adaptFix(original, 'koa') !== original;
      expect([original.middleware, adapted]).toEqual([original.middleware, !!part && isSecureOption(part)]);
    }
  });
});

describe('the fixes a scan reports', () => {
  const snippetOf = (warnings: Warning[], code: string) =>
    warnings.find((w) => w.code === code)?.fix?.snippet;

  it('are for the adapter of a Fastify, Koa, hapi or Hono app, and for Express otherwise', async () => {
    const fastify = Fastify();
    fastify.get('/', async () => 'ok');
    const koa = new Koa();
    koa.use((ctx) => {
      ctx.body = 'ok';
    });
    const hono = new Hono();
    hono.get('/', (c) => c.text('ok'));
    const hapi = Hapi.server();
    hapi.route({ method: 'GET', path: '/', handler: () => 'ok' });
    const listener = (_req: unknown, res: import('node:http').ServerResponse) => res.end('ok');
    expect(snippetOf((await scan(fastify)).warnings, 'HSTS_MISSING')).toMatch(
      /^import \{ secure \} from 'checksecure\/fastify'/,
    );
    expect(snippetOf((await scan(koa)).warnings, 'NOSNIFF_MISSING')).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure());",
    );
    expect(snippetOf((await scan(hono)).warnings, 'HSTS_MISSING')).toMatch(/withSecurity\(app\.fetch/);
    expect(snippetOf((await scan(hapi)).warnings, 'HSTS_MISSING')).toMatch(
      /server\.register\(\{ plugin: secure/,
    );
    expect(snippetOf((await scan(listener)).warnings, 'HSTS_MISSING')).toMatch(
      /^import \{ hsts \} from 'checksecure\/middleware'/,
    );
    await fastify.close();
  });
});
