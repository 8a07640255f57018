import type { BrowserContext, ExpectMatcherState, MatcherReturnType, Page } from '@playwright/test';
import { noMoreArguments } from '../matchers/validate-options.js';
import { collectorOf } from './collector.js';
import { expectationOptions } from './expectation-options.js';
import type { BrowserCspViolation, CspViolationFilter, CspViolationsExpectation } from './types.js';

const MATCHER = 'toHaveNoCspViolations';

const NOT_ATTACHED = `${MATCHER}: no CSP collector is attached to this page's browser context, so its violations cannot be seen. Use the test of checksecure/playwright (import { test, expect } from 'checksecure/playwright'), or test.extend(cspFixtures) on a test of your own, and its page or context; for a context the test creates itself, call await collectCspViolations(context) before opening its first page`;

const isPage = (value: unknown): value is Page =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Page).mainFrame === 'function' &&
  typeof (value as Page).context === 'function';
const isContext = (value: unknown): value is BrowserContext =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BrowserContext).newPage === 'function' &&
  typeof (value as BrowserContext).pages === 'function';

function ignored(filter: CspViolationFilter, violation: BrowserCspViolation): boolean {
  if (typeof filter === 'string')
    return violation.blockedURI.startsWith(filter) || violation.directive === filter;
  if (filter instanceof RegExp) {
    // A /g or /y RegExp keeps lastIndex between tests: a reset makes each violation's test the same.
    filter.lastIndex = 0;
    const uri = filter.test(violation.blockedURI);
    filter.lastIndex = 0;
    return uri || filter.test(violation.directive);
  }
  return filter(violation) === true;
}

/** `script-src-elem: inline blocked, in http://site/page (line 3, column 5)`: one line to act on. */
function describe(v: BrowserCspViolation): string {
  // Not file:line:column: Playwright would take that line of the message for a stack frame.
  const where = v.sourceFile
    ? `${v.sourceFile} (line ${v.line}, column ${v.column})`
    : v.documentURL || v.pageURL;
  const blocked = v.blockedURI || 'something';
  const sample = v.sample ? ` (${JSON.stringify(v.sample)})` : '';
  const how = v.disposition === 'report' ? 'reported by a Report-Only policy' : 'blocked';
  return `${v.directive}: ${blocked}${sample} ${how}, in ${where || 'an unknown document'}`;
}

function hint(violations: readonly BrowserCspViolation[]): string[] {
  const hints = new Set<string>();
  for (const v of violations) {
    if (v.directive.endsWith('-attr'))
      hints.add(
        'an inline handler (onclick=…) or style= attribute: attach the listener from a script with the nonce, or move the style to a stylesheet',
      );
    else if (v.blockedURI === 'inline')
      hints.add(
        "inline code: give the <script> or <style> the response's nonce (res.locals.cspNonce with secure()), or list its hash",
      );
    else if (v.blockedURI === 'eval' || v.blockedURI === 'wasm-eval')
      hints.add('eval, new Function or a string to setTimeout: pass a function instead');
    else if (v.directive === 'frame-ancestors')
      hints.add(
        'frame-ancestors: the framed page refuses this parent; allow it there, through cspDirectives({ frameAncestors: [...] })',
      );
    else
      hints.add(
        `a URL: if the page needs it, allow its host in the directive (secure({ contentSecurityPolicy: { directives: { … } } })); a script can also be loaded by a script with the nonce under 'strict-dynamic'`,
      );
  }
  hints.add('a violation you accept: toHaveNoCspViolations({ ignore: [...] })');
  return [...hints].map((h) => `  - ${h}`);
}

/**
 * Passes when the page (or every page of the context) met no CSP violation, after waiting for
 * those the browser had still to deliver. Under `.not` it passes when there was at least one.
 * Fails, rather than passing, for a page no collector watches.
 *
 * @example
 * await page.goto('/checkout');
 * await expect(page).toHaveNoCspViolations({ ignore: ['https://www.googletagmanager.com/'] });
 */
export async function toHaveNoCspViolations(
  this: ExpectMatcherState,
  received: Page | BrowserContext,
  options?: CspViolationsExpectation,
): Promise<MatcherReturnType> {
  // Not a rest parameter: that would type extra arguments as allowed in every expect(page) call.
  // eslint-disable-next-line prefer-rest-params
  noMoreArguments(MATCHER, [...arguments].slice(2), 'one options object');
  const { ignore, disposition } = expectationOptions(options);
  let context: BrowserContext;
  if (isPage(received)) context = received.context();
  else if (isContext(received)) context = received;
  else
    throw new TypeError(
      `${MATCHER}: expect() must be given a Playwright Page or BrowserContext, not ${typeof received}`,
    );
  const collector = collectorOf(context);
  if (!collector) throw new Error(NOT_ATTACHED);
  const pages = isPage(received) ? [received] : context.pages();
  // Playwright's expect timeout (5 s unless configured) bounds the wait, as for its own matchers.
  try {
    await collector.flush(pages, this.timeout > 0 ? this.timeout : undefined);
  } catch (error) {
    // Thrown, not a failed match: under .not a page that could not be judged must not pass.
    throw new Error(`${MATCHER}: ${(error as Error).message}`, { cause: error });
  }
  const seen = isPage(received) ? collector.violationsOf(received) : [...collector.violations];
  const found = seen.filter(
    (v) => (disposition === 'any' || v.disposition === disposition) && !ignore.some((f) => ignored(f, v)),
  );
  const subject = isPage(received)
    ? `the page ${received.url()}`
    : `the ${pages.length} page(s) of the context`;
  const left = seen.length - found.length;
  const aside = left > 0 ? ` (${left} more ignored by the options)` : '';
  return {
    name: MATCHER,
    pass: found.length === 0,
    expected: this.isNot ? 'at least one CSP violation' : 'no CSP violation',
    actual: found,
    message: () =>
      this.isNot
        ? `expect(${isPage(received) ? 'page' : 'context'}).not.${MATCHER}()\n\nExpected at least one CSP violation on ${subject}, and there was none${aside}.`
        : [
            `expect(${isPage(received) ? 'page' : 'context'}).${MATCHER}()`,
            '',
            `${found.length} CSP violation${found.length === 1 ? '' : 's'} on ${subject}${aside}:`,
            ...found.map((v) => `  - ${describe(v)}`),
            '',
            'Hint: what to change for each kind:',
            ...hint(found),
          ].join('\n'),
  };
}
