import { matchers } from './index.js';
import type { CheckSecureMatchers } from './matcher-types.js';
import type {} from 'expect';

/*
 * A setupFilesAfterEnv file: Jest provides `expect` as a global there. This file is built to
 * CommonJS too, since a CommonJS Jest project on Node 20 cannot require() ESM.
 */
declare const expect: { extend(matchers: object): void };
expect.extend(matchers);

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R, T = {}> extends CheckSecureMatchers<R, T> {}
    interface Expect extends CheckSecureMatchers<void, unknown> {}
    interface InverseAsymmetricMatchers extends CheckSecureMatchers<void, unknown> {}
  }
}

// `import { expect } from '@jest/globals'` types its matchers through the expect package.
declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends CheckSecureMatchers<R, T> {}
  interface AsymmetricMatchers extends CheckSecureMatchers<void, unknown> {}
}

export { matchers };
export type { CheckSecureMatchers };
