import { expect } from 'vitest';
import { matchers } from './index.js';
import type { CheckSecureMatchers } from './matcher-types.js';

// Vitest's own matcher context is structurally the one the matchers read.
expect.extend(matchers);

/*
 * Vitest 4 types assertions as Assertion<T> and Matchers<T>; Vitest 5 as Assertion<R, T> and
 * Matchers<R, T>. An interface can only be augmented with its own type parameters, so neither
 * works for both. Both versions build Assertion by mapping over Chai.Assertion (whose methods
 * they keep), and both declare AsymmetricMatchersContaining without parameters: those two are
 * augmented here (and Chai.ExpectStatic, for expect.toHaveHsts()). The cost: under Vitest the return type cannot follow the received value, so
 * app matchers are typed void; await them all the same.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion extends CheckSecureMatchers<void, unknown> {}
    // expect.toHaveHsts() as an asymmetric matcher: both versions' ExpectStatic extend this.
    interface ExpectStatic extends CheckSecureMatchers<void, unknown> {}
  }
}

declare module 'vitest' {
  interface AsymmetricMatchersContaining extends CheckSecureMatchers<void, unknown> {}
}

export { matchers };
export type { CheckSecureMatchers };
