import { expect } from 'vitest';
import { matchers } from './index.js';
import type { CheckSecureMatchers } from './matcher-types.js';

// Vitest's own matcher context is structurally the one the matchers read.
expect.extend(matchers as unknown as Parameters<typeof expect.extend>[0]);

/*
 * Vitest 4 types custom matchers through Assertion<T> and AsymmetricMatchersContaining; Vitest 5
 * through Matchers<R, T>, whose parameters differ. Both versions still declare Assertion and
 * AsymmetricMatchersContaining, so augmenting those two works for either.
 */
declare module 'vitest' {
  interface Assertion<T = any> extends CheckSecureMatchers<void, T> {}
  interface AsymmetricMatchersContaining extends CheckSecureMatchers<void, unknown> {}
}

export { matchers };
export type { CheckSecureMatchers };
