import { HSTS_MIN_MAX_AGE, hstsCheck } from '../src/checks/hsts.js';
import { parseHsts } from '../src/headers/hsts.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { booleanOption, noMoreArguments, optionFail, optionsObject } from './validate-options.js';

export interface HstsExpectation {
  /** The least max-age accepted, in seconds. Default 15552000 (180 days). */
  maxAge?: number;
  /** Require includeSubDomains. */
  includeSubDomains?: boolean;
  /** Require preload (and what preloading needs). */
  preload?: boolean;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/** "1 year", "180 days", "31536000": the seconds a mistaken maxAge most likely meant. */
function secondsMeant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+)\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?|y|years?)?\s*$/i.exec(
    value,
  );
  if (!match) return undefined;
  const unit =
    match[2] === undefined
      ? 's'
      : match[2].toLowerCase().startsWith('min')
        ? 'm'
        : match[2][0]!.toLowerCase();
  const seconds = Number(match[1]) * UNIT_SECONDS[unit]!;
  return Number.isSafeInteger(seconds) && seconds >= 1 ? seconds : undefined;
}

function validExpectation(expected: unknown): HstsExpectation {
  const options = optionsObject(
    'toHaveHsts',
    expected,
    ['maxAge', 'includeSubDomains', 'preload'],
    '{ maxAge: 31536000, includeSubDomains: true }',
  );
  const { maxAge } = options;
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 1)) {
    const meant = secondsMeant(maxAge);
    optionFail(
      'toHaveHsts: maxAge',
      maxAge,
      `must be a whole number of seconds from 1 (max-age=0 tells browsers to drop HSTS)${meant === undefined ? ', e.g. 31536000 for a year' : ` (did you mean ${meant}?)`}`,
    );
  }
  booleanOption('toHaveHsts: includeSubDomains', options.includeSubDomains);
  booleanOption('toHaveHsts: preload', options.preload);
  return options as HstsExpectation;
}

/**
 * The response sends a valid Strict-Transport-Security with max-age of at least `maxAge`.
 *
 * @example
 * expect(res).toHaveHsts({ maxAge: 31536000, includeSubDomains: true });
 */
export function toHaveHsts(
  this: MatcherContext,
  received: unknown,
  options?: HstsExpectation,
  ...extra: unknown[]
) {
  noMoreArguments('toHaveHsts', extra, 'one options object');
  const expected = validExpectation(options);
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
