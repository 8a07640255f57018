import { HSTS_MIN_MAX_AGE, hstsCheck } from '../src/checks/hsts.js';
import { parseHsts } from '../src/headers/hsts.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';

export interface HstsExpectation {
  /** The least max-age accepted, in seconds. Default 15552000 (180 days). */
  maxAge?: number;
  /** Require includeSubDomains. */
  includeSubDomains?: boolean;
  /** Require preload (and what preloading needs). */
  preload?: boolean;
}

/**
 * The response sends a valid Strict-Transport-Security with max-age of at least `maxAge`.
 *
 * @example
 * expect(res).toHaveHsts({ maxAge: 31536000, includeSubDomains: true });
 */
export function toHaveHsts(this: MatcherContext, received: unknown, expected: HstsExpectation = {}) {
  return evaluate(this, received, {
    name: 'toHaveHsts',
    expected: Object.keys(expected).length ? JSON.stringify(expected) : '',
    claim: `send a valid Strict-Transport-Security header with max-age of at least ${expected.maxAge ?? HSTS_MIN_MAX_AGE}`,
    checks: [hstsCheck],
    options: { checkOptions: { hsts: { minMaxAge: expected.maxAge ?? HSTS_MIN_MAX_AGE } } },
    fails: (code, severity) =>
      severity !== 'info' || (code === 'HSTS_NO_SUBDOMAINS' && expected.includeSubDomains === true),
    headers: ['strict-transport-security'],
    extra: (ctx) =>
      expected.preload &&
      ctx.pages.some(
        (page) =>
          page.headers['strict-transport-security'] &&
          !parseHsts(page.headers['strict-transport-security']).preload,
      )
        ? ['preload is missing']
        : [],
    fix: {
      middleware: 'hsts()',
      snippet: "import { hsts } from 'checksecure/middleware';\n\napp.use(hsts({ preload: true }));",
    },
  });
}
