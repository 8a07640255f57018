import { expect } from 'vitest';
import type { Target } from '../../src/probe/target.js';
import { runChecks } from '../../src/scan.js';

const serious = async (target: Target) =>
  (await runChecks(target)).filter((w) => w.severity !== 'info').map((w) => w.code);

/**
 * What an adapter's tests prove first: the bare app (a session cookie, a form POST, an inline
 * script) shows the usual codes, and the same app with secure() mounted nothing at warning or above.
 */
export async function expectSecureFixes(bare: Target, hardened: Target): Promise<void> {
  const found = await serious(bare);
  for (const code of [
    'CSP_MISSING',
    'CSRF_UNPROTECTED',
    'FRAMING_ALLOWED',
    'HSTS_MISSING',
    'SESSION_COOKIE_INSECURE',
  ])
    expect(found).toContain(code);
  expect(await serious(hardened)).toEqual([]);
}
