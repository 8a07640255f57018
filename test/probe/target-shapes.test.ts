import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TargetError } from '../../src/core/errors.js';
import { scan } from '../../src/core/scan.js';
import { ROOT } from '../helpers/cli.js';

describe('the Target type and its runtime check say which shapes scan() takes (issue 19)', () => {
  it('type-checks every kind of target with the frameworks’ own types, and refuses misspelt shapes', async () => {
    // test/types/targets holds @ts-expect-error lines: `{ ur }` compiled while Target ended in `| object`.
    const result = await promisify(execFile)(
      process.execPath,
      [`${ROOT}/node_modules/typescript/bin/tsc`, '-p', 'test/types/targets/tsconfig.json'],
      { cwd: ROOT },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
    expect('failed' in result).toBe(false);
  }, 120_000);

  it('an unknown object is refused with the nearest key and every accepted shape', async () => {
    const error = await scan({ ur: 'https://staging.example.com' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toBe(
      'target: an object with keys ur is not a URL, an app, a fetch handler or a response (did you mean { url }?); accepted: a URL string or URL, { url }, an Express/Connect app, a (req, res) listener, an http.Server, a Fastify, Koa or hapi app, { app }, a fetch handler, { fetch } or an object with a fetch method (a Hono app), a response with status and headers, or { response }',
    );
  });
});
