import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';
import { serve, type Served } from '../helpers/server.js';

/** Runs main() in-process with fake streams that can claim to be terminals. */
async function run(argv: string[], tty: { stdout?: boolean; stderr?: boolean } = {}, env: CliIo['env'] = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t), isTTY: tty.stdout ?? false },
    stderr: { write: (t: string) => (stderr += t), isTTY: tty.stderr ?? false },
    env,
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

let bare: Served;
beforeAll(async () => {
  bare = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p>'));
});
afterAll(() => bare.close());

describe('terminal behaviour', () => {
  it('colours the text report on a terminal', async () => {
    // eslint-disable-next-line no-control-regex
    expect((await run([bare.url], { stdout: true })).stdout).toMatch(/\u001b\[31m✖ error/);
  });

  it.each([{ NO_COLOR: '1' }, { TERM: 'dumb' }])('leaves colour out with %j', async (env) => {
    // eslint-disable-next-line no-control-regex
    expect((await run([bare.url], { stdout: true }, env)).stdout).not.toMatch(/\u001b\[/);
  });

  it('writes a progress line to a terminal stderr only, and clears it', async () => {
    const tty = await run([bare.url, '-p', '/a', '-p', '/b'], { stderr: true });
    // eslint-disable-next-line no-control-regex
    expect(tty.stderr).toMatch(/\r\u001b\[2Kchecksecure: 1 requests answered…/);
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true);
    expect((await run([bare.url])).stderr).toBe('');
  });
});

describe('the embedded demo', () => {
  it('the example config scans the demo app in-process and finds its mistakes', async () => {
    const r = await run([
      '--config',
      'examples/checksecure.config.ts',
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const codes = new Set(JSON.parse(r.stdout).warnings.map((w: { code: string }) => w.code));
    for (const code of [
      'HSTS_MISSING',
      'HTTPS_REDIRECT_MISSING',
      'FRAMING_ALLOWED',
      'FRAME_OPTIONS_INVALID',
      'SESSION_COOKIE_INSECURE',
      'CSRF_UNPROTECTED',
      'CSP_UNSAFE_INLINE',
      'REFERRER_POLICY_UNSAFE',
      'CONFIDENTIAL_CACHEABLE',
      'POWERED_BY_EXPOSED',
      'DEBUG_ERRORS_EXPOSED',
      'HOST_HEADER_REFLECTED',
      'CORS_ORIGIN_REFLECTED',
      'SRI_MISSING',
      'XSS_FILTER_ENABLED',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('npm start prints the text report and exits 0 without npm error noise', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        'npm',
        ['start', '--silent'],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^checksecure in-process Express\/Connect app\n/);
    expect(result.stdout).toMatch(/passes at --fail-on never/);
  }, 60_000);
});

describe('a check that could not run is not a pass (issue 19)', () => {
  let hanging: Served;
  beforeAll(async () => {
    // Every header right, and every POST left unanswered: csrf and debug time out.
    hanging = await serve((req, res) => {
      if (req.method === 'POST') return;
      res
        .writeHead(200, { 'content-type': 'text/plain', 'strict-transport-security': 'max-age=63072000' })
        .end('ok');
    });
  });
  afterAll(() => hanging.close());

  it('fails the run, says why in the text report, and on stderr at -v 0', async () => {
    const text = await run([
      hanging.url,
      '-t',
      '1',
      '--fail-on',
      'error',
      '--skip',
      'HTTPS_REDIRECT_MISSING',
    ]);
    expect(text.stdout).toMatch(/errored csrf: no complete answer within 1 s/);
    expect(text.stdout).toMatch(/fails: \d checks could not run/);
    expect(text.code).toBe(1);
    const quiet = await run([
      hanging.url,
      '-t',
      '1',
      '-v',
      '0',
      '--fail-on',
      'error',
      '--skip',
      'HTTPS_REDIRECT_MISSING',
    ]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain('checksecure: the csrf check errored: no complete answer within 1 s');
    // fail-on never reports and passes.
    expect((await run([hanging.url, '-t', '1', '--fail-on', 'never'])).code).toBe(0);
  });

  it('is said on stderr at every verbosity and in every format, and in the format itself', async () => {
    const base = [hanging.url, '-t', '1', '--fail-on', 'error', '--skip', 'HTTPS_REDIRECT_MISSING'];
    const [json, sarif, github, verbose] = await Promise.all([
      run([...base, '-f', 'json']),
      run([...base, '-f', 'sarif']),
      run([...base, '-f', 'github']),
      run([...base, '-v', '2']),
    ]);
    for (const result of [json, sarif, github, verbose]) {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('checksecure: the csrf check errored: no complete answer within 1 s');
    }
    expect(JSON.parse(json.stdout).checks).toContainEqual(
      expect.objectContaining({ name: 'csrf', status: 'errored' }),
    );
    const invocation = JSON.parse(sarif.stdout).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications).toContainEqual(
      expect.objectContaining({ level: 'error', descriptor: { id: 'csrf' } }),
    );
    expect(github.stdout).toMatch(
      /^::error title=\d checks could not run \(checksecure\)::.*csrf: no complete answer within 1 s/m,
    );
  });
});
