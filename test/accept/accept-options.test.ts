import { describe, expect, it } from 'vitest';
import { ConfigError, defineCheck, scan } from '../../src/index.js';
import { validateConfig } from '../../src/config/schema.js';
import { cli, scratch } from '../helpers/cli.js';

// No request is sent: every refusal happens at setup, before the target is opened.
const TARGET = 'http://127.0.0.1:9/';
const refusal = async (accept: unknown) =>
  scan(TARGET, { accept } as never).then(
    () => 'accepted',
    (error: unknown) => {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    },
  );

describe('accept is validated at setup, each message starting with where the value is', () => {
  it.each([
    [{}, 'accept: {} must be an array of acceptances ({ code, paths?, reason, until? })'],
    [['HSTS_MISSING'], 'accept.0: "HSTS_MISSING" must be an object'],
    [[{ reason: 'r' }], 'accept.0.code is required: the warning code accepted'],
    [[{ code: 'HSTS_MISSING' }], 'accept.0.reason is required: say why the finding is accepted'],
    [
      [{ code: 'HSTS_MISSING', reason: '' }],
      'accept.0.reason: "" must say why the finding is accepted (a non-empty string)',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: '   ' }],
      'accept.0.reason: "   " must say why the finding is accepted (a non-empty string)',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'ok\n::error::forged' }],
      'accept.0.reason: "ok\\n::error::forged" must be one line of text, without line breaks or control characters',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'ok\r' }],
      'accept.0.reason: "ok\\r" must be one line of text, without line breaks or control characters',
    ],
    [
      [{ code: 'lower case', reason: 'r' }],
      'accept.0.code: "lower case" must be a warning code (letters, digits, "_", "." or "-")',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: '2026-02-30' }],
      'accept.0.until: "2026-02-30" is not a date of the calendar',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: '2026-13-01' }],
      'accept.0.until: "2026-13-01" is not a date of the calendar',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: '2025-02-29' }],
      'accept.0.until: "2025-02-29" is not a date of the calendar',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: '30/11/2026' }],
      'accept.0.until: "30/11/2026" must be a date written YYYY-MM-DD',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: '2026-1-5' }],
      'accept.0.until: "2026-1-5" must be a date written YYYY-MM-DD',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', until: 20261130 }],
      'accept.0.until: 20261130 must be a date written YYYY-MM-DD',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', paths: ['legacy/**'] }],
      'accept.0.paths.0: "legacy/**" must be a glob on the URL path that starts with "/" (e.g. "/legacy/**")',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', paths: ['!/admin/**'] }],
      'accept.0.paths.0: "!/admin/**" must be a glob on the URL path that starts with "/" (e.g. "/legacy/**")',
    ],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', paths: [] }],
      'accept.0.paths: [] must be a non-empty array of globs on the URL path',
    ],
    [[{ code: 'HSTS_MISSING', resaon: 'r' }], 'accept.0.resaon is not an option (did you mean reason?)'],
    [
      [{ code: 'HSTS_MISSING', reason: 'r', util: '2026-01-01' }],
      'accept.0.util is not an option (did you mean until?)',
    ],
  ])('%j is refused', async (accept, message) => {
    expect(await refusal(accept)).toBe(message);
  });

  it('an unknown code is refused with the nearest code of the enabled checks', async () => {
    expect(
      await refusal([
        { code: 'HSTS_MISSING', reason: 'r' },
        { code: 'HSTS_MISING', reason: 'r' },
      ]),
    ).toBe(
      'accept.1.code: "HSTS_MISING" is not a code of any enabled check (see --list) (did you mean HSTS_MISSING?)',
    );
  });

  it('a code both skipped and accepted is refused, naming both: skip drops it, so the acceptance would accept nothing', async () => {
    await expect(
      scan(TARGET, {
        skip: ['CSP_NO_REPORTING', 'HSTS_MISSING'],
        accept: [{ code: 'HSTS_MISSING', reason: 'the CDN sets it' }],
      }),
    ).rejects.toThrow(
      'accept.0.code: "HSTS_MISSING" is also in skip (skip.1), which drops the finding before it can be accepted: keep one of the two',
    );
  });

  it('codes are those of the enabled checks: a custom check’s code is accepted, a default one absent from `checks` is not', async () => {
    const mine = defineCheck({ name: 'mine', messages: { MINE_SEEN: 'seen' }, run: () => [] });
    const options = { checks: [mine], paths: ['/'], timeout: 0.5 };
    await expect(
      scan(TARGET, { ...options, accept: [{ code: 'MINE_SEEN', reason: 'r' }] }),
    ).rejects.not.toBeInstanceOf(ConfigError);
    await expect(
      scan(TARGET, { ...options, accept: [{ code: 'HSTS_MISSING', reason: 'r' }] }),
    ).rejects.toThrow('accept.0.code: "HSTS_MISSING" is not a code of any enabled check (see --list)');
  });

  it('a valid list is taken, a leap day included', () => {
    expect(
      validateConfig(
        {
          accept: [
            {
              code: 'HSTS_MISSING',
              reason: 'the CDN sets it',
              until: '2028-02-29',
              paths: ['/legacy/**', '/old/*.html'],
            },
          ],
        },
        'checksecure.config.json',
      ).accept,
    ).toHaveLength(1);
  });
});

describe('accept in config files: JSON, JS and TS alike', () => {
  it.each([
    ['json', (body: string) => body],
    ['mjs', (body: string) => `export default ${body};`],
    [
      'ts',
      (body: string) =>
        `import type { Acceptance } from 'checksecure';\nconst accept: Acceptance[] = ${body}.accept;\nexport default { target: ${JSON.stringify(TARGET)}, accept };`,
    ],
  ])(
    'checksecure.config.%s with a misspelt code fails with the file, the place and the nearest code',
    async (ext, write) => {
      const body = JSON.stringify({ target: TARGET, accept: [{ code: 'HSTS_MISING', reason: 'r' }] });
      const dir = await scratch({ [`checksecure.config.${ext}`]: write(body) });
      const r = await cli(['--format', 'json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `checksecure: checksecure.config.${ext}: accept.0.code: "HSTS_MISING" is not a code of any enabled check (see --list) (did you mean HSTS_MISSING?)\n`,
      );
    },
  );
});
