/**
 * checksecure/playwright: CSP violations as Playwright test failures.
 *
 * @example
 * import { test, expect } from 'checksecure/playwright';
 * test('checkout loads no script the policy refuses', async ({ page }) => {
 *   await page.goto('/checkout');
 *   await expect(page).toHaveNoCspViolations();
 * });
 */
import { expect as baseExpect, test as baseTest } from '@playwright/test';
import { cspFixtures, type CspFixtures } from './fixtures.js';
import { toHaveNoCspViolations } from './to-have-no-csp-violations.js';

/**
 * The matchers, for `expect.extend(cspMatchers)` on an expect of your own.
 *
 * @example
 * import { expect as base } from '@playwright/test';
 * export const expect = base.extend(cspMatchers);
 */
export const cspMatchers = { toHaveNoCspViolations };

/** @playwright/test's `test`, whose context reports every CSP violation (see {@link cspFixtures}). */
export const test = baseTest.extend<CspFixtures>(cspFixtures);

/** @playwright/test's `expect`, with `toHaveNoCspViolations()`. */
export const expect = baseExpect.extend(cspMatchers);

export { cspFixtures, type CspFixtures };
export { collectCspViolations, type CspCollector } from './collector.js';
export type {
  BrowserCspViolation,
  CspDisposition,
  CspViolationFilter,
  CspViolationsExpectation,
} from './types.js';
