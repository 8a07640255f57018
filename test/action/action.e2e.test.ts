import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  annotations,
  HEAD_SHA,
  node24,
  running,
  pullRequestEvent,
  runAction,
  shippedBundle,
  TOKEN,
  useNode,
} from '../helpers/action.js';
import { FakeGitHub } from '../helpers/github-api.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

const SERVER_JS = `import express from 'express';

const app = express();
app.get('/', (req, res) => res.send('hi'));
app.listen(3000);
`;

let bare: Served;
let hardened: Served;
let noisy: Served;
let api: FakeGitHub;

beforeAll(async () => {
  bare = await serve((_req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    res.setHeader('Set-Cookie', 'sid=1');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  hardened = await serve(hardenedSite);
  // More distinct warning-level codes than GitHub shows annotations for in one level.
  noisy = await serve((req, res) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('X-Content-Type-Options', 'maybe');
    res.setHeader('Referrer-Policy', 'unsafe-url');
    res.setHeader('Content-Security-Policy-Report-Only', "default-src 'self'");
    res.setHeader('Set-Cookie', [
      'theme=dark',
      'pref=1; Secure; SameSite=Loose',
      'XSRF-TOKEN=abc; Secure',
      'sid=1; Secure; HttpOnly; SameSite=Lax',
    ]);
    res.setHeader('X-Powered-By', 'PHP');
    res.setHeader('Cross-Origin-Opener-Policy', 'Same-Origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'nope');
    res.setHeader('Cross-Origin-Embedder-Policy', 'nope');
    res.setHeader('Permissions-Policy', "camera 'none'");
    res.setHeader('Strict-Transport-Security', 'max-age=300; includeSubDomains');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<script src="https://cdn.other.net/x.js"></script><a href="//${req.headers.host}/x">x</a>`);
  });
  api = await new FakeGitHub().start();
});
afterAll(async () => {
  await Promise.all([bare.close(), hardened.close(), noisy.close(), api.stop()]);
});
afterEach(() => api.reset());

describe.each(['this Node', 'Node 24'])('the bundle on %s', (runtime) => {
  beforeAll(async () => {
    useNode(runtime === 'Node 24' ? [await node24()] : [process.execPath]);
  }, 300_000);

  describe('annotations', () => {
    it('point at the file that composes the app, one per code, with the code as title and the fix', async () => {
      const run = await runAction({
        inputs: { url: bare.url },
        files: { 'src/server.js': SERVER_JS, 'src/util.js': 'export const x = 1;\n' },
      });
      const found = annotations(run.stdout);
      const hsts = found.find((a) => a.title === 'HSTS_MISSING (hsts)')!;
      expect(hsts).toMatchObject({ level: 'error', file: 'src/server.js', line: '3' });
      expect(decodeURIComponent(hsts.message)).toContain("import { hsts } from 'checksecure/middleware';");
      expect(new Set(found.map((a) => a.title)).size).toBe(found.length);
      expect(found.find((a) => a.title === 'PERMISSIONS_POLICY_MISSING (permissionsPolicy)')?.level).toBe(
        'notice',
      );
    });

    it('go to annotate-file when given, and nowhere when no file composes an app', async () => {
      const given = await runAction({
        inputs: { url: bare.url, 'annotate-file': 'lib/app.ts' },
        files: { 'lib/app.ts': 'export {};\n' },
      });
      expect(annotations(given.stdout).every((a) => a.file === 'lib/app.ts' && a.line === '1')).toBe(true);
      const none = await runAction({ inputs: { url: bare.url } });
      expect(annotations(none.stdout).every((a) => a.file === undefined)).toBe(true);
    });

    it('never exceed 10 per level: the rest are folded into one, and the summary says so', async () => {
      const run = await runAction({ inputs: { url: noisy.url, 'fail-on': 'never' } });
      const found = annotations(run.stdout);
      for (const level of ['error', 'warning', 'notice'])
        expect(found.filter((a) => a.level === level).length).toBeLessThanOrEqual(10);
      const warnings = found.filter((a) => a.level === 'warning');
      expect(warnings).toHaveLength(10);
      expect(warnings.at(-1)!.title).toMatch(/^\d+ more warning codes$/);
      const codes = run.outputs.codes!.split(',');
      for (const code of codes) expect(run.stdout).toContain(code);
      expect(run.summary).toMatch(
        /findings are shown as \d+ annotations: grouped by code, \d+ codes folded into summary annotations/,
      );
    });

    it('max-annotations caps the total', async () => {
      const run = await runAction({ inputs: { url: noisy.url, 'fail-on': 'never', 'max-annotations': '3' } });
      expect(annotations(run.stdout)).toHaveLength(3);
    });
  });

  describe('outputs, summary, report files and exit status', () => {
    it('sets every output and writes the summary table', async () => {
      const run = await runAction({ inputs: { url: bare.url, 'sarif-file': 'results.sarif' } });
      expect(Number(run.outputs.errors)).toBeGreaterThan(0);
      expect(Number(run.outputs.warnings)).toBeGreaterThan(0);
      expect(run.outputs.codes).toContain('HSTS_MISSING');
      const report = JSON.parse(await readFile(run.outputs.report!, 'utf8'));
      expect(report.warnings.length).toBe(
        Number(run.outputs.errors) +
          Number(run.outputs.warnings) +
          report.warnings.filter((w: { severity: string }) => w.severity === 'info').length,
      );
      const sarif = JSON.parse(await readFile(run.outputs.sarif!, 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(run.summary).toContain('| severity | code | URL | finding | fix |');
      expect(run.summary).toContain('`HSTS_MISSING`');
    });

    it.each([
      ['warning', 'bare', 1],
      ['error', 'bare', 1],
      ['never', 'bare', 0],
      ['warning', 'hardened', 0],
    ])('fail-on %s on the %s site exits %i', async (failOn, site, code) => {
      const run = await runAction({
        inputs: { url: (site === 'bare' ? bare : hardened).url, 'fail-on': failOn },
      });
      expect(run.code).toBe(code);
      if (code === 1)
        expect(run.stdout).toMatch(/^::error::checksecure: \d+ errors and \d+ warnings; fail-on is/m);
    });

    it('an invalid input fails with its name, before any request', async () => {
      const before = bare.requests.length;
      const run = await runAction({ inputs: { url: bare.url, 'fail-on': 'sometimes' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '::error::checksecure: input fail-on: "sometimes" is not one of error, warning, info, never',
      );
      expect(bare.requests.length).toBe(before);
    });

    it('never prints the token or secret headers', async () => {
      const run = await runAction({
        inputs: {
          url: bare.url,
          headers: 'Authorization: Bearer s3cr3t-header-value\nCookie: session=also-secret',
        },
        event: pullRequestEvent(),
        api: api.url,
      });
      // The runner takes the two ::add-mask:: lines as commands and never shows them (the next
      // test pins them); every other line must not hold the secrets at all.
      const masks = ['::add-mask::Bearer s3cr3t-header-value', '::add-mask::session=also-secret'];
      const shown = run.stdout
        .split('\n')
        .filter((line) => !masks.includes(line))
        .join('\n');
      for (const text of [shown, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('s3cr3t-header-value');
        expect(text).not.toContain('also-secret');
      }
      expect(api.calls[0]?.authorization).toBe(`token ${TOKEN}`);
      expect(bare.requests.at(-1)?.headers.authorization).toBe('Bearer s3cr3t-header-value');
    });

    it('registers each value of the headers input with the runner before it prints anything', async () => {
      const run = await runAction({
        inputs: {
          url: bare.url,
          headers: 'Authorization: Bearer s3cr3t-header-value\nCookie: session=also-secret',
        },
      });
      const lines = run.stdout.split('\n');
      // The runner masks a value from its ::add-mask:: on: the masks come before any other line.
      expect(lines.slice(0, 2)).toEqual([
        '::add-mask::Bearer s3cr3t-header-value',
        '::add-mask::session=also-secret',
      ]);
      expect(lines.slice(2).filter((line) => line.startsWith('::add-mask::'))).toEqual([]);
    });

    it('masks them when the step fails on its inputs too, a line that is not "Name: value" whole', async () => {
      const before = bare.requests.length;
      const run = await runAction({
        inputs: {
          url: bare.url,
          'fail-on': 'sometimes',
          headers: 'Bearer lone-s3cret-line\nX-Ok: fine-value',
        },
      });
      expect(run.code).toBe(1);
      expect(run.stdout.split('\n').slice(0, 3)).toEqual([
        '::add-mask::Bearer lone-s3cret-line',
        '::add-mask::fine-value',
        '::error::checksecure: input fail-on: "sometimes" is not one of error, warning, info, never',
      ]);
      expect(bare.requests.length).toBe(before);
    });
  });

  describe('the sticky pull request comment', () => {
    it('is created on the first run and updated, not duplicated, on the second', async () => {
      const first = await runAction({
        inputs: { url: bare.url, 'fail-on': 'never' },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(first.code).toBe(0);
      expect(api.comments).toHaveLength(1);
      expect(api.comments[0]!.body).toMatch(
        /^<!-- checksecure:sticky-comment key=CI\/scan\/__org_checksecure-action -->\n### checksecure/,
      );
      await runAction({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
      expect(api.comments).toHaveLength(1);
      expect(api.comments[0]!.body).toContain('No findings.');
      expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
    });

    it('finds its comment on a later page among other people’s', async () => {
      for (let i = 0; i < 150; i++)
        api.comments.push({
          id: i + 1,
          // Other people's comments, marker and key included: only our own identity makes ours.
          body: `<!-- checksecure:sticky-comment key=CI/scan/__org_checksecure-action -->\ncomment ${i}`,
          user: { login: 'mallory', type: 'User' },
        });
      api.comments.push({
        id: 999,
        body: '<!-- checksecure:sticky-comment key=CI/scan/__org_checksecure-action -->\nold',
        user: { login: 'github-actions[bot]', type: 'Bot' },
      });
      await runAction({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
      expect(api.comments).toHaveLength(151);
      expect(api.comments.find((c) => c.id === 999)!.body).toContain('No findings.');
      expect(api.comments.slice(0, 150).every((c, i) => c.body.endsWith(`\ncomment ${i}`))).toBe(true);
    });

    it('is skipped with a notice on a fork, without a call', async () => {
      const run = await runAction({
        inputs: { url: hardened.url },
        event: pullRequestEvent(true),
        api: api.url,
      });
      expect(run.code).toBe(0);
      expect(api.calls).toEqual([]);
      expect(run.stdout).toMatch(
        /::notice::checksecure: pull request comment skipped: the pull request comes from a fork/,
      );
    });

    it('is skipped with a notice on 403, and the findings alone decide the exit status', async () => {
      api.forbidden = true;
      const clean = await runAction({
        inputs: { url: hardened.url },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(
        /::notice::checksecure: pull request comment skipped: GitHub answered 403/,
      );
      const dirty = await runAction({ inputs: { url: bare.url }, event: pullRequestEvent(), api: api.url });
      expect(dirty.code).toBe(1);
    });

    it('is not attempted outside a pull request or with comment: false', async () => {
      await runAction({ inputs: { url: bare.url }, api: api.url });
      await runAction({
        inputs: { url: bare.url, comment: 'false' },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(api.calls).toEqual([]);
    });
  });

  describe('the one-click suggestion', () => {
    const patch =
      "@@ -0,0 +1,5 @@\n+import express from 'express';\n+\n+const app = express();\n+app.get('/', (req, res) => res.send('hi'));\n+app.listen(3000);";

    it('is posted on the line that composes the app when that file is in the diff', async () => {
      api.files = [{ filename: 'src/server.js', patch }];
      await runAction({
        inputs: { url: bare.url, suggest: 'true', comment: 'false' },
        files: { 'src/server.js': SERVER_JS },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(api.reviewComments).toHaveLength(1);
      const comment = api.reviewComments[0]!;
      expect(comment).toMatchObject({ path: 'src/server.js', line: 3 });
      expect(comment.body).toContain(
        "```suggestion\nimport { secure } from 'checksecure/middleware';\nconst app = express();\napp.use(secure());\n```",
      );
      const post = api.calls.find((c) => c.method === 'POST' && c.path.endsWith('/pulls/7/comments'))!;
      expect(post.body).toMatchObject({ commit_id: HEAD_SHA, side: 'RIGHT' });
      // a second run does not post it again
      await runAction({
        inputs: { url: bare.url, suggest: 'true', comment: 'false' },
        files: { 'src/server.js': SERVER_JS },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(api.reviewComments).toHaveLength(1);
    });

    it('is not posted when the file is not part of the diff', async () => {
      api.files = [{ filename: 'README.md', patch: '@@ -1 +1 @@\n-a\n+b' }];
      const run = await runAction({
        inputs: { url: bare.url, suggest: 'true', comment: 'false' },
        files: { 'src/server.js': SERVER_JS },
        event: pullRequestEvent(),
        api: api.url,
      });
      expect(api.reviewComments).toEqual([]);
      expect(run.stdout).toContain('suggestion skipped: src/server.js:3 is not part of this pull request');
    });
  });

  describe('start and wait-for', () => {
    it('starts a real app, scans it, and stops it (and what it spawned) afterwards', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      const app = `const http = require('node:http');\nrequire('node:fs').writeFileSync('pid', String(process.pid));\nsetTimeout(() => http.createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1'), 300);\n`;
      const run = await runAction({
        inputs: {
          start: 'node server.cjs',
          'wait-for': `http://127.0.0.1:${port}/`,
          url: `http://127.0.0.1:${port}/`,
          'fail-on': 'never',
        },
        files: { 'server.cjs': app },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.codes).toContain('HSTS_MISSING');
      const pid = Number(await readFile(`${run.workspace}/pid`, 'utf8'));
      expect(running(pid)).toBe(false);
      const stillListening = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(stillListening).toBe(false);
    });

    it('fails clearly when the app never answers', async () => {
      const run = await runAction({
        inputs: {
          start: 'node -e "setInterval(() => {}, 1000)"',
          'wait-for': 'http://127.0.0.1:9/',
          'wait-timeout': '2',
          url: 'http://127.0.0.1:9/',
        },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(
        /::error::checksecure: input start: http:\/\/127\.0\.0\.1:9\/ did not answer within 2 s/,
      );
    });
  });

  describe('shard', () => {
    it('deals several URLs whole with their paths, so a matrix covers each pair exactly once and each site in one shard', async () => {
      const sites = [bare, hardened, noisy];
      const url = sites.map((s) => s.url).join('\n');
      // The pages each shard fetched: plain GETs of the configured paths, not the probes.
      const pagesSeen = () =>
        sites.flatMap((site, i) =>
          site.requests
            .filter(
              (r) =>
                r.method === 'GET' &&
                !r.headers.origin &&
                r.headers.host?.startsWith('127.') &&
                r.headers['x-forwarded-proto'] === 'https' &&
                ['/', '/a'].includes(r.url),
            )
            .map((r) => `${i}${r.url}`),
        );
      const shards: string[][] = [];
      for (const index of [1, 2]) {
        for (const site of sites) site.requests.length = 0;
        const run = await runAction({
          inputs: { url, paths: '/,/a', shard: `${index}/2`, 'fail-on': 'never' },
        });
        expect(run.stdout).toMatch(
          new RegExp(
            `shard ${index}/2 takes ${index === 1 ? '2 of 3 sites, 4' : '1 of 3 sites, 2'} of 6 URL-path pairs`,
          ),
        );
        shards.push([...new Set(pagesSeen())].sort());
      }
      expect(shards[0]!.filter((pair) => shards[1]!.includes(pair))).toEqual([]);
      expect([...shards[0]!, ...shards[1]!].sort()).toEqual(['0/', '0/a', '1/', '1/a', '2/', '2/a']);
      expect(shards).toEqual([
        ['0/', '0/a', '2/', '2/a'],
        ['1/', '1/a'],
      ]);
    });

    it("deals one URL's paths, so a large site is split too", async () => {
      const shards: string[][] = [];
      for (const index of [1, 2]) {
        bare.requests.length = 0;
        const run = await runAction({
          inputs: { url: bare.url, paths: '/,/a,/b', shard: `${index}/2`, 'fail-on': 'never' },
        });
        expect(run.stdout).toMatch(
          new RegExp(`shard ${index}/2 takes ${index === 1 ? 2 : 1} of 3 URL-path pairs`),
        );
        shards.push(
          [...new Set(bare.requests.filter((r) => r.method === 'GET' && !r.headers.origin).map((r) => r.url))]
            .filter((u) => ['/', '/a', '/b'].includes(u))
            .sort(),
        );
      }
      expect(shards).toEqual([['/', '/b'], ['/a']]);
    });
  });

  describe('what the scanned site sends stays inert', () => {
    it('in the log, the annotations, the summary and the comment', async () => {
      const hostile = await serve((req, res) => {
        // A link whose href decodes to a line break followed by a workflow command, and a cookie
        // name with a mention and HTML: all of it reaches evidence and messages.
        res.setHeader('Set-Cookie', 'session<img/src@octocat>=1');
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<a href="//${req.headers.host}/x&#10;::error::pwned&#10;::add-mask::x">x</a>`);
      });
      try {
        const run = await runAction({
          inputs: { url: hostile.url, verbosity: '2', 'fail-on': 'never' },
          event: pullRequestEvent(),
          api: api.url,
        });
        expect(run.stdout).toContain('::error::pwned'); // printed, as text...
        const commands = run.stdout.split('\n').filter((line) => line.startsWith('::'));
        // ...but only inside the stop-commands fence, so the runner does not obey it
        const open = run.stdout.indexOf('::stop-commands::');
        const fence = /::stop-commands::([0-9a-f]+)/.exec(run.stdout)![1]!;
        const close = run.stdout.indexOf(`::${fence}::`);
        expect(open).toBeGreaterThanOrEqual(0);
        expect(run.stdout.indexOf('::error::pwned')).toBeGreaterThan(open);
        expect(run.stdout.indexOf('::error::pwned')).toBeLessThan(close);
        const outside = run.stdout.slice(0, open) + run.stdout.slice(close + fence.length + 4);
        expect(outside).not.toMatch(/^::error::pwned/m);
        expect(outside).not.toMatch(/^::add-mask::/m);
        // Inside the fence too, the site's line break is shown escaped: no line of the log
        // starts with the site's command, fence or not.
        expect(
          commands.filter((c) => c.startsWith('::add-mask::') || c.startsWith('::error::pwned')),
        ).toEqual([]);
        expect(run.stdout).toContain('\\x0a::add-mask::x');
        for (const text of [run.summary, api.comments[0]!.body]) {
          expect(text).not.toContain('<img');
          expect(text).not.toContain('@octocat');
          expect(text).toContain('@&#8203;octocat');
        }
      } finally {
        await hostile.close();
      }
    });
  });

  describe('a TypeScript config', () => {
    it('loads without a build step (natively on Node 24, which strips types)', async () => {
      const run = await runAction({
        inputs: { 'fail-on': 'never' },
        files: {
          'checksecure.config.ts':
            "const target: string = 'URL';\nexport default { target, paths: ['/'] as string[] };\n".replace(
              'URL',
              bare.url,
            ),
        },
      });
      expect(run.stdout).not.toContain('::error::checksecure: checksecure.config.ts');
      expect(run.outputs.codes).toContain('HSTS_MISSING');
    });
  });

  describe('the app input', () => {
    it('scans a module in-process', async () => {
      const run = await runAction({
        inputs: { app: 'app.mjs', 'fail-on': 'never' },
        files: {
          'app.mjs': "export default (req, res) => { res.setHeader('X-Powered-By', 'x'); res.end('ok'); };\n",
        },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.codes).toContain('POWERED_BY_EXPOSED');
    });

    it('ends when the scan does, even when the app keeps the process alive', async () => {
      const run = await runAction({
        inputs: { app: 'app.mjs', 'fail-on': 'never' },
        files: {
          'app.mjs':
            "import http from 'node:http';\nsetInterval(() => {}, 1000);\nhttp.createServer((q, r) => r.end('x')).listen(0, '127.0.0.1');\nexport default (req, res) => res.end('ok');\n",
        },
      });
      expect(run.code).toBe(0);
      expect(run.outputs.codes).toContain('HSTS_MISSING');
    });

    it('fails with one error line when the app throws outside a request', async () => {
      const run = await runAction({
        inputs: { app: 'app.mjs' },
        files: {
          'app.mjs':
            "export default (req, res) => { setTimeout(() => { throw new Error('late boom'); }); res.end('ok'); };\n",
        },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '::error::checksecure: the scan stopped on an error thrown outside a request (by the app under test, when it runs in-process): late boom',
      );
    });
  });
});

describe('a TypeScript app on Node 24, from the bundle as shipped (no jiti beside it)', () => {
  let node: string[];
  beforeAll(async () => {
    node = [await node24()];
  }, 300_000);
  const files = {
    'package.json': '{ "type": "module" }\n',
    'src/routes.ts':
      "import type { IncomingMessage, ServerResponse } from 'node:http';\nimport { banner } from './lib';\nimport { powered } from './util';\nexport const routes = (_req: IncomingMessage, res: ServerResponse): void => {\n  res.setHeader('X-Powered-By', powered);\n  res.end(banner);\n};\n",
    'src/lib/index.ts': "export const banner: string = '<p>hi</p>';\n",
    'src/util.ts': "export const powered = 'Express' as string;\n",
  };

  // Projects on moduleResolution nodenext import routes.ts as "./routes.js", and those on
  // bundler leave the extension out: Node's type stripping finds neither on its own.
  it('imports its modules as tsc lets it: "./routes.js" for routes.ts, "./lib" for lib/index.ts, "./util" for util.ts', async () => {
    const run = await runAction({
      node,
      bundle: await shippedBundle(),
      inputs: { app: 'src/app.ts', 'fail-on': 'never' },
      files: { ...files, 'src/app.ts': "import { routes } from './routes.js';\nexport default routes;\n" },
    });
    expect(run.stdout).not.toContain('::error::checksecure: input app');
    expect(run.code).toBe(0);
    expect(run.outputs.codes).toContain('POWERED_BY_EXPOSED');
  });

  it('says what to do with code that stripping types cannot run (an enum)', async () => {
    const run = await runAction({
      node,
      bundle: await shippedBundle(),
      inputs: { app: 'src/app.ts' },
      files: {
        ...files,
        'src/app.ts':
          "import { routes } from './routes.js';\nenum Mode { Bare }\nexport default Mode.Bare === 0 ? routes : routes;\n",
      },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::checksecure: input app: src/app.ts cannot be loaded: TypeScript enum is not supported in strip-only mode: Node only strips types, so build the module first (or install jiti) (ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX)',
    );
  });

  it("fails with Node's own error on an import that names no file", async () => {
    const run = await runAction({
      node,
      bundle: await shippedBundle(),
      inputs: { app: 'src/app.ts' },
      files: { ...files, 'src/app.ts': "import { routes } from './gone.js';\nexport default routes;\n" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error::checksecure: input app: src\/app\.ts cannot be loaded: Cannot find module '.*\/src\/gone\.js' imported from .*\/src\/app\.ts \(ERR_MODULE_NOT_FOUND\)$/m,
    );
  });
});
