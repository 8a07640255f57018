// Compile-only, in a fresh project that installed the packed package: each subpath's main API as
// a user's app calls it, against the frameworks' own types. A line after `// error TSnnnn: text`
// must fail with exactly that error (package-types.test.ts reads these markers).
import express from 'express';
import Fastify from 'fastify';
import Koa from 'koa';
import { server as hapiServer } from '@hapi/hapi';
import { defineCheck, scan, type FixSpec, type PartFix, type Report } from 'checksecure';
import { secure, type HstsOptions } from 'checksecure/middleware';
import { matchers } from 'checksecure/matchers';
import { secure as fastifySecure } from 'checksecure/fastify';
import { secure as koaSecure } from 'checksecure/koa';
import { secure as hapiSecure } from 'checksecure/hapi';
import { cspNonce, withSecurity } from 'checksecure/fetch';

const hsts: HstsOptions = { maxAge: 31536000 };
express().use(secure({ hsts }));

export async function setUp(): Promise<Report> {
  const fastify = Fastify();
  await fastify.register(fastifySecure, { allowedHosts: ['example.com'] });
  fastify.get('/', (request) => request.cspNonce ?? '');
  new Koa().use(koaSecure({ hsts: false }));
  await hapiServer().register({ plugin: hapiSecure, options: { hsts } });
  const handler = withSecurity((request: Request) => new Response(cspNonce(request)));
  await handler(new Request('http://127.0.0.1/'));
  return scan({ url: `http://127.0.0.1/${Object.keys(matchers).length}` });
}

// A report-only candidate beside the enforced policy takes contentSecurityPolicy's options...
express().use(secure({ cspReport: true, cspReportOnly: { directives: { defaultSrc: ["'self'"] } } }));
// @ts-expect-error ...but not reportOnly: it is report-only by definition (secure() refuses it too)
koaSecure({ cspReportOnly: { reportOnly: true } });

// error TS2561: Object literal may only specify known properties, but 'hstss' does not exist in type 'SecureOptions'. Did you mean to write 'hsts'?
express().use(secure({ hstss: hsts }));
// error TS2322: Type 'string' is not assignable to type 'number'.
koaSecure({ hsts: { maxAge: '1y' } });

// A check's fix is data: a part of secure() with JSON options, or a manual fix shown as given.
export const noDebugHeader = defineCheck({
  name: 'noDebugHeader',
  messages: {
    DEBUG_HEADER: {
      severity: 'warning',
      message: 'X-Debug is sent',
      fix: { middleware: 'config', snippet: 'unset X-Debug' },
    },
    NO_HSTS: { severity: 'error', message: 'no HSTS', fix: { part: 'hsts', options: { maxAge: 63072000 } } },
  },
  run: () => [{ code: 'NO_HSTS', fix: { part: 'allowedHosts', options: ['example.com'] } }],
});
// @ts-expect-error a part secure() does not have (the message lists every part, so no marker)
export const misspelt: PartFix = { part: 'hstss' };
// error TS2322: Type '{ paths: RegExp[]; }' is not assignable to type 'FixValue | undefined'.
export const notJson: PartFix = { part: 'noCache', options: { paths: [/^\/account/] } };
// error TS2322: Type '{ middleware: string; }' is not assignable to type 'FixSpec'.
export const noSnippet: FixSpec = { middleware: 'config' };
