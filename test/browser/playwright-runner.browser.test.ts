/**
 * checksecure/playwright under the real @playwright/test runner: the fixture project in
 * test/fixtures/playwright-csp runs against a site served here by express and secure() (a strict
 * nonce policy), in Debian's Chromium, and every test's outcome and message is held to what its
 * title says. The entry is the built one (dist/lib), loaded by its package name.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspDirectives, secure } from '../../middleware/index.js';
import { browserAvailable, CHROMIUM } from '../helpers/browser.js';
import { ROOT } from '../helpers/cli.js';

const FIXTURE = path.join(ROOT, 'test/fixtures/playwright-csp');

interface Outcome {
  status: string;
  message: string;
}

interface JsonSuite {
  specs: { title: string; tests: { results: { status: string; errors: { message?: string }[] }[] }[] }[];
  suites?: JsonSuite[];
}

const listen = (app: express.Express) =>
  new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

function runPlaywright(env: Record<string, string>, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      path.join(ROOT, 'node_modules/.bin/playwright'),
      ['test', '--config', path.join(FIXTURE, 'playwright.config.ts'), ...args],
      {
        cwd: FIXTURE,
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true' },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

function outcomes(report: { suites: JsonSuite[] }): Map<string, Outcome> {
  const found = new Map<string, Outcome>();
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs) {
      const result = spec.tests[0]!.results[0]!;
      found.set(spec.title, {
        status: result.status,
        message: result.errors.map((e) => e.message ?? '').join('\n'),
      });
    }
    suite.suites?.forEach(visit);
  };
  report.suites.forEach(visit);
  return found;
}

describe.runIf(browserAvailable)('checksecure/playwright, run by the Playwright test runner', () => {
  const servers: Server[] = [];
  let env: Record<string, string>;
  let results: Map<string, Outcome>;
  let exitCode: number;
  let output: string | undefined;

  beforeAll(async () => {
    const other = express();
    other.get('/x.js', (_req, res) => res.type('js').send('window.fromOther = true;'));
    other.get('/pic.png', (_req, res) => res.type('png').send(Buffer.alloc(0)));
    servers.push(await listen(other));
    const OTHER = origin(servers[0]!);

    const app = express();
    app.use(secure({ logger: { warn() {} } }));
    const page =
      (body: string) =>
      (_req: express.Request, res: express.Response): void => {
        res.send(
          `<!doctype html><title>start</title>${body.replaceAll('NONCE', res.locals.cspNonce as string)}`,
        );
      };
    app.get(
      '/clean',
      page(
        `<script nonce="NONCE">document.title = 'clean ran';</script><a id="popup" href="/inline" target="_blank">open</a>`,
      ),
    );
    app.get('/inline', page(`<script nonce="NONCE">1</script><script>window.injected = true;</script>`));
    app.get('/external', page(`<script src="${OTHER}/x.js"></script>`));
    app.get('/click', page(`<button onclick="window.clicked = true">go</button>`));
    app.get('/frame', page(`<iframe src="/framed"></iframe>`));
    app.get(
      '/framed',
      cspDirectives({ frameAncestors: ["'self'"] }),
      page(`<p>framed</p><script>window.injected = true;</script>`),
    );
    app.get(
      '/worker',
      page(
        `<button>go</button><script nonce="NONCE">const worker = new Worker('/worker.js'); worker.onmessage = () => { document.title = 'worker done'; }; document.querySelector('button').addEventListener('click', () => worker.postMessage('go'));</script>`,
      ),
    );
    // Served with secure()'s policy too, which has no 'unsafe-eval'.
    app.get('/worker.js', (_req, res) =>
      res.type('js').send(`onmessage = () => { try { eval('1'); } catch {} postMessage('done'); };`),
    );
    app.get('/frame-denied', page(`<iframe src="/clean"></iframe>`));
    app.get(
      '/report-only',
      contentSecurityPolicy({ reportOnly: true, directives: { imgSrc: ["'self'"] } }),
      page(`<script nonce="NONCE">document.title = 'ran';</script><img src="${OTHER}/pic.png">`),
    );
    servers.push(await listen(app));
    output = await mkdtemp(path.join(tmpdir(), 'checksecure-playwright-'));
    env = { SITE: origin(servers[1]!), OTHER, CHROMIUM: CHROMIUM ?? '', OUTPUT: output };

    const run = await runPlaywright(env, ['--reporter=json']);
    exitCode = run.code;
    try {
      results = outcomes(JSON.parse(run.stdout) as { suites: JsonSuite[] });
    } catch {
      throw new Error(
        `playwright test gave no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`,
      );
    }
  }, 300_000);

  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    if (output) await rm(output, { recursive: true, force: true });
  });

  const failures: Record<string, RegExp[]> = {
    'fails: an injected inline script': [
      /1 CSP violation on the page http:\/\/127\.0\.0\.1:\d+\/inline:/,
      /- script-src-elem: inline blocked, in http:\/\/127\.0\.0\.1:\d+\/inline \(line 1, column \d+\)/,
      /the response's nonce/,
    ],
    'fails: a script from another origin': [
      /- script-src-elem: http:\/\/127\.0\.0\.1:\d+\/x\.js blocked, in http:\/\/127\.0\.0\.1:\d+\/external/,
      /allow its host/,
    ],
    'fails: an onclick= handler, fired by a click': [/- script-src-attr: inline blocked/, /onclick=/],
    'fails: an inline script in an iframe': [
      /- script-src-elem: inline blocked, in http:\/\/127\.0\.0\.1:\d+\/framed \(line 1, column \d+\)/,
    ],
    'fails: a frame the framed page refuses, which only the console reports': [/- frame-ancestors: /],
    'fails: eval in a worker the page started': [
      /- script-src: eval blocked, in http:\/\/127\.0\.0\.1:\d+\/worker\.js/,
      /pass a function instead/,
    ],
    'fails: a page opened later in the context': [/on the page http:\/\/127\.0\.0\.1:\d+\/inline:/],
    'fails: a popup the page opens': [/on the page http:\/\/127\.0\.0\.1:\d+\/inline:/],
    'fails: the context, for a violation of any of its pages': [
      /on the 2 page\(s\) of the context:/,
      /x\.js blocked/,
    ],
    'fails: ignore that names another violation': [/x\.js blocked/],
    'fails: a Report-Only violation counts by default': [
      /- img-src: http:\/\/127\.0\.0\.1:\d+\/pic\.png reported by a Report-Only policy, in http:\/\/127\.0\.0\.1:\d+\/report-only \(line 1, column \d+\)\n/,
    ],
    'fails: a mistyped option': [
      /toHaveNoCspViolations: "ignroe" is not an option \(known: ignore, disposition\)/,
    ],
    'fails: a mistyped option under .not': [
      /toHaveNoCspViolations: disposition: "enforced" must be one of 'enforce', 'report', 'any'/,
    ],
    'fails: .not, on a clean page': [
      /Expected at least one CSP violation on the page .*\/clean, and there was none/,
    ],
    'fails: a page of a context the test created, with no collector': [
      /no CSP collector is attached to this page's browser context/,
      /collectCspViolations\(context\)/,
    ],
    'fails: a context the test created, once collectCspViolations watches it': [
      /script-src-elem: inline blocked/,
    ],
    'fails: a test of your own, extended with cspFixtures, on an inline script': [
      /script-src-elem: inline blocked/,
    ],
    'fails: the plain test of @playwright/test, on a clean page': [
      /no CSP collector is attached/,
      /import \{ test, expect \} from 'checksecure\/playwright'/,
    ],
  };

  it('runs every test of the fixture project, and exits 1 for those that fail', () => {
    expect([...results.keys()].filter((title) => !/^(passes|fails): /.test(title))).toEqual([]);
    expect([...results.keys()].filter((title) => title.startsWith('fails: ')).sort()).toEqual(
      Object.keys(failures).sort(),
    );
    expect(results.size).toBe(Object.keys(failures).length + 5);
    expect(exitCode).toBe(1);
  });

  it('passes the tests that say they pass', () => {
    const passing = [...results].filter(([title]) => title.startsWith('passes: '));
    expect(passing.length).toBe(5);
    for (const [title, outcome] of passing) expect(outcome, title).toEqual({ status: 'passed', message: '' });
  });

  it.each(Object.entries(failures))('%s, with a message that lists what was wrong', (title, messages) => {
    const outcome = results.get(title);
    expect(outcome?.status, title).toBe('failed');
    for (const message of messages) expect(outcome!.message, title).toMatch(message);
  });

  it('lists each violation once, though Chromium reports it both as an event and on the console', () => {
    const inline = results.get('fails: an injected inline script')!.message;
    expect(inline.match(/^\s+- script-src-elem/gm)).toHaveLength(1);
  });

  it('exits 0 for a run of the passing tests alone', async () => {
    const run = await runPlaywright(env, ['--reporter=line', '--grep', 'passes: ']);
    expect(run.stdout).toMatch(/5 passed/);
    expect(run.code).toBe(0);
  }, 120_000);
});
