import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, scratch } from '../helpers/cli.js';

/**
 * Every fix snippet the command line writes, for every code, every framework it has an adapter
 * for (and a plain listener, which gets the Express snippet) and both module syntaxes, as a user's
 * project sees them in the JSON report and in the SARIF rules: recorded in test/fixtures/fix-snippets,
 * so that a change to how fixes are written shows there, code by code.
 */

/**
 * The pages that make the checks write fixes of their own (not the catalogue's): cookies named
 * in the fix, a session cookie's SameSite, the policy a blocked script or style needs (with
 * keywords, or hosts alone), the nonce expression of each framework, a page's own referrer policy.
 */
const PAGES = `
const nonce = 'AAAAAAAAAAAAAAAAAAAAAAAA';
const body =
  '<!doctype html><meta name="referrer" content="unsafe-url"><p style="color:red">hi</p>' +
  '<script>a()</script><script src="https://cdn.example.org/lib.js"></script><style>p{}</style>' +
  '<button onclick="go()">go</button><a href="javascript:go()">go</a>';
const PAGES = {
  '/': {
    'content-security-policy': "script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'",
    'set-cookie': [
      'theme=dark; Path=/',
      "we'ird=1; Secure; Path=/",
      'XSRF-TOKEN=abc; Path=/',
      'AWSALB=abc; Path=/',
      'sid=abc; Secure; HttpOnly; SameSite=None; Path=/',
    ],
  },
  // A policy of hosts alone: the host of the blocked script is added to it.
  '/hosts': {
    'content-security-policy': "script-src https://static.example.org; style-src 'self'; object-src 'none'; base-uri 'none'",
  },
  '/nonce': {
    'content-security-policy': "script-src 'nonce-" + nonce + "' 'strict-dynamic'; style-src 'nonce-" + nonce + "'; object-src 'none'; base-uri 'none'",
  },
};
/** The page at a path: status, headers (a list for each repeated one) and body. */
module.exports = (url) => {
  const headers = { 'content-type': 'text/html; charset=utf-8', ...(PAGES[url.split('?')[0]] ?? PAGES['/']) };
  return { status: 200, headers, body };
};
`;

const APPS: Record<string, { cjs: string; esm: string }> = {
  listener: {
    cjs: `const page = require('./pages.cjs');\nmodule.exports = (req, res) => { const p = page(req.url); res.writeHead(p.status, p.headers); res.end(p.body); };\n`,
    esm: `import page from './pages.cjs';\nexport default (req, res) => { const p = page(req.url); res.writeHead(p.status, p.headers); res.end(p.body); };\n`,
  },
  fastify: {
    cjs: `const Fastify = require('fastify');\nconst page = require('./pages.cjs');\nconst app = Fastify();\napp.all('/*', async (req, reply) => { const p = page(req.url); reply.code(p.status).headers(p.headers); return p.body; });\nmodule.exports = app;\n`,
    esm: `import Fastify from 'fastify';\nimport page from './pages.cjs';\nconst app = Fastify();\napp.all('/*', async (req, reply) => { const p = page(req.url); reply.code(p.status).headers(p.headers); return p.body; });\nexport default app;\n`,
  },
  koa: {
    cjs: `const Koa = require('koa');\nconst page = require('./pages.cjs');\nconst app = new Koa();\napp.use((ctx) => { const p = page(ctx.url); ctx.status = p.status; ctx.set(p.headers); ctx.body = p.body; });\nmodule.exports = app;\n`,
    esm: `import Koa from 'koa';\nimport page from './pages.cjs';\nconst app = new Koa();\napp.use((ctx) => { const p = page(ctx.url); ctx.status = p.status; ctx.set(p.headers); ctx.body = p.body; });\nexport default app;\n`,
  },
  hapi: {
    cjs: `const Hapi = require('@hapi/hapi');\nconst page = require('./pages.cjs');\nconst server = Hapi.server();\nserver.route({ method: '*', path: '/{any*}', handler: (request, h) => { const p = page(request.path); const r = h.response(p.body).code(p.status); for (const [k, v] of Object.entries(p.headers)) r.header(k, v); return r; } });\nmodule.exports = server;\n`,
    esm: `import Hapi from '@hapi/hapi';\nimport page from './pages.cjs';\nconst server = Hapi.server();\nserver.route({ method: '*', path: '/{any*}', handler: (request, h) => { const p = page(request.path); const r = h.response(p.body).code(p.status); for (const [k, v] of Object.entries(p.headers)) r.header(k, v); return r; } });\nexport default server;\n`,
  },
  fetch: {
    cjs: `const page = require('./pages.cjs');\nconst headersOf = (h) => { const out = new Headers(); for (const [k, v] of Object.entries(h)) for (const one of [v].flat()) out.append(k, one); return out; };\nmodule.exports = { fetch: (request) => { const p = page(new URL(request.url).pathname); return new Response(p.body, { status: p.status, headers: headersOf(p.headers) }); } };\n`,
    esm: `import page from './pages.cjs';\nconst headersOf = (h) => { const out = new Headers(); for (const [k, v] of Object.entries(h)) for (const one of [v].flat()) out.append(k, one); return out; };\nexport default { fetch: (request) => { const p = page(new URL(request.url).pathname); return new Response(p.body, { status: p.status, headers: headersOf(p.headers) }); } };\n`,
  },
};

/**
 * The checks, and one more that reports every code of the catalogue with a fix, its fix as
 * declared: so that each catalogue fix is written for this app, whichever codes the pages show.
 */
const CONFIG = `
import { defaultChecks, defineCheck } from 'checksecure';
const fixed = defaultChecks.flatMap((check) => Object.entries(check.messages).filter(([, spec]) => spec.fix));
const replay = defineCheck({
  name: 'replay',
  messages: Object.fromEntries(fixed.map(([code, spec]) => ['replay.' + code, spec])),
  run: () => fixed.map(([code]) => 'replay.' + code),
});
export default { checks: [...defaultChecks, replay], paths: ['/', '/hosts', '/nonce'], headers: { host: 'shop.example.com' } };
`;

type Syntax = 'esm' | 'cjs';

/** A project of its own with checksecure installed by name, as a user's node_modules has it. */
async function project(framework: string, syntax: Syntax): Promise<string> {
  const dir = await scratch({
    'package.json': syntax === 'esm' ? '{"type":"module"}' : '{"name":"cjs-shop","private":true}',
    'pages.cjs': PAGES,
    'app.js': APPS[framework]![syntax],
    'checksecure.config.mjs': CONFIG,
  });
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(ROOT, path.join(dir, 'node_modules/checksecure'), 'dir');
  return dir;
}

interface Fix {
  middleware: string;
  snippet: string;
}

/** Each code's distinct fixes, in a stable order; the replayed codes under their own names. */
function byCode(found: { code: string; fix?: Fix }[]): Record<string, Fix[]> {
  const out = new Map<string, Map<string, Fix>>();
  for (const { code, fix } of found) {
    if (!fix) continue;
    const name = code.replace(/^replay\./, '');
    if (!out.has(name)) out.set(name, new Map());
    out.get(name)!.set(JSON.stringify(fix), fix);
  }
  return Object.fromEntries(
    [...out.keys()]
      .sort()
      .map((code) => [
        code,
        [...out.get(code)!.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, f]) => f),
      ]),
  );
}

const fixture = (name: string) => `../fixtures/fix-snippets/${name}.json`;

describe('the fix snippets of every code, as a project gets them', () => {
  const cases = Object.keys(APPS).flatMap((framework) =>
    (['esm', 'cjs'] as const).map((syntax) => [framework, syntax] as const),
  );

  it.each(cases)('the JSON report of a %s app, %s', { timeout: 120_000 }, async (framework, syntax) => {
    const dir = await project(framework, syntax);
    const run = await cli(['--app', 'app.js', '--format', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { warnings: { code: string; fix?: Fix }[] };
    const fixes = byCode(report.warnings);
    // Every catalogue code with a fix, and the pages' own fixes (cookie names, policies, nonces).
    expect(Object.keys(fixes).length).toBeGreaterThan(50);
    await expect(`${JSON.stringify(fixes, null, 2)}\n`).toMatchFileSnapshot(
      fixture(`${framework}-${syntax}`),
    );
  });

  it.each(['esm', 'cjs'] as const)('the SARIF rules, %s', { timeout: 120_000 }, async (syntax) => {
    const dir = await project('listener', syntax);
    const run = await cli(['--app', 'app.js', '--format', 'sarif', '--fail-on', 'never'], { cwd: dir });
    expect(run.stderr).toBe('');
    const rules = (
      JSON.parse(run.stdout) as {
        runs: { tool: { driver: { rules: { id: string; help: { text: string } }[] } } }[];
      }
    ).runs[0]!.tool.driver.rules;
    const fixes = Object.fromEntries(
      rules
        .filter((rule) => !rule.id.startsWith('replay.') && rule.help.text.includes('\n\nFix: '))
        .map((rule) => [rule.id, rule.help.text.slice(rule.help.text.indexOf('\n\nFix: ') + 2)]),
    );
    expect(Object.keys(fixes).length).toBeGreaterThan(50);
    await expect(`${JSON.stringify(fixes, null, 2)}\n`).toMatchFileSnapshot(fixture(`sarif-rules-${syntax}`));
  });
});
