import Hapi from '@hapi/hapi';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { describe, expect, it } from 'vitest';
import * as middleware from '../../middleware/index.js';
import { secure } from '../../middleware/secure.js';
import { SECURE_PARTS } from '../../middleware/secure-parts.js';
import { defaultChecks } from '../../src/checks/index.js';
import { scan } from '../../src/core/scan.js';
import type { Adapter, FixSpec, ManualFix, PartFix, Warning } from '../../src/core/types.js';
import { renderFix } from '../../src/report/render-fix.js';

describe('renderFix: a part of secure() for an app that mounts it through an adapter', () => {
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
  ])('on %s, a part with options becomes that option of secure()', (adapter, snippet) => {
    expect(renderFix({ part: 'hsts', options: { maxAge: 63072000 } }, { adapter })).toEqual({
      middleware: 'hsts()',
      snippet,
    });
  });

  it('mounts secure() alone for a part it has on by default, and keeps arrays as they are', () => {
    expect(renderFix({ part: 'noSniff' }, { adapter: 'koa' }).snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure());",
    );
    expect(renderFix({ part: 'noSniff' }, { adapter: 'hapi' }).snippet).toBe(
      "import { secure } from 'checksecure/hapi';\n\nawait server.register({ plugin: secure });",
    );
    expect(
      renderFix({ part: 'allowedHosts', options: ['example.com'] }, { adapter: 'fastify' }).snippet,
    ).toBe(
      "import { secure } from 'checksecure/fastify';\n\nawait app.register(secure, { allowedHosts: ['example.com'] });",
    );
  });

  it('switches on a part secure() leaves off, when the fix gives it no options', () => {
    expect(renderFix({ part: 'cspReport' }, { adapter: 'koa' }).snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure({ cspReport: true }));",
    );
    expect(renderFix({ part: 'cspReport' }).snippet).toBe(
      "import { cspReport } from 'checksecure/middleware';\n\napp.use(cspReport());",
    );
  });

  it("mounts the report-only candidate alone as contentSecurityPolicy's report-only mode, which has no factory of its own", () => {
    const fix: PartFix = { part: 'cspReportOnly', options: { directives: { defaultSrc: ["'self'"] } } };
    expect(renderFix(fix).snippet).toBe(
      "import { contentSecurityPolicy } from 'checksecure/middleware';\n\napp.use(contentSecurityPolicy({ directives: { defaultSrc: [\"'self'\"] }, reportOnly: true }));",
    );
    expect(renderFix({ part: 'cspReportOnly' }).snippet).toBe(
      "import { contentSecurityPolicy } from 'checksecure/middleware';\n\napp.use(contentSecurityPolicy({ reportOnly: true }));",
    );
    expect(renderFix(fix, { adapter: 'koa' }).snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure({ cspReportOnly: { directives: { defaultSrc: [\"'self'\"] } } }));",
    );
    // Both run as written.
    expect(
      middleware.contentSecurityPolicy({ directives: { defaultSrc: ["'self'"] }, reportOnly: true }),
    ).toBeTypeOf('function');
    expect(secure({ cspReportOnly: { directives: { defaultSrc: ["'self'"] } } })).toBeTypeOf('function');
  });

  it('writes the Express comment above the mount, and leaves it out of the adapters', () => {
    const strict: PartFix = {
      part: 'contentSecurityPolicy',
      options: { strict: true },
      comment: 'res.locals.cspNonce',
      label: 'contentSecurityPolicy({ strict: true })',
    };
    expect(renderFix(strict)).toEqual({
      middleware: 'contentSecurityPolicy({ strict: true })',
      snippet:
        "import { contentSecurityPolicy } from 'checksecure/middleware';\n\n// res.locals.cspNonce\napp.use(contentSecurityPolicy({ strict: true }));",
    });
    expect(renderFix(strict, { adapter: 'koa' }).snippet).toBe(
      "import { secure } from 'checksecure/koa';\n\napp.use(secure({ contentSecurityPolicy: { strict: true } }));",
    );
  });

  it('shows a manual fix as given, for every adapter, after the imports it names', () => {
    const errorHandler: ManualFix = {
      middleware: 'errorHandler()',
      imports: [{ from: 'checksecure/middleware', names: ['errorHandler'] }],
      snippet: 'app.use(errorHandler());',
    };
    const express = "import { errorHandler } from 'checksecure/middleware';\n\napp.use(errorHandler());";
    expect(renderFix(errorHandler)).toEqual({ middleware: 'errorHandler()', snippet: express });
    expect(renderFix(errorHandler, { adapter: 'koa' })).toEqual({
      middleware: 'errorHandler()',
      snippet: express,
    });
    const markup = { middleware: 'integrity attributes', snippet: '<script src="…" integrity="sha384-…">' };
    expect(renderFix(markup, { adapter: 'fetch', syntax: 'commonjs' })).toEqual(markup);
  });
});

describe('renderFix: the module syntax of the project', () => {
  it.each<[Adapter | undefined, string]>([
    [
      undefined,
      "const { hsts } = require('checksecure/middleware');\n\napp.use(hsts({ maxAge: 63072000 }));",
    ],
    // No top-level await in CommonJS: Fastify queues the plugin until ready() anyway.
    [
      'fastify',
      "const { secure } = require('checksecure/fastify');\n\napp.register(secure, { hsts: { maxAge: 63072000 } });",
    ],
    [
      'koa',
      "const { secure } = require('checksecure/koa');\n\napp.use(secure({ hsts: { maxAge: 63072000 } }));",
    ],
    // It belongs in the async function that starts the server, in either syntax.
    [
      'hapi',
      "const { secure } = require('checksecure/hapi');\n\nawait server.register({ plugin: secure, options: { hsts: { maxAge: 63072000 } } });",
    ],
    [
      'fetch',
      "const { withSecurity } = require('checksecure/fetch');\n\nmodule.exports = { fetch: withSecurity(app.fetch, { hsts: { maxAge: 63072000 } }) };",
    ],
  ])('CommonJS, adapter %s', (adapter, snippet) => {
    expect(
      renderFix({ part: 'hsts', options: { maxAge: 63072000 } }, { adapter, syntax: 'commonjs' }).snippet,
    ).toBe(snippet);
  });

  it("writes a manual fix's imports, default and named, as import or require()", () => {
    const fix: ManualFix = {
      middleware: 'CORS configuration',
      imports: [
        { from: 'cors', default: 'cors' },
        { from: 'my-lib', default: 'lib', names: ['a', 'b'] },
        { from: 'polyfill' },
      ],
      snippet: 'app.use(cors());',
    };
    expect(renderFix(fix).snippet).toBe(
      "import cors from 'cors';\nimport lib, { a, b } from 'my-lib';\nimport 'polyfill';\n\napp.use(cors());",
    );
    expect(renderFix(fix, { syntax: 'commonjs' }).snippet).toBe(
      "const cors = require('cors');\nconst lib = require('my-lib');\nconst { a, b } = lib;\nrequire('polyfill');\n\napp.use(cors());",
    );
  });
});

describe("the catalogue's fixes and secure()'s parts", () => {
  const fixes = defaultChecks.flatMap((check) =>
    Object.entries(check.messages).flatMap(([code, spec]) => (spec.fix ? [[code, spec.fix] as const] : [])),
  );
  const partFixes = fixes.filter((entry): entry is readonly [string, PartFix] => 'part' in entry[1]);

  it('every part a fix names is a part of secure(), which takes its options, as its factory does', () => {
    expect(partFixes.length).toBeGreaterThan(40);
    for (const [code, fix] of partFixes) {
      expect(Object.keys(SECURE_PARTS), code).toContain(fix.part);
      // The snippets pasted for an adapter and for Express, as they run: neither throws.
      expect(() => secure({ [fix.part]: fix.options ?? true }), code).not.toThrow();
      const factory = (middleware as unknown as Record<string, (options?: unknown) => unknown>)[fix.part]!;
      expect(() => factory(fix.options), code).not.toThrow();
    }
  });

  it('every name a manual fix imports from checksecure/middleware is exported there', () => {
    const imported = fixes.flatMap(([, fix]: readonly [string, FixSpec]) =>
      'part' in fix ? [] : (fix.imports ?? []).filter((i) => i.from === 'checksecure/middleware'),
    );
    expect(imported.length).toBeGreaterThan(0);
    for (const { names } of imported)
      for (const name of names ?? [])
        expect(typeof (middleware as Record<string, unknown>)[name], name).toBe('function');
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
