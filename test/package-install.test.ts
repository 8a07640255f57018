import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, browserAvailable } from './helpers/browser.js';
import { ROOT } from './helpers/cli.js';
import { installProject, installedVersion as version, packPackage, sh } from './helpers/pack.js';

/** The test a user would write: supertest on an Express app, matchers on the response and the app. */
const APP = `
  const app = express();
  app.use(secure());
  app.get('/', (req, res) => { res.cookie('sid', 'abc'); res.send('<p>hi</p>'); });
  app.post('/', (req, res) => res.send('ok'));
`;
const TEST_BODY = `
  it('is hardened', async () => {
    const res = await request(app).get('/').set('X-Forwarded-Proto', 'https');
    expect(res).toHaveHsts();
    expect(res).toDenyFraming();
    expect(res).toHaveSecureSessionCookie('sid');
    expect(res).toHaveCsp({ strict: true });
    await expect(app).toBeProtectedFromCsrf();
    await expect(app).toPassSecurityChecks();
  });
  it('fails a bare app with a message that names the fix', async () => {
    const bare = express();
    bare.get('/', (req, res) => res.send('x'));
    const res = await request(bare).get('/');
    expect(() => expect(res).toHaveHsts()).toThrow(/HSTS_MISSING[\\s\\S]*import { hsts } from 'checksecure\\/middleware'/);
  });
`;

/** The entries an app loads in production: they must need nothing beyond Node. */
const MIDDLEWARE_ENTRIES = ['middleware', 'fastify', 'koa', 'hapi', 'fetch'] as const;

/**
 * Mounts each middleware entry on a node:http server (the frameworks' own, for the adapters) and
 * prints the headers of one real request to each. The frameworks are the app's, loaded from this
 * repository by path; checksecure is loaded by its name, from a directory with no node_modules.
 */
const SERVE = `
const http = require('node:http');
const frameworks = require('node:module').createRequire(process.env.FRAMEWORKS);
const ask = async (origin) => {
  const res = await fetch(origin + '/', { headers: { 'x-forwarded-proto': 'https' } });
  await res.text();
  return Object.fromEntries(res.headers);
};
const listen = (handler) =>
  new Promise((resolve) => {
    const server = http.createServer(handler).listen(0, '127.0.0.1', () => resolve(server));
  });
const viaHttp = async (handler) => {
  const server = await listen(handler);
  try {
    return await ask('http://127.0.0.1:' + server.address().port);
  } finally {
    server.close();
  }
};
const mount = {
  async middleware({ secure }) {
    const middleware = secure();
    return viaHttp((req, res) => middleware(req, res, () => res.end('ok')));
  },
  async fetch({ withSecurity }) {
    const handler = withSecurity(() => new Response('ok'));
    return viaHttp(async (req, res) => {
      const response = await handler(new Request('http://' + req.headers.host + req.url, { headers: req.headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
    });
  },
  async fastify({ secure }) {
    const app = frameworks('fastify')();
    await app.register(secure);
    app.get('/', async () => 'ok');
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      return await ask('http://127.0.0.1:' + app.server.address().port);
    } finally {
      await app.close();
    }
  },
  async koa({ secure }) {
    const Koa = frameworks('koa');
    const app = new Koa();
    app.use(secure());
    app.use((ctx) => { ctx.body = 'ok'; });
    return viaHttp(app.callback());
  },
  async hapi({ secure }) {
    const server = frameworks('@hapi/hapi').server({ port: 0, host: '127.0.0.1' });
    await server.register({ plugin: secure });
    server.route({ method: 'GET', path: '/', handler: () => 'ok' });
    await server.start();
    try {
      return await ask(server.info.uri);
    } finally {
      await server.stop();
    }
  },
};
(async () => {
  const out = {};
  for (const entry of ${JSON.stringify(MIDDLEWARE_ENTRIES)}) out[entry] = await mount[entry](await load('checksecure/' + entry));
  process.stdout.write(JSON.stringify(out));
})();
`;

describe('the packed package, installed into fresh projects', () => {
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'checksecure-pack-'));
    tarball = await packPackage(work);
    // The package as npm unpacks it, with no node_modules here or above.
    await sh('mkdir', ['-p', path.join(work, 'unpacked')], work);
    expect((await sh('tar', ['xzf', tarball, '-C', path.join(work, 'unpacked')], work)).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('contains the built entry points and no sources or tests', async () => {
    const list = await sh('tar', ['tzf', tarball], work);
    const files = list.output.split('\n');
    for (const entry of [
      'index',
      'middleware',
      'matchers',
      'vitest',
      'jest',
      'fastify',
      'fetch',
      'koa',
      'hapi',
      'playwright',
    ]) {
      expect(files).toContain(`package/dist/lib/${entry}.js`);
      expect(files).toContain(`package/dist/lib/${entry}.cjs`);
    }
    expect(files.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);
  });

  it('an ESM project with Vitest runs a supertest test with the matchers', async () => {
    const dir = path.join(work, 'esm-vitest');
    const installed = await installProject(dir, {
      name: 'esm-vitest-user',
      private: true,
      type: 'module',
      dependencies: {
        checksecure: `file:${tarball}`,
        express: await version('express'),
        supertest: await version('supertest'),
        vitest: await version('vitest'),
      },
    });
    await writeFile(
      path.join(dir, 'vitest.config.js'),
      "export default { test: { setupFiles: ['checksecure/vitest'] } };\n",
    );
    await writeFile(
      path.join(dir, 'app.test.js'),
      `import express from 'express';\nimport request from 'supertest';\nimport { describe, expect, it } from 'vitest';\nimport { secure } from 'checksecure/middleware';\n${APP}\ndescribe('my app', () => {${TEST_BODY}});\n`,
    );
    expect(installed).not.toMatch(/ERR!/);
    const test = await sh(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], dir);
    expect(test.output).toMatch(/Tests\s+2 passed/);
    expect(test.code).toBe(0);
  }, 300_000);

  it('a CommonJS project with Jest runs a supertest test with the matchers', async () => {
    const dir = path.join(work, 'cjs-jest');
    const installed = await installProject(dir, {
      name: 'cjs-jest-user',
      private: true,
      dependencies: {
        checksecure: `file:${tarball}`,
        express: await version('express'),
        supertest: await version('supertest'),
        jest: await version('jest'),
      },
      jest: { testEnvironment: 'node', setupFilesAfterEnv: ['checksecure/jest'] },
    });
    await writeFile(
      path.join(dir, 'app.test.js'),
      `const express = require('express');\nconst request = require('supertest');\nconst { secure } = require('checksecure/middleware');\n${APP}\ndescribe('my app', () => {${TEST_BODY.replaceAll('it(', 'test(')}});\n`,
    );
    expect(installed).not.toMatch(/ERR!/);
    const test = await sh(process.execPath, ['node_modules/jest/bin/jest.js', '--ci'], dir);
    expect(test.output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(test.code).toBe(0);
  }, 300_000);

  it.runIf(browserAvailable)(
    'a Playwright project runs checksecure/playwright from ESM and CommonJS specs, and its main entry loads no @playwright/test',
    async () => {
      const dir = path.join(work, 'playwright-user');
      const installed = await installProject(dir, {
        name: 'playwright-user',
        private: true,
        type: 'module',
        dependencies: {
          checksecure: `file:${tarball}`,
          '@playwright/test': await version('@playwright/test'),
        },
      });
      expect(installed).not.toMatch(/ERR!/);
      await writeFile(
        path.join(dir, 'playwright.config.js'),
        `export default { testDir: '.', workers: 1, outputDir: ${JSON.stringify(path.join(work, 'playwright-output'))}, use: { launchOptions: { executablePath: ${JSON.stringify(CHROMIUM ?? '')}, args: ['--no-sandbox', '--disable-gpu'] } } };\n`,
      );
      // A site of its own on 127.0.0.1: a strict nonce policy, and a page with an injected script.
      const spec = (load: string, kind: string) => `${load}
const http = require('node:http');
let server;
let site;
test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader('content-security-policy', "script-src 'nonce-r4nd0m'");
    res.setHeader('content-type', 'text/html');
    res.end(req.url === '/injected' ? '<script>window.injected = 1</script>' : '<script nonce="r4nd0m">document.title = "ran"</script>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = 'http://127.0.0.1:' + server.address().port;
});
test.afterAll(() => new Promise((resolve) => server.close(resolve)));
test('${kind}: a clean page passes', async ({ page }) => {
  await page.goto(site + '/');
  await expect(page).toHaveTitle('ran');
  await expect(page).toHaveNoCspViolations();
});
test('${kind}: an injected script is a violation', async ({ page, cspViolations }) => {
  await page.goto(site + '/injected');
  await expect(page).not.toHaveNoCspViolations();
  expect(cspViolations.map((v) => v.directive + ' ' + v.blockedURI)).toEqual(['script-src-elem inline']);
});
`;
      await writeFile(
        path.join(dir, 'esm.spec.js'),
        spec(
          "import { createRequire } from 'node:module';\nimport { test, expect } from 'checksecure/playwright';\nconst require = createRequire(import.meta.url);",
          'ESM',
        ),
      );
      await writeFile(
        path.join(dir, 'cjs.spec.cjs'),
        spec("const { test, expect } = require('checksecure/playwright');", 'CommonJS'),
      );
      const run = await sh(
        process.execPath,
        ['node_modules/@playwright/test/cli.js', 'test', '--reporter=line'],
        dir,
      );
      expect(run.output).toMatch(/4 passed/);
      expect(run.code).toBe(0);

      // Nothing of Playwright's is loaded by the main entry: a resolve hook refuses it, for import
      // and for require.
      const hook = `export async function resolve(specifier, context, next) { if (/^@playwright\\/|^playwright(-core)?$/.test(specifier)) throw new Error('loaded ' + specifier); return next(specifier, context); }`;
      const refuse = `data:text/javascript,${encodeURIComponent(hook)}`;
      const probe = await sh(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { register, createRequire } from 'node:module'; register(${JSON.stringify(refuse)}); const esm = await import('checksecure'); const cjs = createRequire(import.meta.url)('checksecure'); const cached = Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules\\/(@playwright|playwright(-core)?)\\//.test(f)); console.log(JSON.stringify({ esm: typeof esm.scan, cjs: typeof cjs.scan, cached }));`,
        ],
        dir,
      );
      expect(JSON.parse(probe.output)).toEqual({ esm: 'function', cjs: 'function', cached: [] });
    },
    300_000,
  );

  it('a project that wants only the middleware installs no Action dependency and no package that refuses a supported Node', async () => {
    const dir = path.join(work, 'middleware-only');
    // Warnings on: EBADENGINE is one.
    const install = await installProject(
      dir,
      { name: 'middleware-only-user', private: true, dependencies: { checksecure: `file:${tarball}` } },
      { logLevel: 'warn' },
    );
    expect(install).not.toMatch(/EBADENGINE|ERR!/);
    const tree = await sh('npm', ['ls', '--all', '--parseable'], dir);
    const installed = tree.output
      .split('\n')
      .map((line) => path.relative(dir, line.trim()))
      .filter((rel) => rel.startsWith('node_modules'));
    expect(installed).toContain(path.join('node_modules', 'checksecure'));
    expect(installed.filter((rel) => /(^|\/)node_modules\/@(actions|octokit)(\/|$)/.test(rel))).toEqual([]);
    // npm judges engines against the Node running it alone; every Node checksecure accepts must
    // satisfy every package it brings.
    const ours = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    const refusing: string[] = [];
    for (const rel of installed) {
      const manifest = JSON.parse(await readFile(path.join(dir, rel, 'package.json'), 'utf8'));
      const wanted = manifest.engines?.node as string | undefined;
      if (wanted !== undefined && !semver.subset(ours, wanted)) refusing.push(`${rel} (node ${wanted})`);
    }
    expect(refusing).toEqual([]);
  }, 300_000);

  it('crawls a site from the CLI and from require(), as installed: links, a base, a sitemap, never the logout link', async () => {
    const dir = path.join(work, 'crawler');
    const install = await installProject(dir, {
      name: 'crawler',
      private: true,
      dependencies: { checksecure: `file:${tarball}` },
    });
    expect(install).not.toMatch(/ERR!/);
    const requested: string[] = [];
    const pages: Record<string, string> = {
      '/': '<a href="/a">a</a> <a href="/logout">out</a> <a href="mailto:x@y.test">mail</a> <form method="put" action="/search"></form>',
      '/a': '<a href="x">before the base</a><base href="/docs/"><template><base href="/inert/"></template>',
      '/docs/x': '<p>docs</p>',
      '/search': '<p>results</p>',
      '/from-sitemap': '<p>listed</p>',
      '/sitemap.xml': '<urlset><url><loc><![CDATA[ORIGIN/from-sitemap]]></loc></url></urlset>',
    };
    const server = createServer((req, res) => {
      requested.push(req.url!);
      const body = pages[req.url!.split('?')[0]!];
      if (body === undefined) return void res.writeHead(404).end();
      const xml = req.url === '/sitemap.xml';
      res.writeHead(200, { 'content-type': xml ? 'application/xml' : 'text/html' });
      res.end(body.replace('ORIGIN', `http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const expected = ['/', '/a', '/docs/x', '/from-sitemap', '/search'].map((p) => site + p);
      const cli = await sh(
        'npx',
        ['--no-install', 'checksecure', site, '--crawl', '20', '-f', 'json', '--fail-on', 'never'],
        dir,
      );
      expect(cli.code, cli.output).toBe(0);
      const report = JSON.parse(cli.output) as { pages: { url: string }[] };
      expect(report.pages.map((p) => p.url).sort()).toEqual(expected);
      const required = await sh(
        process.execPath,
        [
          '-e',
          `require('checksecure').scan(${JSON.stringify(site)}, { crawl: 20 }).then((r) => console.log(JSON.stringify(r.pages.map((p) => p.url))))`,
        ],
        dir,
      );
      expect((JSON.parse(required.output) as string[]).sort()).toEqual(expected);
      expect(requested).not.toContain('/logout');
    } finally {
      server.close();
    }
  }, 300_000);

  it('a project without playwright-core (an optional peer) gets none installed, and csp draft says in one line how to get it', async () => {
    const dir = path.join(work, 'no-browser');
    await installProject(dir, {
      name: 'no-browser-user',
      private: true,
      dependencies: { checksecure: `file:${tarball}` },
    });
    expect(existsSync(path.join(dir, 'node_modules', 'playwright-core'))).toBe(false);
    const run = await sh(
      process.execPath,
      [
        path.join(dir, 'node_modules', 'checksecure', 'dist', 'lib', 'cli.js'),
        'csp',
        'draft',
        'http://127.0.0.1:9/',
      ],
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.output).toMatch(
      /^checksecure: csp draft needs playwright-core and a Chromium, and playwright-core is not installed: npm i -D playwright-core, then apt-get install chromium or npx playwright install chromium \(or pass --browser PATH, or set CHROMIUM_PATH\)\n$/,
    );
  }, 300_000);

  it('the middleware entries load, ESM and CommonJS, where no package is installed, and answer with the headers', async () => {
    const pkg = path.join(work, 'unpacked', 'package');
    // Nothing to resolve a package from: any package an entry needed would fail to load.
    expect(() => createRequire(path.join(pkg, 'package.json')).resolve('structured-headers')).toThrow();
    await writeFile(
      path.join(pkg, 'serve.mjs'),
      `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst load = (name) => import(name);\n${SERVE}`,
    );
    await writeFile(path.join(pkg, 'serve.cjs'), `const load = async (name) => require(name);\n${SERVE}`);
    const env = { FRAMEWORKS: path.join(ROOT, 'package.json') };
    for (const script of ['serve.mjs', 'serve.cjs']) {
      const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
        execFile(
          process.execPath,
          [script],
          { cwd: pkg, timeout: 60_000, env: { ...process.env, ...env } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        ),
      );
      expect(run.stderr, script).toBe('');
      expect(run.code, script).toBe(0);
      const answers = JSON.parse(run.stdout) as Record<string, Record<string, string>>;
      expect(Object.keys(answers), script).toEqual([...MIDDLEWARE_ENTRIES]);
      for (const [entry, headers] of Object.entries(answers)) {
        expect(headers['x-frame-options'], `${script} ${entry}`).toBe('DENY');
        expect(headers['strict-transport-security'], `${script} ${entry}`).toMatch(/^max-age=\d+/);
        expect(headers['content-security-policy'], `${script} ${entry}`).toMatch(/'nonce-[A-Za-z0-9_-]{24}'/);
        expect(headers['cross-origin-opener-policy'], `${script} ${entry}`).toBe('same-origin');
      }
    }
  }, 120_000);

  it('the middleware entries reach no scanner code and import only Node builtins', async () => {
    const lib = path.join(work, 'unpacked', 'package', 'dist', 'lib');
    const specifier = /\bfrom\s*"([^"]+)"|\bimport\s*\(?\s*"([^"]+)"|\brequire\(\s*"([^"]+)"\s*\)/g;
    for (const entry of MIDDLEWARE_ENTRIES) {
      for (const file of [`${entry}.js`, `${entry}.cjs`]) {
        const seen = new Set<string>();
        const packages = new Set<string>();
        const sources = new Set<string>();
        const visit = async (name: string): Promise<void> => {
          if (seen.has(name)) return;
          seen.add(name);
          const code = await readFile(path.join(lib, name), 'utf8');
          // Its source map names every module bundled into it: the one the build wrote beside the
          // files that were packed, so the test holds whether or not the package ships its maps.
          const map = path.join(ROOT, 'dist', 'lib', `${name}.map`);
          if (existsSync(map)) {
            for (const source of JSON.parse(await readFile(map, 'utf8')).sources)
              sources.add(path.posix.normalize(path.posix.join('dist/lib', source)));
          } else {
            // tsdown writes no map for a file with no module of ours in it (a re-export, its own
            // runtime helpers); the #region comment it puts before each bundled module says so.
            expect(code.match(/^\/\/#region (?!\\0rolldown\/).*$/gm) ?? [], `${name}: no map`).toEqual([]);
          }
          for (const match of code.matchAll(specifier)) {
            const target = (match[1] ?? match[2] ?? match[3])!;
            if (target.startsWith('./')) await visit(path.posix.normalize(target));
            else if (!isBuiltin(target)) packages.add(target);
          }
        };
        await visit(file);
        expect([...packages], file).toEqual([]);
        expect(
          [...sources].filter((source) => !/^(middleware|src\/util|src\/headers)\//.test(source)),
          file,
        ).toEqual([]);
        expect(
          [...sources].filter((source) =>
            /^src\/headers\/(cross-origin|permissions-policy)\.ts$/.test(source),
          ),
          file,
        ).toEqual([]);
      }
    }
  });
});
