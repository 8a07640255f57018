import { describe, expect, it } from 'vitest';
import type { Adapter, ManualFix, PartFix } from '../../src/core/types.js';
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
