import { csrfCheck } from '../src/checks/csrf.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments, optionFail } from './validate-options.js';

/**
 * A cross-site POST to `path` (default `/`) is refused where a same-origin one is accepted.
 * Needs an app, URL or handler: the probe sends both POSTs.
 *
 * @example
 * await expect(app).toBeProtectedFromCsrf('/transfer');
 */
export function toBeProtectedFromCsrf(
  this: MatcherContext,
  received: unknown,
  path = '/',
  ...extra: unknown[]
) {
  noMoreArguments('toBeProtectedFromCsrf', extra, 'one path');
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s\0]/.test(path)) {
    // A full URL here is the common slip: the received app or URL already names the origin.
    const meant = typeof path === 'string' && URL.canParse(path) ? new URL(path).pathname : '/transfer';
    optionFail(
      'toBeProtectedFromCsrf: path',
      path,
      `must be a path that starts with "/" and has no spaces or line breaks, e.g. ${JSON.stringify(meant)}`,
    );
  }
  return evaluate(this, received, {
    name: 'toBeProtectedFromCsrf',
    expected: JSON.stringify(path),
    claim: `refuse a cross-site POST to ${path}`,
    checks: [csrfCheck],
    targetOnly: true,
    options: { csrf: { paths: [path] } },
    // A same-origin POST refused too is inconclusive: the check skips itself, with the statuses
    // it saw, and a skipped check fails the matcher rather than passing it.
    headers: [],
  });
}
