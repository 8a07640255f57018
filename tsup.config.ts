import { defineConfig } from 'tsup';

// ESM for modern consumers, CommonJS for Jest projects (which cannot require() ESM), so the
// ESM-only dependencies are bundled into the CommonJS build only.
const esmOnlyDependencies = [
  'htmlparser2',
  'entities',
  'domhandler',
  'domutils',
  'dom-serializer',
  'domelementtype',
  'structured-headers',
];

const entry = {
  index: 'src/index.ts',
  middleware: 'middleware/index.ts',
  fastify: 'middleware/fastify.ts',
  fetch: 'middleware/fetch.ts',
  koa: 'middleware/koa.ts',
  hapi: 'middleware/hapi.ts',
  matchers: 'matchers/index.ts',
  vitest: 'matchers/vitest.ts',
  jest: 'matchers/jest.ts',
};

export default defineConfig([
  { entry, outDir: 'dist/lib', format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'node20', shims: true },
  {
    entry,
    outDir: 'dist/lib',
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    shims: true,
    noExternal: esmOnlyDependencies,
  },
  // The command line: ESM only (Node 20.19 loads it from any project).
  { entry: { cli: 'src/cli/bin.ts' }, outDir: 'dist/lib', format: ['esm'], sourcemap: true, target: 'node20' },
]);
