import { describe, expect, it } from 'vitest';
import { serve } from '../helpers/server.js';
import { ConfigError } from '../../src/core/errors.js';
import { scan } from '../../src/core/scan.js';
import { cli, scratch } from '../helpers/cli.js';

// One definition of each option: the same value in a config file (loaded by the CLI, as a user
// runs it) and in scan() is accepted or refused alike, with the same message. Nothing listens
// on the target: every value here must be refused before any request.
const TARGET = 'http://127.0.0.1:9/';
const SECRET = 's3cret-Value-0x5f';

const rows: [string, Record<string, unknown>, string][] = [
  [
    'a fraction of bytes',
    { maxBodyBytes: 1.5 },
    'maxBodyBytes: 1.5 must be a whole number from 0 to 67108864',
  ],
  ['a fraction of a request', { concurrency: 2.5 }, 'concurrency: 2.5 must be a whole number from 1 to 256'],
  [
    'a fraction of a redirect',
    { maxRedirects: 2.5 },
    'maxRedirects: 2.5 must be a whole number from 0 to 50',
  ],
  ['no time at all', { timeout: 0 }, 'timeout: 0 must be a number from 0.001 to 600'],
  ['time as text', { timeout: 'soon' }, 'timeout: "soon" must be a number from 0.001 to 600'],
  [
    'a relative path',
    { paths: ['admin'] },
    'paths.0: "admin" must be a path that starts with "/" and has no spaces or control characters',
  ],
  ['no paths', { paths: [] }, 'paths: [] must be a non-empty array of paths'],
  [
    'a cookie name as a string',
    { sessionCookies: 'sid' },
    'sessionCookies: "sid" must be an array of cookie names',
  ],
  [
    'a relative confidential path',
    { confidentialPaths: ['account'] },
    'confidentialPaths.0: "account" must be a path that starts with "/" and has no spaces or control characters',
  ],
  [
    'a relative CSRF path',
    { csrf: { paths: ['x'] } },
    'csrf.paths.0: "x" must be a path that starts with "/" and has no spaces or control characters',
  ],
  ['a misspelt CSRF key', { csrf: { path: ['/x'] } }, 'csrf.path is not an option (did you mean paths?)'],
  ['a misspelt option', { tiemout: 5 }, 'tiemout is not an option (did you mean timeout?)'],
  ['assumeHttps as text', { assumeHttps: 'yes' }, 'assumeHttps: "yes" must be true or false'],
  [
    'an unknown code',
    { skip: ['NOT_A_CODE'] },
    'skip.0: "NOT_A_CODE" is not a code of any enabled check (see --list)',
  ],
  [
    'a misspelt code',
    { skip: ['HSTS_MISING'] },
    'skip.0: "HSTS_MISING" is not a code of any enabled check (see --list) (did you mean HSTS_MISSING?)',
  ],
  [
    'something else as a check',
    { checks: [42] },
    'checks.0: 42 must be a check (defineCheck(...) or a function with messages)',
  ],
  [
    'options of a check that does not exist',
    { checkOptions: { hstss: { minMaxAge: 1 } } },
    'checkOptions.hstss is not an enabled check (did you mean hsts?)',
  ],
  [
    'a check option of the wrong type',
    { checkOptions: { hsts: { minMaxAge: '1y' } } },
    'checkOptions.hsts.minMaxAge: "1y" must be a whole number from 0',
  ],
  [
    'a misspelt check option',
    { checkOptions: { hsts: { minmaxage: 1 } } },
    'checkOptions.hsts.minmaxage is not an option (did you mean minMaxAge?)',
  ],
  [
    'a header value with a line break',
    { headers: { 'X-Token': `a\n${SECRET}` } },
    'headers.X-Token: the value must be a string without CR, LF, NUL or other control characters (it is not shown, as it may hold a secret)',
  ],
  [
    'a header value with a control character',
    { headers: { Authorization: `Bearer ${SECRET}\u0001` } },
    'headers.Authorization: the value must be a string without CR, LF, NUL or other control characters (it is not shown, as it may hold a secret)',
  ],
  [
    'a header value that is not a string',
    { headers: { Cookie: 42 } },
    'headers.Cookie: the value must be a string without CR, LF, NUL or other control characters (it is not shown, as it may hold a secret)',
  ],
  [
    'a secret where the header name goes',
    { headers: { Accept: 'text/html', [`Bearer ${SECRET}`]: '' } },
    "headers #2: the name is not a valid header name (letters, digits and !#$%&'*+-.^_`|~; it is not shown, as it may hold a secret)",
  ],
  [
    'headers as one line of text',
    { headers: `Authorization: Bearer ${SECRET}` },
    "headers: must be an object of header names and values, e.g. { Cookie: 'sid=…' } (what was given is not shown, as it may hold a secret)",
  ],
];

async function scanMessage(options: Record<string, unknown>): Promise<string> {
  const error = await scan(TARGET, options as never).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe('a config file and scan() accept and refuse options alike, with the same message', () => {
  it.each(rows)('%s', async (_name, options, message) => {
    expect(await scanMessage(options)).toBe(message);
    const dir = await scratch({ 'checksecure.config.json': JSON.stringify({ target: TARGET, ...options }) });
    const run = await cli([], { cwd: dir });
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: `checksecure: checksecure.config.json: ${message}\n`,
    });
    for (let n = 6; n <= SECRET.length; n++) {
      expect(message).not.toContain(SECRET.slice(0, n));
      expect(run.stdout + run.stderr).not.toContain(SECRET.slice(0, n));
    }
  });

  it('failOn, the config file’s own, names the value meant', async () => {
    const dir = await scratch({
      'checksecure.config.json': JSON.stringify({ target: TARGET, failOn: 'warnings' }),
    });
    const run = await cli([], { cwd: dir });
    expect(run.stderr).toBe(
      'checksecure: checksecure.config.json: failOn: "warnings" must be one of error, warning, info, never (did you mean warning?)\n',
    );
  });

  it('the options of a check that is not enabled are refused, in a config as in scan()', async () => {
    const message = 'checkOptions.hsts is not an enabled check';
    const { noSniffCheck } = await import('../../src/checks/no-sniff.js');
    expect(await scanMessage({ checks: [noSniffCheck], checkOptions: { hsts: { minMaxAge: 1 } } })).toBe(
      message,
    );
    const dir = await scratch({
      'checksecure.config.mjs': `import { defaultChecks } from 'checksecure';
export default {
  target: '${TARGET}',
  checks: defaultChecks.filter((check) => check.name === 'noSniff'),
  checkOptions: { hsts: { minMaxAge: 1 } },
};
`,
    });
    const run = await cli([], { cwd: dir });
    expect(run.stderr).toBe(`checksecure: checksecure.config.mjs: ${message}\n`);
  });

  it('values both accept are accepted by both: the scan runs', async () => {
    const options = {
      paths: ['/', '/a'],
      timeout: 0.5,
      maxBodyBytes: 1024,
      concurrency: 2,
      checkOptions: { hsts: { minMaxAge: 31536000 } },
      headers: { Cookie: 'sid=1', 'X-Token': 'a\tb' },
    };
    // Nothing listens: the scan gets as far as the first request, which is a target error.
    await expect(scan(TARGET, options)).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:9\/: /);
    const dir = await scratch({ 'checksecure.config.json': JSON.stringify({ target: TARGET, ...options }) });
    const run = await cli([], { cwd: dir });
    expect(run.stderr).toMatch(/^checksecure: GET http:\/\/127\.0\.0\.1:9\/: /);
  });

  it('onProgress, a scan() option, is an option of a JS config too, and the CLI calls it', async () => {
    const site = await serve((_req, res) => res.end('ok'));
    try {
      const dir = await scratch({
        'checksecure.config.mjs': `export default {
  target: '${site.url}',
  failOn: 'never',
  onProgress: (done) => process.stderr.write(\`answered \${done}\\n\`),
};
`,
      });
      const run = await cli(['--verbosity', '0'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^answered 1\n(answered \d+\n)+$/);
    } finally {
      await site.close();
    }
  });
});

describe("the config file's own keys given to scan()", () => {
  it.each(['failOn', 'fixSource', 'target', 'app'])('%s says where it belongs', async (key) => {
    expect(await scanMessage({ [key]: 'warning' })).toMatch(
      new RegExp(
        `^${key} is an option of the config file and the CLI, not of scan\\(\\) and runChecks\\(\\)`,
      ),
    );
  });
});
