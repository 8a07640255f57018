import { csrfCheck } from '../src/checks/csrf.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';

/**
 * A cross-site POST to `path` (default `/`) is refused where a same-origin one is accepted.
 * Needs an app, URL or handler: the probe sends both POSTs.
 *
 * @example
 * await expect(app).toBeProtectedFromCsrf('/transfer');
 */
export function toBeProtectedFromCsrf(this: MatcherContext, received: unknown, path = '/') {
  return evaluate(this, received, {
    name: 'toBeProtectedFromCsrf',
    expected: JSON.stringify(path),
    claim: `refuse a cross-site POST to ${path}`,
    checks: [csrfCheck],
    targetOnly: true,
    options: { csrf: { paths: [path] } },
    headers: [],
    // The check skips itself when the same-origin POST is refused too; this matcher says so in
    // its own words, below.
    ignoreSkipped: true,
    async extra(ctx) {
      // The csrf check calls a refused same-origin POST inconclusive; an assertion must not pass on that.
      const { sameOrigin } = await ctx.probe.csrf(path);
      return sameOrigin.status >= 400
        ? [
            `the same-origin POST to ${path} was refused too (${sameOrigin.status}), so protection cannot be judged; assert on an endpoint that accepts POSTs`,
          ]
        : [];
    },
  });
}
