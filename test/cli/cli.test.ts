import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChecks } from '../../src/checks/index.js';
import { CLI, cli, ROOT, scratch } from '../helpers/cli.js';
import { hardenedSite, manyErrorsSite, serve, type Served } from '../helpers/server.js';

let hardened: Served;
let bare: Served;
let hostile: Served;
let manyErrors: Served;

/** A raw TCP server answering each request (its first line given) with the bytes returned. */
async function rawSite(answer: (firstLine: string) => Buffer): Promise<Served> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => socket.end(answer(data.toString('latin1').split('\r\n')[0] ?? '')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
beforeAll(async () => {
  hardened = await serve(hardenedSite);
  manyErrors = await serve(manyErrorsSite);
  bare = await serve((_req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  // A site whose header values and error page try to break out of every output format. Node
  // refuses to send such bytes, so it is a raw socket; undici refuses C0 controls in headers, but
  // C1 controls (latin-1) pass, and bodies carry anything.
  hostile = await rawSite((request) => {
    const header = Buffer.from(
      'x%0A::error::pwned \u009b31m @octocat <img src=x onerror=alert(1)> | col',
      'latin1',
    );
    const body = request.startsWith('GET / ')
      ? 'ok'
      : 'Error: boom\n    at handler (/srv/app/\u001b[31mevil\u0007.js:1:2)';
    return Buffer.concat([
      Buffer.from('HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nConnection: close\r\n'),
      Buffer.from('Set-Cookie: session<img/src@octocat|`x`>=1\r\nX-Powered-By: '),
      header,
      Buffer.from(`\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`),
    ]);
  });
});
afterAll(async () => {
  await Promise.all([hardened.close(), bare.close(), hostile.close(), manyErrors.close()]);
});

describe('information commands', () => {
  it('--help prints usage and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: checksecure \[URL\] \[options\]/);
    expect(r.stdout).toContain('--fail-on S');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));
    expect((await cli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('--list prints every check and code with severities', async () => {
    const r = await cli(['--list']);
    expect(r.code).toBe(0);
    for (const check of defaultChecks) {
      expect(r.stdout).toContain(check.name);
      for (const [code, spec] of Object.entries(check.messages))
        expect(r.stdout).toMatch(new RegExp(`${code}\\s+${spec.severity}`));
    }
  });

  it('--explain prints the explanation and the fix snippet', async () => {
    const r = await cli(['--explain', 'CSRF_UNPROTECTED']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^CSRF_UNPROTECTED \(error, check csrf\)/);
    expect(r.stdout).toContain("import { csrf } from 'checksecure/middleware';");
    expect(r.stdout).not.toMatch(/[ \t]$/m);
  });

  it('--explain of an unknown code exits 2 with one line', async () => {
    const r = await cli(['--explain', 'NOPE']);
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'checksecure: --explain: NOPE is not a code or a check name (see --list)\n',
    });
  });

  it('--explain takes a code in any case, and suggests the nearest code on a typo (issue 19)', async () => {
    const lower = await cli(['--explain', 'hsts_missing']);
    expect(lower.code).toBe(0);
    expect(lower.stdout).toMatch(/^HSTS_MISSING \(error, check hsts\)\n/);
    expect(await cli(['--explain', 'hsts_mising'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'checksecure: --explain: hsts_mising is not a code or a check name (did you mean HSTS_MISSING? see --list)\n',
    });
    expect((await cli(['--explain', 'httpsRedirct'])).stderr).toContain('did you mean httpsRedirect?');
  });

  it('--explain of a check name explains every code of that check', async () => {
    const r = await cli(['--explain', 'HSTS']);
    expect(r.code).toBe(0);
    const hsts = defaultChecks.find((c) => c.name === 'hsts')!;
    expect(r.stdout.startsWith(`hsts — ${hsts.description}\n\n`)).toBe(true);
    const codes = Object.keys(hsts.messages);
    expect(codes.length).toBeGreaterThan(1);
    for (const [code, spec] of Object.entries(hsts.messages))
      expect(r.stdout).toContain(`${code} (${spec.severity}, check hsts)\n\n${spec.message}\n`);
    expect(r.stdout).not.toMatch(/[ \t]$/m);
  });
});

describe('exit status', () => {
  it('0 for a hardened site, 1 for a bare one', async () => {
    expect((await cli([hardened.url])).code).toBe(0);
    const r = await cli([bare.url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('HSTS_MISSING');
    expect(r.stderr).toBe('');
  });

  it.each([
    ['error', 1],
    ['warning', 1],
    ['info', 1],
    ['never', 0],
  ])('--fail-on %s on a bare site exits %i', async (level, code) => {
    expect((await cli([bare.url, '--fail-on', level])).code).toBe(code);
  });

  it('--fail-on error passes a site with warnings only', async () => {
    const r = await cli([
      bare.url,
      '--fail-on',
      'error',
      '--skip',
      'HSTS_MISSING',
      '--skip',
      'HTTPS_REDIRECT_MISSING',
      '--skip',
      'FRAMING_ALLOWED',
      '--skip',
      'CSRF_UNPROTECTED',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('POWERED_BY_EXPOSED');
    expect(r.stdout).not.toContain('HSTS_MISSING');
  });

  it.each([
    [['--bogus'], /^checksecure: Unknown option '--bogus' \(see --help\)\n$/],
    [['--frmat', 'json'], /^checksecure: Unknown option '--frmat' \(did you mean --format\? see --help\)\n$/],
    [
      ['--fail_on', 'never'],
      /^checksecure: Unknown option '--fail_on' \(did you mean --fail-on\? see --help\)\n$/,
    ],
    [
      ['--timeout', '0', 'http://127.0.0.1:1'],
      /^checksecure: --timeout: "0" is not a number of seconds above 0, at most 600\n$/,
    ],
    [
      ['--format', 'xml', 'http://127.0.0.1:1'],
      /^checksecure: --format: "xml" is not one of text, json, sarif, github, markdown\n$/,
    ],
    [['--verbosity', '3', 'http://127.0.0.1:1'], /^checksecure: --verbosity: "3" is not one of 0, 1, 2\n$/],
    [['--timeout', 'soon', 'http://127.0.0.1:1'], /^checksecure: --timeout: "soon" is not a number/],
    [
      ['--header', 'NoColon', 'http://127.0.0.1:1'],
      /^checksecure: --header #1: is not "Name: value" \(a header name, a colon, then the value; it is not shown, as it may hold a secret\)\n$/,
    ],
    [
      ['--header', 'X-A: 1\r\nX-B: 2', 'http://127.0.0.1:1'],
      /^checksecure: --header X-A: the value must be a string without CR, LF, NUL or other control characters \(it is not shown, as it may hold a secret\)\n$/,
    ],
    [['--skip', 'NOT_A_CODE', 'http://127.0.0.1:1'], /^checksecure: skip\.0: "NOT_A_CODE" is not a code/],
    [
      ['--path', 'admin', 'http://127.0.0.1:1'],
      /^checksecure: paths\.0: "admin" must be a path that starts with "\/"/,
    ],
    [['http://a.example', 'http://b.example'], /^checksecure: one URL at a time/],
    // node's parser keeps the last of a flag given twice: the first would silently not count.
    [
      ['--app', './a.mjs', '--app', './b.mjs'],
      /^checksecure: --app is given 2 times; pass it once \(only the last would count\)\n$/,
    ],
    [
      ['-f', 'json', '--format', 'sarif', 'http://127.0.0.1:1'],
      /^checksecure: --format is given 2 times; pass it once/,
    ],
    [
      ['--explain', 'hsts', 'http://127.0.0.1:1'],
      /^checksecure: --explain prints the catalogue and scans nothing: drop the URL, or run the scan on its own\n$/,
    ],
    [
      ['not a url'],
      /^checksecure: target: "not a url" is not a valid URL \(expected http:\/\/ or https:\/\/\)\n$/,
    ],
    // A host typed without its scheme: the URL it most likely meant.
    [
      ['localhost:3000'],
      /^checksecure: target: "localhost:3000" is not an http:\/\/ or https:\/\/ URL; did you mean http:\/\/localhost:3000\?\n$/,
    ],
    [
      ['127.0.0.1:3000/login'],
      /^checksecure: target: "127\.0\.0\.1:3000\/login" is not a valid URL .*; did you mean http:\/\/127\.0\.0\.1:3000\/login\?\n$/,
    ],
    [
      ['staging.example.com'],
      /^checksecure: target: "staging\.example\.com" is not a valid URL .*; did you mean https:\/\/staging\.example\.com\?\n$/,
    ],
    [
      ['ftp://example.com'],
      /^checksecure: target: "ftp:\/\/example.com" is not an http:\/\/ or https:\/\/ URL\n$/,
    ],
    [[], /^checksecure: no target: pass a URL, --app MODULE, or set target in checksecure.config/],
    // Both given: neither silently wins (the URL used to, and --app was never loaded).
    [
      ['http://127.0.0.1:9/', '--app', './app.mjs'],
      /^checksecure: --app: \.\/app\.mjs and the URL http:\/\/127\.0\.0\.1:9\/ are two targets; pass one/,
    ],
    [['http://127.0.0.1:9/'], /^checksecure: GET http:\/\/127\.0\.0\.1:9\/: .*ECONNREFUSED/],
  ])('2 for %j, with a one-line reason and no stack', async (args, message) => {
    const r = await cli(args, { cwd: await scratch() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('ends once the report is out, even when the scanned app keeps the process alive', async () => {
    // A server started on import and a timer, as many apps' entry modules have (or a DB pool).
    const keepsAlive =
      "import http from 'node:http';\nsetInterval(() => {}, 1000);\nhttp.createServer((q, r) => r.end('x')).listen(0, '127.0.0.1');\n";
    const dir = await scratch({
      'app.mjs': `${keepsAlive}export default (req, res) => res.end('<p>hi</p>');\n`,
      'none.mjs': keepsAlive,
    });
    const scanned = await cli(['--app', 'app.mjs', '--verbosity', '0'], { cwd: dir });
    expect(scanned.code).toBe(1);
    expect(scanned.stdout).toContain('HSTS_MISSING');
    expect(await cli(['--app', 'none.mjs'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: 'checksecure: --app: none.mjs exports no app (export default app, or export { app })\n',
    });
  });

  it('a reader that closes the pipe early (| head) ends the run quietly, without a stack trace', async () => {
    const child = spawn(process.execPath, [CLI, bare.url, '--verbosity', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // as `head -c 0` does: the read end is gone before the report is written
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(1); // the findings still decide the status
  });

  it('2 when the target never answers, within --timeout', async () => {
    const silent = await serve(() => {});
    const r = await cli([silent.url, '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`checksecure: GET ${silent.url}/: no complete answer within 1 s\n`);
    expect(r.ms).toBeLessThan(5000);
    await silent.close();
  });
});

describe('flags reach the probe', () => {
  it('--path and --header', async () => {
    hardened.requests.length = 0;
    await cli([hardened.url, '--path', '/a', '--path', '/b', '--header', 'Authorization: Bearer t0k3n']);
    const gets = hardened.requests.filter(
      (r) => r.method === 'GET' && !r.headers.origin && r.headers.host?.startsWith('127.'),
    );
    expect(new Set(gets.map((r) => r.url))).toEqual(
      new Set(['/a', '/b', '/a/%', expect.stringMatching(/^\/%E0/), '/a']),
    );
    expect(hardened.requests.every((r) => r.headers.authorization === 'Bearer t0k3n')).toBe(true);
  });
});

describe('formats', () => {
  it('verbosity 0 prints one code per line', async () => {
    const r = await cli([bare.url, '--verbosity', '0']);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .every((line) => /^[A-Z_]+$/.test(line)),
    ).toBe(true);
    expect(r.stdout).toContain('POWERED_BY_EXPOSED\n');
  });

  it('verbosity 1 groups by URL and check; 2 adds evidence, fixes and skipped checks', async () => {
    const one = await cli([bare.url]);
    expect(one.stdout).toContain(`${bare.url}/\n  hsts\n`);
    expect(one.stdout).toMatch(/▲ warning POWERED_BY_EXPOSED {2}X-Powered-By is sent/);
    expect(one.stdout).not.toContain('seen:');
    expect(one.stdout).toMatch(/Found \d+ errors, \d+ warnings, \d+ info: fails at --fail-on warning/);
    const two = await cli([bare.url, '--verbosity', '2', '--timeout', '5']);
    expect(two.stdout).toContain('seen: X-Powered-By: Express');
    expect(two.stdout).toContain("import { hidePoweredBy } from 'checksecure/middleware';");
    // The blank line between a snippet's import and its use carries no indentation.
    expect(two.stdout).not.toMatch(/[ \t]$/m);
  });

  it('verbosity 1 names each skipped check with its reason, one line each (issue 19)', async () => {
    const noPosts = await serve((req, res) => {
      if (req.method === 'POST') return void res.writeHead(405, { allow: 'GET' }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>read only</p>');
    });
    const [text, json] = await Promise.all([
      cli([noPosts.url, '--fail-on', 'never']),
      cli([noPosts.url, '--fail-on', 'never', '--format', 'json']),
    ]);
    await noPosts.close();
    const skipped = (
      JSON.parse(json.stdout).checks as { name: string; status: string; reason: string }[]
    ).filter((c) => c.status === 'skipped');
    expect(skipped.map((c) => c.name)).toContain('csrf');
    for (const c of skipped) expect(text.stdout).toContain(`\nskipped ${c.name}: ${c.reason}\n`);
    expect(text.stdout).toMatch(/\nskipped csrf: the same-origin POST was refused too \(\/ → 405\)/);
  });

  it('text output has no colour when piped', async () => {
    // eslint-disable-next-line no-control-regex
    expect((await cli([bare.url])).stdout).not.toMatch(/\u001b\[/);
  });

  it('json has exactly the documented shape', async () => {
    const r = await cli([bare.url, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      'version',
      'target',
      'warnings',
      'checks',
      'assumptions',
      'notes',
      'unscanned',
      'pages',
      'durationMs',
    ]);
    expect(Number.isInteger(json.durationMs) && json.durationMs >= 0).toBe(true);
    expect(json.unscanned).toEqual([]);
    expect(json.pages).toEqual([{ url: `${bare.url}/`, via: 'start' }]);
    expect(json.version).toBe(1);
    expect(json.target).toBe(`${bare.url}/`);
    expect(json.warnings[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        check: expect.any(String),
        severity: 'error',
        message: expect.any(String),
        url: expect.any(String),
      }),
    );
    expect(
      json.checks
        .map((c: { status: string }) => c.status)
        .every((s: string) => ['passed', 'warned', 'errored', 'skipped'].includes(s)),
    ).toBe(true);
  });

  it('json carries the assumptions and page notes the text report prints (issue 19)', async () => {
    const wall = await serve((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic' }).end());
    const [json, text] = await Promise.all([
      cli([wall.url, '--format', 'json', '--fail-on', 'never']),
      cli([wall.url, '--fail-on', 'never']),
    ]);
    await wall.close();
    const report = JSON.parse(json.stdout);
    expect(report.version).toBe(1);
    expect(report.assumptions).toEqual([
      'the target sits behind a TLS-terminating proxy: requests carry X-Forwarded-Proto: https (assumeHttps)',
    ]);
    expect(report.notes).toEqual([expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/ answered 401: /)]);
    for (const line of [
      ...report.assumptions.map((a: string) => `assumed: ${a}`),
      `note: ${report.notes[0]}`,
    ])
      expect(text.stdout).toContain(`  ${line}\n`);
    // A site with nothing to note still has the field, so that scripts need no guard.
    expect(JSON.parse((await cli([bare.url, '--format', 'json'])).stdout).notes).toEqual([]);
  });

  it('sarif validates against the SARIF 2.1.0 schema, points at a file and fingerprints stably', async () => {
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    const bareRun = await cli([bare.url, '--format', 'sarif'], { cwd: await scratch() });
    expect(bareRun.stderr).toContain('the SARIF results point at no file');
    const first = JSON.parse(bareRun.stdout);
    expect(validate(first), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = first.runs[0];
    expect(run.tool.driver.rules.length).toBe(
      defaultChecks.reduce((n, c) => n + Object.keys(c.messages).length, 0),
    );
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'HSTS_MISSING');
    expect(rule).toMatchObject({
      shortDescription: { text: expect.any(String) },
      fullDescription: { text: expect.any(String) },
      help: { text: expect.stringContaining('hsts()') },
      properties: { 'security-severity': '8.0' },
    });
    // No fixSource, config file or package.json in that folder: no made-up location, and a word why.
    for (const result of run.results) {
      expect(result.locations).toEqual([]);
      expect(result.message.text).toContain(bare.url);
    }
    const withPackage = await cli([bare.url, '--format', 'sarif'], {
      cwd: await scratch({ 'package.json': '{}' }),
    });
    for (const result of JSON.parse(withPackage.stdout).runs[0].results) {
      const uri = result.locations[0].physicalLocation.artifactLocation.uri;
      expect(uri).toBe('package.json');
      expect(uri).not.toMatch(/^https?:/);
    }
    const second = JSON.parse((await cli([bare.url, '--format', 'sarif'], { cwd: await scratch() })).stdout);
    const prints = (sarif: typeof first) =>
      sarif.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints);
    expect(prints(second)).toEqual(prints(first));
  });

  it('markdown is a table', async () => {
    const r = await cli([bare.url, '--format', 'markdown']);
    expect(r.stdout).toContain('| severity | code | URL | finding | fix |');
    expect(r.stdout).toMatch(/\| 🟠 warning \| `POWERED_BY_EXPOSED` \|/);
  });

  it('github prints one workflow command per code, pointing at package.json where there is one', async () => {
    const r = await cli([bare.url, '--format', 'github']);
    const lines = r.stdout.trim().split('\n');
    expect(
      lines.every((l) =>
        /^::(error|warning|notice) title=[A-Z_]+ \(\w+\),file=package.json,line=1::/.test(l),
      ),
    ).toBe(true);
    const titles = lines.map((l) => /title=([^,]+)/.exec(l)![1]);
    expect(new Set(titles).size).toBe(titles.length);
    const none = await cli([bare.url, '--format', 'github'], { cwd: await scratch() });
    expect(none.stdout).not.toContain('file=');
  });

  it('github groups and caps annotations as the Action does: 10 per level, one kept for the failure', async () => {
    const failing = await cli([manyErrors.url, '--format', 'github']);
    expect(failing.code).toBe(1);
    const errors = failing.stdout.split('\n').filter((l) => l.startsWith('::error'));
    // GitHub adds "Process completed with exit code 1" as the tenth error.
    expect(errors).toHaveLength(9);
    expect(errors.at(-1)).toMatch(/^::error title=\d+ more error codes,/);
    for (const level of ['warning', 'notice'])
      expect(failing.stdout.split('\n').filter((l) => l.startsWith(`::${level}`)).length).toBeLessThanOrEqual(
        10,
      );
    const passing = await cli([manyErrors.url, '--format', 'github', '--fail-on', 'never']);
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(10);
  });
});

describe('hostile header values stay inert in every format', () => {
  it('github: no injected workflow command', async () => {
    const r = await cli([hostile.url, '--format', 'github', '--verbosity', '2']);
    for (const line of r.stdout.trim().split('\n')) expect(line).toMatch(/^::(error|warning|notice) title=/);
    expect(r.stdout).not.toMatch(/\n::error::pwned/);
    expect(r.stdout).toContain('X-Powered-By: x%250A::error::pwned');
  });

  it('markdown: no HTML, no mention, no table breakout', async () => {
    const r = await cli([hostile.url, '--format', 'markdown']);
    expect(r.stdout).toContain(
      'Session cookie session&lt;img/src@&#8203;octocat&#124;&#96;x&#96;&gt; is set without Secure',
    );
    expect(r.stdout).not.toContain('<img');
    expect(r.stdout).not.toMatch(/[^\\]\|`x`/);
    expect(r.stdout).not.toContain('@octocat');
    expect(r.stdout).toContain('@&#8203;octocat');
  });

  it('text: terminal escapes are shown, not obeyed', async () => {
    const r = await cli([hostile.url, '--verbosity', '2']);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u001b\u0007\r]/);
    expect(r.stdout).toContain('\\x1b[31mevil\\x07.js');
    expect(r.stdout).toContain('\\x9b31m');
  });
});
