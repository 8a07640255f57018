import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const run = promisify(execFile);

/**
 * Compile-only type tests, one TypeScript program per runner with its own `types`, so that
 * Jest's globals cannot make a Vitest test type-check by accident (or the reverse). Each file
 * holds @ts-expect-error lines, so wrong option types must be rejected for the program to pass.
 */
describe('matcher types', () => {
  // express: the middleware's augmentation of Express's Request (req.cspNonce).
  it.each(['vitest4', 'vitest5', 'jest', 'express'])(
    'type-check for %s',
    async (runner) => {
      const result = await run(
        process.execPath,
        [`${ROOT}/node_modules/typescript/bin/tsc`, '-p', `test/types/${runner}/tsconfig.json`],
        { cwd: ROOT },
      ).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
      expect(result.stdout).toBe('');
      expect('failed' in result).toBe(false);
    },
    120_000,
  );
});
