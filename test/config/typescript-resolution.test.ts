import { describe, expect, it } from 'vitest';
import { typeScriptCandidates } from '../../src/config/typescript-resolution.js';

describe('the TypeScript files an import written for the compiled output stands for', () => {
  it.each([
    ['./routes.js', ['./routes.ts', './routes.tsx']],
    ['../views/page.jsx', ['../views/page.tsx']],
    ['./esm.mjs', ['./esm.mts']],
    ['./common.cjs', ['./common.cts']],
    ['./lib', ['./lib.ts', './lib.tsx', './lib/index.ts', './lib/index.tsx']],
    ['./lib/', ['./lib.ts', './lib.tsx', './lib/index.ts', './lib/index.tsx']],
    [
      './config.schema',
      ['./config.schema.ts', './config.schema.tsx', './config.schema/index.ts', './config.schema/index.tsx'],
    ],
    ['./already.ts', []],
    ['./already.mts', []],
  ])('%s → %j', (specifier, expected) => {
    expect(typeScriptCandidates(specifier)).toEqual(expected);
  });
});
