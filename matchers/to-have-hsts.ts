import { HSTS_MIN_MAX_AGE, hstsCheck } from '../src/checks/hsts.js';
import { parseHsts } from '../src/headers/hsts.js';
import type { PartFix } from '../src/core/types.js';
import { evaluate, isTargetInput } from './evaluate.js';
import { requestScheme } from './request-scheme.js';
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

const PLAIN_HTTP =
  "and HSTS is only sent over HTTPS: browsers ignore it on http://, so secure() and hsts() send it only on HTTPS requests. Send the request as a TLS-terminating proxy would, with .set('X-Forwarded-Proto', 'https') (hsts() trusts it unless trustProxy: false), or pass the app itself: await expect(app).toHaveHsts(), which requests it as HTTPS";

const PRELOAD_FIX: PartFix = { part: 'hsts', options: { preload: true } };

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
  return options;
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
  // A plain-HTTP request rightly gets no HSTS (browsers ignore it there, and secure() sends it
  // only over HTTPS): the check's "The HTTPS response has no Strict-Transport-Security" would
  // send the user after a bug they may not have.
  const scheme = isTargetInput(received) ? undefined : requestScheme(received);
  const plain = scheme === 'http';
  let missingOnPlain = false;
  return evaluate(this, received, {
    name: 'toHaveHsts',
    expected: Object.keys(expected).length ? JSON.stringify(expected) : '',
    claim: `send a valid Strict-Transport-Security header with max-age of at least ${expected.maxAge ?? HSTS_MIN_MAX_AGE}`,
    checks: [hstsCheck],
    options: { checkOptions: { hsts: { minMaxAge: expected.maxAge ?? HSTS_MIN_MAX_AGE } } },
    fails: (code, severity) =>
      !(plain && code === 'HSTS_MISSING') &&
      (severity !== 'info' || (code === 'HSTS_NO_SUBDOMAINS' && expected.includeSubDomains === true)),
    headers: ['strict-transport-security'],
    extra: (ctx) => {
      const problems: string[] = [];
      const missing = ctx.pages.some((page) => !page.headers['strict-transport-security']);
      missingOnPlain = missing && plain;
      if (missingOnPlain)
        problems.push(
          `HSTS_MISSING: The response has no Strict-Transport-Security header, but the request was plain HTTP, ${PLAIN_HTTP}. If the app sends none over HTTPS either, add hsts()`,
        );
      else if (missing && scheme === undefined && ctx.pages.some((page) => page.url.startsWith('http:')))
        problems.push(
          `if the request to this http:// URL had no X-Forwarded-Proto: https, it was plain HTTP, ${PLAIN_HTTP}`,
        );
      if (
        expected.preload &&
        ctx.pages.some(
          (page) =>
            page.headers['strict-transport-security'] &&
            !parseHsts(page.headers['strict-transport-security']).preload,
        )
      )
        problems.push('preload is missing');
      return problems;
    },
    // Read once the checks have run: the fix for the problem this response has.
    get fix() {
      return missingOnPlain ? hstsCheck.messages.HSTS_MISSING?.fix : PRELOAD_FIX;
    },
  });
}
