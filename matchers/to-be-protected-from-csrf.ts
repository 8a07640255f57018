import { csrfCheck } from '../src/checks/csrf.js';
import type { CsrfSameOrigin } from '../src/core/types.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { noMoreArguments, optionFail, optionsObject } from './validate-options.js';

export interface CsrfExpectation {
  /**
   * What only the same-origin POST carries, for an app that checks an anti-CSRF token: the token
   * (`{ headers?, form? }`), or a function that GETs the form page for a fresh one.
   */
  sameOrigin?: CsrfSameOrigin;
}

/**
 * A cross-site POST to `path` (default `/`) is refused where a same-origin one succeeds. Needs an
 * app, URL or handler: the probe sends both POSTs. An app that checks a token gets it through
 * `sameOrigin`, for the same-origin POST only.
 *
 * @example
 * await expect(app).toBeProtectedFromCsrf('/transfer');
 * await expect(app).toBeProtectedFromCsrf('/transfer', {
 *   sameOrigin: async ({ get }) => ({ form: { _csrf: readToken((await get('/transfer')).body) } }),
 * });
 */
export function toBeProtectedFromCsrf(
  this: MatcherContext,
  received: unknown,
  path = '/',
  expected?: CsrfExpectation,
  ...extra: unknown[]
) {
  noMoreArguments('toBeProtectedFromCsrf', extra, 'a path and { sameOrigin }');
  if (typeof path !== 'string' || !path.startsWith('/') || /[\s\0]/.test(path)) {
    // A full URL here is the common slip: the received app or URL already names the origin.
    const meant = typeof path === 'string' && URL.canParse(path) ? new URL(path).pathname : '/transfer';
    optionFail(
      'toBeProtectedFromCsrf: path',
      path,
      `must be a path that starts with "/" and has no spaces or line breaks, e.g. ${JSON.stringify(meant)}`,
    );
  }
  const options = optionsObject(
    'toBeProtectedFromCsrf',
    expected,
    ['sameOrigin'],
    '{ sameOrigin: { form: { _csrf: token } } }',
  );
  const sameOrigin = options.sameOrigin as CsrfSameOrigin | undefined;
  return evaluate(this, received, {
    name: 'toBeProtectedFromCsrf',
    // The token is a secret: the hint names the option, never its value.
    expected: `${JSON.stringify(path)}${sameOrigin ? ', { sameOrigin }' : ''}`,
    claim: `refuse a cross-site POST to ${path}`,
    checks: [csrfCheck],
    targetOnly: true,
    options: { csrf: { paths: [path], ...(sameOrigin ? { sameOrigin } : {}) } },
    // A same-origin POST refused too, or an answer that shows no refusal, is inconclusive: the
    // check skips itself, with what it saw, and a skipped check fails the matcher rather than
    // passing it.
    headers: [],
  });
}
