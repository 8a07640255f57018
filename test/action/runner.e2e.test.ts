import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import {
  annotations,
  HEAD_SHA,
  node24,
  pullRequestEvent,
  runAction,
  running,
  shippedBundle,
} from '../helpers/action.js';
import { ROOT } from '../helpers/cli.js';
import { BODY_LIMIT, FakeGitHub } from '../helpers/github-api.js';
import { hardenedSite, manyErrorsSite, serve, type Served } from '../helpers/server.js';

// Each point of "the Action as GitHub really runs it": the bundle as shipped (no node_modules
// beside it), on Node 24 as `runs.using: node24` has it, with every declared input set as the
// runner sets it, a pull_request event, and a stand-in of GitHub's REST API that answers as
// GitHub does (422 over 65,536 characters, pages, User and Bot authors).

const MARKER = (key: string) => `<!-- checksecure:sticky-comment key=${key} -->`;
const DEFAULT_KEY = 'CI/scan/__org_checksecure-action';
const PAT = 'ghp_personalAccessTokenOfOctocat000000000';

let node: string[];
let bundle: string;
let bare: Served;
let hardened: Served;
let manyErrors: Served;
let huge: Served;
let api: FakeGitHub;

/** A port nothing listens on yet. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

const run = (options: Parameters<typeof runAction>[0]) => runAction({ node, bundle, ...options });

beforeAll(async () => {
  [node, bundle] = [[await node24()], await shippedBundle()];
  bare = await serve((_req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    res.setHeader('Set-Cookie', 'sid=1');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  hardened = await serve(hardenedSite);
  manyErrors = await serve(manyErrorsSite);
  // 150 session cookies whose names escape to six times their length in Markdown: a table of
  // some 450 rows and 700,000 characters, ten times what a comment may hold.
  huge = await serve((_req, res) => {
    res.setHeader(
      'Set-Cookie',
      Array.from({ length: 150 }, (_, i) => `sess${i}${'&|'.repeat(145)}=1`),
    );
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
  });
  api = await new FakeGitHub().start();
}, 300_000);
afterAll(async () => {
  await Promise.all([bare.close(), hardened.close(), manyErrors.close(), huge.close(), api.stop()]);
});
afterEach(() => api.reset());

describe('the sticky comment: one per pull request per scan', () => {
  it('matrix shards each keep their own comment, found again on the next run', async () => {
    const url = `${bare.url}\n${hardened.url}`;
    for (const shard of ['1/2', '2/2', '1/2'])
      await run({ inputs: { url, shard, 'fail-on': 'never' }, event: pullRequestEvent(), api: api.url });
    expect(api.comments).toHaveLength(2);
    const [first, second] = api.comments;
    expect(first!.body.startsWith(`${MARKER(`${DEFAULT_KEY}/shard 1 of 2`)}\n`)).toBe(true);
    expect(second!.body.startsWith(`${MARKER(`${DEFAULT_KEY}/shard 2 of 2`)}\n`)).toBe(true);
    // Shard 1 scanned the bare site, shard 2 the hardened one: neither overwrote the other.
    expect(first!.body).toContain('HSTS_MISSING');
    expect(second!.body).toContain('No findings.');
    expect(api.calls.filter((c) => c.method === 'PATCH')).toHaveLength(1);
  });

  it('several checksecure steps keep their own comment; comment-key names one', async () => {
    const event = pullRequestEvent();
    await run({ inputs: { url: bare.url, 'fail-on': 'never' }, event, api: api.url });
    await run({
      inputs: { url: hardened.url },
      event,
      api: api.url,
      env: { GITHUB_ACTION: '__org_checksecure-action_2' },
    });
    await run({ inputs: { url: hardened.url, 'comment-key': 'staging' }, event, api: api.url });
    expect(api.comments.map((c) => c.body.split('\n')[0])).toEqual([
      MARKER(DEFAULT_KEY),
      MARKER('CI/scan/__org_checksecure-action_2'),
      MARKER('staging'),
    ]);
    expect(api.comments[0]!.body).toContain('HSTS_MISSING');
  });

  it('with shard, the shard is added to a comment-key given, so shards never share one', async () => {
    for (const shard of ['1/2', '2/2'])
      await run({
        inputs: {
          url: `${bare.url}\n${hardened.url}`,
          shard,
          'comment-key': 'site-scan',
          'fail-on': 'never',
        },
        event: pullRequestEvent(),
        api: api.url,
      });
    expect(api.comments.map((c) => c.body.split('\n')[0])).toEqual([
      MARKER('site-scan/shard 1 of 2'),
      MARKER('site-scan/shard 2 of 2'),
    ]);
  });

  it('a comment-key that could break out of the marker is refused with the input’s name', async () => {
    const r = await run({ inputs: { url: hardened.url, 'comment-key': 'x --> <img src=x>' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error::checksecure: input comment-key: "x --> <img src=x>" may hold only/);
  });

  it('a shard with nothing to scan posts nothing and leaves the other shards’ comments alone', async () => {
    await run({
      inputs: { url: bare.url, shard: '1/2', 'fail-on': 'never' },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(api.comments).toHaveLength(1);
    const before = api.comments[0]!.body;
    api.calls.length = 0;
    const empty = await run({
      inputs: { url: bare.url, shard: '2/2' },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(empty.code).toBe(0);
    expect(api.calls).toEqual([]);
    expect(api.comments[0]!.body).toBe(before);
    expect(empty.outputs).toMatchObject({ errors: '0', warnings: '0', info: '0', codes: '' });
    expect(empty.summary).toContain('shard 2/2 has nothing to scan');
    expect(empty.summary).not.toContain('No findings');
  });

  it('fits in 65,536 characters after escaping, ending with "…and N more" and a link to the run', async () => {
    const r = await run({
      inputs: { url: huge.url, 'fail-on': 'never' },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('pull request comment failed');
    expect(api.comments).toHaveLength(1);
    const body = api.comments[0]!.body;
    expect([...body].length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body.length).toBeGreaterThan(BODY_LIMIT * 0.9);
    const more = /\n…and (\d+) more\. The full table is in \[the run's summary\]\((.*?)\)\.\n/.exec(body);
    expect(more).not.toBeNull();
    expect(more![2]).toBe('https://github.com/octo/site/actions/runs/4242/attempts/1');
    const rows = body.split('\n').filter((line) => line.startsWith('| 🔴') || line.startsWith('| 🟠'));
    const total = Number(r.outputs.errors) + Number(r.outputs.warnings) + Number(r.outputs.info);
    expect(rows.length + Number(more![1])).toBe(total);
    // The summary holds the whole table (a step summary may hold 1 MiB).
    expect(r.summary.length).toBeGreaterThan(BODY_LIMIT * 5);
    expect(r.summary).not.toContain('…and');
    expect(Buffer.byteLength(r.summary)).toBeLessThan(1024 * 1024);
  }, 60_000);

  it('fails the step (not silently) when GitHub refuses the comment, unless fail-on is never', async () => {
    api.failWith = 500;
    const strict = await run({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /^::error::checksecure: the pull request comment failed: GitHub answered 500: Server Error$/m,
    );
    // What comes before the comment is written all the same.
    expect(strict.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(strict.summary).toContain('No findings.');
    const lenient = await run({
      inputs: { url: hardened.url, 'fail-on': 'never' },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(
      /^::warning::checksecure: the pull request comment failed: GitHub answered 500: .*\(fail-on is never/m,
    );
  });

  it('says it could not reach GitHub, at which URL, when nothing answers there: not that GitHub answered 500', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const r = await run({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: nowhere });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^::error::checksecure: the pull request comment failed: could not reach GitHub at ${nowhere.replace(/\./g, '\\.')}: .*ECONNREFUSED`,
        'm',
      ),
    );
    expect(r.stdout).not.toContain('GitHub answered');
  });

  it('names the commit it describes and links to the run', async () => {
    await run({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
    expect(api.comments[0]!.body).toContain(
      `Scanned at commit [\`0123456\`](https://github.com/octo/site/commit/${HEAD_SHA}) in [this workflow run](https://github.com/octo/site/actions/runs/4242/attempts/1).`,
    );
  });

  it('written with a personal access token, is found again by its author, never someone else’s', async () => {
    api.users.set(PAT, { login: 'octocat', type: 'User' });
    // Someone else's comment with our marker and key: ours only if written by the token's user.
    api.comments.push({
      id: 1,
      body: `${MARKER(DEFAULT_KEY)}\nmallory's`,
      user: { login: 'mallory', type: 'User' },
    });
    const inputs = { url: hardened.url, 'github-token': PAT };
    await run({ inputs, event: pullRequestEvent(), api: api.url });
    await run({ inputs, event: pullRequestEvent(), api: api.url });
    expect(api.comments).toHaveLength(2);
    expect(api.comments[0]!.body).toContain("mallory's");
    expect(api.comments[1]!.user).toEqual({ login: 'octocat', type: 'User' });
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
      `/repos/octo/site/issues/comments/${api.comments[1]!.id}`,
    ]);
    expect(api.calls.every((c) => c.authorization === `token ${PAT}`)).toBe(true);
  });

  it('with GITHUB_TOKEN, is found again among a user’s and another app’s comments carrying the same marker', async () => {
    api.comments.push(
      { id: 1, body: `${MARKER(DEFAULT_KEY)}\nhand-made`, user: { login: 'octocat', type: 'User' } },
      { id: 2, body: `${MARKER(DEFAULT_KEY)}\nspoofed`, user: { login: 'evil-app[bot]', type: 'Bot' } },
    );
    await run({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
    await run({ inputs: { url: hardened.url }, event: pullRequestEvent(), api: api.url });
    expect(api.comments).toHaveLength(3);
    expect(api.comments[0]!.body).toContain('hand-made');
    expect(api.comments[1]!.body).toContain('spoofed');
    expect(api.comments[2]!.user).toEqual({ login: 'github-actions[bot]', type: 'Bot' });
    expect(api.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([
      `/repos/octo/site/issues/comments/${api.comments[2]!.id}`,
    ]);
  });

  it.each(['pull_request_review', 'pull_request_review_comment', 'issue_comment'])(
    'is not posted on a %s event, although its payload names the pull request',
    async (name) => {
      const r = await run({
        inputs: { url: hardened.url },
        event: pullRequestEvent(),
        api: api.url,
        env: { GITHUB_EVENT_NAME: name },
      });
      expect(r.code).toBe(0);
      expect(api.calls).toEqual([]);
    },
  );

  it('on pull_request_target, is posted for a fork too (that token may write)', async () => {
    await run({
      inputs: { url: hardened.url },
      event: pullRequestEvent(true),
      api: api.url,
      env: { GITHUB_EVENT_NAME: 'pull_request_target' },
    });
    expect(api.comments).toHaveLength(1);
  });

  it('on deployment_status (docs/action.md’s first workflow), goes to the open pull request of the deployed commit', async () => {
    const sha = 'feedfacefeedfacefeedfacefeedfacefeedface';
    api.commitPulls = [
      {
        number: 3,
        state: 'closed',
        head: { sha, repo: { full_name: 'octo/site' } },
        base: { repo: { full_name: 'octo/site' } },
      },
      {
        number: 9,
        state: 'open',
        head: { sha, repo: { full_name: 'octo/site' } },
        base: { repo: { full_name: 'octo/site' } },
      },
    ];
    const event = {
      deployment: { sha, environment: 'preview' },
      deployment_status: { state: 'success', environment_url: hardened.url },
      repository: { full_name: 'octo/site' },
    };
    const r = await run({ inputs: { url: hardened.url }, event, api: api.url });
    expect(r.code).toBe(0);
    expect(api.calls.find((c) => c.path.endsWith('/comments') && c.method === 'POST')?.path).toBe(
      '/repos/octo/site/issues/9/comments',
    );
    expect(api.comments[0]!.body).toContain(`/commit/${sha}`);
    api.reset();
    const none = await run({ inputs: { url: hardened.url }, event, api: api.url });
    expect(none.code).toBe(0);
    expect(api.calls.map((c) => c.method)).toEqual(['GET']);
    expect(none.stdout).toContain('no pull request for this event');
    // A token that may not list the commit's pull requests: a notice, as for a fork.
    api.forbidden = true;
    const forbidden = await run({ inputs: { url: hardened.url }, event, api: api.url });
    expect(forbidden.code).toBe(0);
    expect(forbidden.stdout).toContain(
      '::notice::checksecure: pull request comment skipped: GitHub answered 403 to the pull requests of the deployed commit',
    );
  });
});

describe('start and wait-for', () => {
  it('a start command that exits before the site answers is reported at once, with its code and output', async () => {
    const port = await freePort();
    const r = await run({
      inputs: {
        start: `node -e "console.log('db: missing DATABASE_URL'); process.exit(3)"`,
        url: `http://127.0.0.1:${port}/`,
        'wait-timeout': '60',
      },
    });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.stdout).toMatch(
      new RegExp(
        `::error::checksecure: input start: the start command exited with code 3 before http://127\\.0\\.0\\.1:${port}/ answered\\. Its output ended with: db: missing DATABASE_URL`,
      ),
    );
  });

  it('stops a server the shell started in the background, and one that ignores SIGTERM', async () => {
    const port = await freePort();
    const server = `const http = require('node:http');
require('node:fs').writeFileSync('pid', String(process.pid));
process.on('SIGTERM', () => console.log('SIGTERM ignored'));
http.createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1');
`;
    const r = await run({
      inputs: { start: 'node server.cjs &', url: `http://127.0.0.1:${port}/`, 'fail-on': 'never' },
      files: { 'server.cjs': server },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.codes).toContain('HSTS_MISSING');
    const pid = Number(await readFile(path.join(r.workspace, 'pid'), 'utf8'));
    expect(running(pid)).toBe(false);
    expect(await listening(port)).toBe(false);
    expect(r.stdout).toContain('SIGTERM ignored');
    expect(r.stdout).toContain('did not stop within 5 s of SIGTERM, so its processes were killed');
  }, 60_000);

  it('a command that exits 0 is waited for: a server that detached itself is scanned (and, outside the group, not stopped)', async () => {
    const port = await freePort();
    const server = `require('node:fs').writeFileSync('pid', String(process.pid));
setTimeout(() => require('node:http').createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1'), 1000);
`;
    const r = await run({
      inputs: {
        start: 'setsid -f node server.cjs; echo started',
        url: `http://127.0.0.1:${port}/`,
        'fail-on': 'never',
      },
      files: { 'server.cjs': server },
    });
    const pid = Number(await readFile(path.join(r.workspace, 'pid'), 'utf8'));
    try {
      expect(r.code).toBe(0);
      expect(r.outputs.codes).toContain('HSTS_MISSING');
      // What docs/action.md says: a server that left the group is the workflow's to stop.
      expect(running(pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('a command that exits 0 and leaves nothing running times out saying so', async () => {
    const port = await freePort();
    const r = await run({
      inputs: { start: `node -e "process.exit(3)" &`, url: `http://127.0.0.1:${port}/`, 'wait-timeout': '2' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'the start command exited with code 0 and left no process running: a server started in the background that crashed, or one that detached itself',
    );
  });

  it('without wait-for, waits for the first url instead of failing with ECONNREFUSED', async () => {
    const port = await freePort();
    const server = `setTimeout(() => require('node:http').createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1'), 1500);\n`;
    const r = await run({
      inputs: { start: 'node server.cjs', url: `http://127.0.0.1:${port}/`, 'fail-on': 'never' },
      files: { 'server.cjs': server },
    });
    expect(r.stdout).not.toContain('ECONNREFUSED');
    expect(r.code).toBe(0);
    expect(r.outputs.codes).toContain('HSTS_MISSING');
  });

  it('shows the server’s output in a collapsed group, its workflow commands inert', async () => {
    const port = await freePort();
    const server = `console.log('listening on ${port}');
console.log('::error::from the server');
require('node:http').createServer((q, r) => r.end('up')).listen(${port}, '127.0.0.1');
`;
    const r = await run({
      inputs: { start: 'node server.cjs', url: `http://127.0.0.1:${port}/`, 'fail-on': 'never' },
      files: { 'server.cjs': server },
    });
    const group =
      /^::group::checksecure: output of the start command \(node server\.cjs\)\n::stop-commands::([0-9a-f]+)\n([\s\S]*?)::\1::\n::endgroup::$/m.exec(
        r.stdout,
      );
    expect(group).not.toBeNull();
    expect(group![2]).toContain(`listening on ${port}`);
    expect(group![2]).toContain('::error::from the server');
    expect(annotations(r.stdout).some((a) => a.message.includes('from the server'))).toBe(false);
  });

  it('is refused on Windows runners with what to do instead', () => {
    expect(() => parseInputs((name) => (name === 'start' ? 'npm start' : ''), 'win32')).toThrow(
      /^input start: runs only on Linux and macOS runners.*start the server in an earlier step/,
    );
  });
});

describe('files, outputs and annotations', () => {
  it('creates the folders of sarif-file', async () => {
    const r = await run({
      inputs: { url: bare.url, 'sarif-file': 'reports/deep/checksecure.sarif', 'fail-on': 'never' },
    });
    expect(r.code).toBe(0);
    expect(r.outputs.sarif).toBe(path.join(r.workspace, 'reports/deep/checksecure.sarif'));
    expect(JSON.parse(await readFile(r.outputs.sarif!, 'utf8')).version).toBe('2.1.0');
  });

  it('fail-on never: a report that cannot be written warns, and outputs, summary and comment are all there', async () => {
    const r = await run({
      inputs: { url: bare.url, 'sarif-file': 'taken', 'fail-on': 'never' },
      files: { 'taken/file': 'a folder where the SARIF file should go' },
      event: pullRequestEvent(),
      api: api.url,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning::checksecure: writing sarif-file taken failed: .*EISDIR/m);
    expect(Number(r.outputs.errors)).toBeGreaterThan(0);
    expect(r.summary).toContain('HSTS_MISSING');
    expect(api.comments).toHaveLength(1);
    const strict = await run({
      inputs: { url: hardened.url, 'sarif-file': 'taken' },
      files: { 'taken/file': 'x' },
    });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/^::error::checksecure: writing sarif-file taken failed/m);
  });

  it('keeps one of the 10 error annotations GitHub shows for the reason the step failed', async () => {
    const r = await run({ inputs: { url: manyErrors.url } });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((line) => line.startsWith('::error'));
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)).toMatch(/^::error::checksecure: \d+ errors and \d+ warnings; fail-on is warning$/);
    // The findings' own: eight codes, then one that names the other four.
    const own = annotations(r.stdout).filter((a) => a.level === 'error');
    expect(own).toHaveLength(9);
    expect(own.at(-1)?.title).toMatch(/^\d+ more error codes$/);
    // With fail-on never nothing fails the step, and all ten slots go to findings.
    const never = await run({ inputs: { url: manyErrors.url, 'fail-on': 'never' } });
    expect(never.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(10);
    expect(never.stdout).not.toContain('::error::checksecure:');
  });

  it.each([
    ['input annotate-file', { 'annotate-file': '../../etc/passwd' }, {}],
    ['fixSource', {}, { 'checksecure.config.json': '{ "fixSource": "../../../etc/passwd" }' }],
  ])('%s outside the workspace is refused before any request', async (label, inputs, files) => {
    const before = bare.requests.length;
    const r = await run({ inputs: { url: bare.url, ...inputs }, files });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`^::error::checksecure: ${label}: ".*etc/passwd" is outside the workspace$`, 'm'),
    );
    expect(r.stdout).not.toContain('root:');
    expect(bare.requests.length).toBe(before);
  });

  it('annotate-file that links out of the workspace, or names no file, is refused', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'ws-'));
    await symlink('/etc/passwd', path.join(workspace, 'app.js'));
    const linked = await run({ inputs: { url: bare.url, 'annotate-file': 'app.js' }, workspace });
    expect(linked.stdout).toContain(
      '::error::checksecure: input annotate-file: "app.js" links to a file outside the workspace',
    );
    // Through a linked folder: the file's own path, the one the pull request's diff knows.
    await mkdir(path.join(workspace, 'src'));
    await writeFile(path.join(workspace, 'src/app.js'), 'export {};\n');
    await symlink(path.join(workspace, 'src'), path.join(workspace, 'lib'));
    const through = await run({
      inputs: { url: bare.url, 'annotate-file': 'lib/app.js', 'fail-on': 'never' },
      workspace,
    });
    expect(annotations(through.stdout).every((a) => a.file === 'src/app.js')).toBe(true);
    await writeFile(path.join(workspace, 'a\nb.js'), 'export {};\n');
    const newline = await run({ inputs: { url: bare.url, 'annotate-file': 'a\nb.js' }, workspace });
    expect(newline.stdout).toContain(
      '::error::checksecure: input annotate-file: "a\\nb.js" has a control character in its name',
    );
    const typo = await run({ inputs: { url: bare.url, 'annotate-file': 'src/ap.ts' } });
    expect(typo.stdout).toContain(
      '::error::checksecure: input annotate-file: "src/ap.ts" is not a file in the workspace',
    );
  });

  it('SARIF points at a file that exists: package.json, else the workflow, else nowhere', async () => {
    const uri = async (files: Record<string, string>) => {
      const r = await run({
        inputs: { url: bare.url, 'sarif-file': 'out.sarif', 'fail-on': 'never' },
        files,
      });
      const result = JSON.parse(await readFile(r.outputs.sarif!, 'utf8')).runs[0].results[0];
      return result.locations[0]?.physicalLocation.artifactLocation.uri;
    };
    expect(await uri({ 'package.json': '{}' })).toBe('package.json');
    expect(await uri({ '.github/workflows/ci.yml': 'on: push\n' })).toBe('.github/workflows/ci.yml');
    expect(await uri({})).toBeUndefined();
  });

  it('writes the JSON report to a file of its own for each step, and counts info findings', async () => {
    const temp = await mkdtemp(path.join(tmpdir(), 'runner-temp-'));
    const first = await run({ inputs: { url: bare.url, 'fail-on': 'never' }, env: { RUNNER_TEMP: temp } });
    const second = await run({ inputs: { url: hardened.url }, env: { RUNNER_TEMP: temp } });
    expect(first.outputs.report).not.toBe(second.outputs.report);
    expect(path.dirname(path.dirname(first.outputs.report!))).toBe(temp);
    const a = JSON.parse(await readFile(first.outputs.report!, 'utf8'));
    const b = JSON.parse(await readFile(second.outputs.report!, 'utf8'));
    expect(a.target).toBe(bare.url);
    expect(b.target).toBe(hardened.url);
    expect(Number(first.outputs.info)).toBe(
      a.warnings.filter((w: { severity: string }) => w.severity === 'info').length,
    );
    expect(Number(first.outputs.info)).toBeGreaterThan(0);
  });

  it('sets exactly the outputs action.yml declares', async () => {
    const { parse } = await import('yaml');
    const declared = Object.keys(parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')).outputs);
    const r = await run({ inputs: { url: bare.url, 'fail-on': 'never', 'sarif-file': 'x.sarif' } });
    expect(Object.keys(r.outputs).sort()).toEqual(declared.sort());
  });
});

describe('the config file’s failOn', () => {
  it('applies unless the fail-on input is given (input, then config, then warning)', async () => {
    const files = { 'checksecure.config.json': '{ "failOn": "never" }' };
    expect((await run({ inputs: { url: bare.url }, files })).code).toBe(0);
    expect((await run({ inputs: { url: bare.url, 'fail-on': 'error' }, files })).code).toBe(1);
    expect((await run({ inputs: { url: bare.url } })).code).toBe(1);
  });
});
