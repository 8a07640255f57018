import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

let site: Served;
beforeAll(async () => {
  site = await serve((req, res) => {
    if (req.url === '/admin')
      return res.writeHead(200, { 'content-type': 'text/plain', 'x-debug': 'on' }).end('admin');
    hardenedSite(req, res);
  });
});
afterAll(() => site.close());

describe('config discovery', () => {
  it.each(['json', 'js', 'mjs', 'cjs', 'ts', 'mts'])(
    'finds checksecure.config.%s upward from the working directory',
    async (ext) => {
      const body = { target: site.url, paths: ['/'] };
      const content =
        ext === 'json'
          ? JSON.stringify(body)
          : ext === 'cjs'
            ? `module.exports = ${JSON.stringify(body)};`
            : ext === 'js'
              ? `module.exports = ${JSON.stringify(body)};` // .js in a folder without "type": "module"
              : `export default ${JSON.stringify(body)};`;
      const dir = await scratch({
        [`checksecure.config.${ext}`]: content,
        ...(ext === 'js' ? { 'package.json': '{"type":"commonjs"}' } : {}),
      });
      const nested = path.join(dir, 'a/b');
      await mkdir(nested, { recursive: true });
      const r = await cli(['--format', 'json'], { cwd: nested });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).target).toBe(`${site.url}/`);
    },
  );

  it('--config names a file, and CHECKSECURE_CONFIG names one too', async () => {
    const dir = await scratch({ 'custom.json': JSON.stringify({ target: site.url }) });
    expect((await cli(['--config', 'custom.json', '--format', 'json'], { cwd: dir })).code).toBe(0);
    const r = await cli(['--format', 'json'], {
      cwd: dir,
      env: { CHECKSECURE_CONFIG: path.join(dir, 'custom.json') },
    });
    expect(r.code).toBe(0);
  });

  it('reads a JSON config saved with a byte-order mark and CRLF line ends (Windows editors)', async () => {
    const dir = await scratch({
      'checksecure.config.json': `\uFEFF${JSON.stringify({ target: site.url, failOn: 'never' }, null, 2).replace(/\n/g, '\r\n')}\r\n`,
    });
    const r = await cli(['--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).target).toBe(`${site.url}/`);
  });

  it('the URL argument and flags override the config', async () => {
    const dir = await scratch({
      'checksecure.config.json': JSON.stringify({
        target: 'http://127.0.0.1:9/',
        failOn: 'info',
        skip: ['POWERED_BY_EXPOSED'],
      }),
    });
    const r = await cli([site.url, '--fail-on', 'never', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
  });
});

describe('a TypeScript config with a custom check', () => {
  it('loads without a build step, with defineConfig and a check in the original messages form', async () => {
    const dir = await scratch({
      'checksecure.config.ts': `
import { defineConfig, defaultChecks, type CheckContext } from 'checksecure';

function checkDontLetTheBadGuysIn(ctx: CheckContext): string[] {
  return ctx.pages.some((page) => page.headers['x-debug']) ? ['BAD_GUYS_LET_IN'] : [];
}
checkDontLetTheBadGuysIn.messages = { BAD_GUYS_LET_IN: 'Bad guys can get in if you do that!' };

export default defineConfig({
  target: '${site.url}',
  paths: ['/', '/admin'],
  checks: [...defaultChecks.filter((c) => c.name !== 'infoLeak'), checkDontLetTheBadGuysIn],
  failOn: 'warning',
});
`,
    });
    const r = await cli(['--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        code: 'BAD_GUYS_LET_IN',
        check: 'checkDontLetTheBadGuysIn',
        severity: 'warning',
        message: 'Bad guys can get in if you do that!',
        url: `${site.url}/`,
      }),
    );
    expect(report.checks.map((c: { name: string }) => c.name)).not.toContain('infoLeak');
    expect(r.code).toBe(1);
    const list = await cli(['--list'], { cwd: dir });
    expect(list.stdout).toContain('checkDontLetTheBadGuysIn\n  BAD_GUYS_LET_IN');
  });
});

describe('invalid configs exit 2 naming the file, the option, the value and the reason', () => {
  it.each([
    [{ paths: ['admin'] }, /checksecure.config.json: paths.0: "admin" must be a path that starts with "\/"/],
    [{ timeout: -1 }, /checksecure.config.json: timeout: -1 /],
    [{ failOn: 'sometimes' }, /checksecure.config.json: failOn: "sometimes" /],
    [{ tiemout: 5 }, /checksecure.config.json: tiemout is not an option \(did you mean timeout\?\)/],
    [{ headers: { Cookie: 1 } }, /checksecure.config.json: headers.Cookie: the value must be a string/],
    [{ skip: ['lower case'] }, /checksecure.config.json: skip.0: "lower case" .*must be a warning code/],
    [
      { skip: ['NOT_A_CODE'], target: 'http://127.0.0.1:9/' },
      /checksecure.config.json: skip.0: "NOT_A_CODE" is not a code of any enabled check/,
    ],
    [[1, 2], /checksecure.config.json: the config must export an object/],
    // Two targets: app used to win silently over target.
    [
      { app: './app.mjs', target: 'http://127.0.0.1:9/' },
      /^checksecure: checksecure.config.json: app and target are both set \(app "\.\/app\.mjs", target "http:\/\/127\.0\.0\.1:9\/"\); keep one/,
    ],
  ])('%j', async (config, message) => {
    const dir = await scratch({ 'checksecure.config.json': JSON.stringify(config) });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a config that does not parse', async () => {
    const dir = await scratch({ 'checksecure.config.json': '{ "target": ' });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^checksecure: checksecure.config.json: cannot be loaded: .*JSON/);
  });

  it('a TypeScript config that throws', async () => {
    const dir = await scratch({
      'checksecure.config.ts': "throw new Error('no DATABASE_URL');\nexport default {};",
    });
    const r = await cli([], { cwd: dir });
    expect(r).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^checksecure: checksecure.config.ts: cannot be loaded: no DATABASE_URL\n$/,
      ),
    });
  });

  it('a --config that does not exist', async () => {
    const r = await cli(['--config', 'nope.json'], { cwd: await scratch() });
    expect(r).toMatchObject({ code: 2, stderr: 'checksecure: config: nope.json does not exist\n' });
  });
});

describe('--app', () => {
  it('scans an Express app exported by a TypeScript module, in-process', async () => {
    const dir = await scratch({
      'app.ts': `import express from 'express';\nexport const app = express();\napp.get('/', (_req, res) => { res.send('<p>hi</p>'); });\n`,
    });
    const r = await cli(['--app', 'app.ts', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.target).toBe('in-process Express/Connect app');
    expect(report.warnings.map((w: { code: string }) => w.code)).toContain('POWERED_BY_EXPOSED');
    expect(r.code).toBe(1);
  });

  it('scans a CommonJS module whose module.exports is the app, and a Hono default export', async () => {
    const dir = await scratch({
      'server.cjs': "const http = require('node:http');\nmodule.exports = (req, res) => res.end('ok');\n",
      'hono.mjs':
        "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.html('<p>x</p>'));\nexport default app;\n",
    });
    expect(
      JSON.parse((await cli(['--app', 'server.cjs', '--format', 'json'], { cwd: dir })).stdout).target,
    ).toBe('in-process request listener');
    expect(
      JSON.parse((await cli(['--app', 'hono.mjs', '--format', 'json'], { cwd: dir })).stdout).target,
    ).toBe('fetch handler');
  });

  it("a Hono app's report shows each path once, its plain-HTTP finding under the same / (issue 19)", async () => {
    const dir = await scratch({
      'hono.mjs':
        "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.html('<p>x</p>'));\nexport default app;\n",
    });
    const r = await cli(['--app', 'hono.mjs'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('HTTPS_REDIRECT_MISSING');
    expect(r.stdout).toContain('HSTS_MISSING');
    expect(r.stdout.split('\n').filter((line) => line === '/')).toHaveLength(1);
  });

  it('SARIF and GitHub annotations point at the app module and the line that creates the app (issue 19)', async () => {
    const dir = await scratch({
      'package.json': '{"type":"module"}',
      'src/app.mjs':
        "import express from 'express';\n\nexport const app = express();\napp.get('/', (_req, res) => { res.send('<p>hi</p>'); });\n",
    });
    const github = await cli(['--app', 'src/app.mjs', '--format', 'github'], { cwd: dir });
    expect(github.stderr).toBe('');
    const lines = github.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(line).toMatch(/^::(error|warning|notice) title=[^,]+,file=src\/app\.mjs,line=3::/);
    const sarif = await cli(['--app', 'src/app.mjs', '--format', 'sarif'], { cwd: dir });
    expect(sarif.stderr).toBe('');
    const results = JSON.parse(sarif.stdout).runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results)
      expect(result.locations[0].physicalLocation).toMatchObject({
        artifactLocation: { uri: 'src/app.mjs' },
        region: { startLine: 3 },
      });
    // fixSource, named by a config, is located the same way.
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      path.join(dir, 'checksecure.config.json'),
      JSON.stringify({ target: site.url, paths: ['/admin'], fixSource: 'src/app.mjs' }),
    );
    const named = await cli(['--format', 'github'], { cwd: dir });
    expect(named.stdout).toMatch(/^::(error|warning|notice) title=[^,]+,file=src\/app\.mjs,line=3::/m);
  });

  it('scans a Koa app and a hapi server exported as modules, the hapi one not mistaken for { app }', async () => {
    const dir = await scratch({
      'koa.cjs':
        "const Koa = require('koa');\nconst app = new Koa();\napp.use((ctx) => { ctx.body = 'ok'; });\nmodule.exports = app;\n",
      // A hapi server has an `app` property of its own (the server's data): not a CommonJS { app }.
      'hapi.mjs':
        "import Hapi from '@hapi/hapi';\nconst server = Hapi.server();\nserver.route({ method: 'GET', path: '/', handler: () => 'ok' });\nexport default server;\n",
    });
    const koa = await cli(['--app', 'koa.cjs', '--format', 'json'], { cwd: dir });
    expect(koa.stderr).toBe('');
    expect(JSON.parse(koa.stdout).target).toBe('in-process Koa app');
    const hapi = await cli(['--app', 'hapi.mjs', '--format', 'json'], { cwd: dir });
    expect(hapi.stderr).toBe('');
    expect(JSON.parse(hapi.stdout).target).toBe('in-process hapi server');
  });

  it('an app that throws on a request exits 2 with one line, not a crash', async () => {
    const dir = await scratch({
      'boom.mjs': "export default async () => { throw new Error('boom'); };\n",
    });
    const r = await cli(['--app', 'boom.mjs', '--timeout', '2'], { cwd: dir });
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^checksecure: GET http:\/\/127\.0\.0\.1:\d+\/: the app threw: boom\n$/),
    });
  });

  it('an app that throws outside any request (a timer, a stray promise) exits 2 with one line', async () => {
    const dir = await scratch({
      'timer.mjs':
        "export default (req, res) => { setTimeout(() => { throw new Error('late boom'); }); res.end('ok'); };\n",
      'stray.mjs': "export default (req, res) => { Promise.reject(new Error('stray')); res.end('ok'); };\n",
    });
    for (const [file, message] of [
      ['timer.mjs', 'late boom'],
      ['stray.mjs', 'stray'],
    ]) {
      const r = await cli(['--app', file!, '--timeout', '2'], { cwd: dir });
      expect(r).toMatchObject({
        code: 2,
        stderr: `checksecure: the scan stopped on an error thrown outside a request (by the app under test, when it runs in-process): ${message}\n`,
      });
    }
  });

  it('a module without an app, or one that fails to load, exits 2', async () => {
    const dir = await scratch({
      'empty.mjs': 'export const nothing = 1;\n',
      'broken.mjs': 'import "./missing.mjs";\n',
    });
    expect((await cli(['--app', 'empty.mjs'], { cwd: dir })).stderr).toBe(
      'checksecure: --app: empty.mjs exports no app (export default app, or export { app })\n',
    );
    const broken = await cli(['--app', 'broken.mjs'], { cwd: dir });
    expect(broken).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^checksecure: --app: broken.mjs cannot be loaded: .*missing\.mjs/),
    });
  });
});
