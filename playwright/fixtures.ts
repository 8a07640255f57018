import type {
  BrowserContext,
  Fixtures,
  PlaywrightTestArgs,
  PlaywrightTestOptions,
  PlaywrightWorkerArgs,
  PlaywrightWorkerOptions,
} from '@playwright/test';
import { collectCspViolations, type CspCollector } from './collector.js';
import type { BrowserCspViolation } from './types.js';

/** What `test.extend(cspFixtures)` adds to a test's arguments. */
export interface CspFixtures {
  /** The collector watching the test's context: `await cspCollector.flush()` before reading the list. */
  cspCollector: CspCollector;
  /** Every violation of every page of the test's context so far (the collector's live list). */
  cspViolations: readonly BrowserCspViolation[];
}

/**
 * The fixtures that watch a test's `context` for CSP violations, for a test of your own:
 * `const test = base.extend<CspFixtures>(cspFixtures)`. The context's collector is attached when
 * the context is created (before its first page), so a test that opens no browser starts none.
 *
 * @example
 * import { test as base } from '@playwright/test';
 * import { cspFixtures, type CspFixtures } from 'checksecure/playwright';
 * export const test = base.extend<CspFixtures>(cspFixtures);
 */
export const cspFixtures: Fixtures<
  CspFixtures,
  object,
  PlaywrightTestArgs & PlaywrightTestOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions
> = {
  // Overrides the built-in context rather than adding an automatic fixture: an automatic one
  // would need a context, and so a browser, for every test, API-only tests included.
  context: async (
    { context }: { context: BrowserContext },
    use: (context: BrowserContext) => Promise<void>,
  ) => {
    await collectCspViolations(context);
    await use(context);
  },
  cspCollector: async ({ context }, use) => {
    await use(await collectCspViolations(context));
  },
  cspViolations: async ({ cspCollector }, use) => {
    await use(cspCollector.violations);
  },
};
