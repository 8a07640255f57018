import { defineConfig } from 'tsdown';

// ESM for modern consumers, CommonJS for Jest projects (which cannot require() ESM), so the
// ESM-only dependencies are bundled into the CommonJS build only.
const esmOnlyDependencies = [
  'entities',
  // A subpath is its own specifier to the bundler: the walker imports the decoder alone.
  'entities/decode',
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
  playwright: 'playwright/index.ts',
};

// The file names package.json points to: .js and .d.ts for ESM (the package is "type": "module"),
// .cjs and .d.cts for CommonJS, where tsdown would otherwise write .mjs for ESM.
const common = {
  outDir: 'dist/lib',
  sourcemap: true,
  target: 'node20',
  fixedExtension: false,
  // The plugin-timing hints are about tsdown's own speed, not about what it builds; a build that
  // succeeds says nothing more (the old tsup build was run with --silent).
  checks: { pluginTimings: false },
  logLevel: 'warn',
} as const;

export default defineConfig([
  { ...common, entry, format: 'esm', dts: true, clean: true },
  {
    ...common,
    entry,
    format: 'cjs',
    dts: true,
    clean: false,
    // onlyBundle fails the build if any other dependency would be bundled: those stay require()s.
    deps: { alwaysBundle: esmOnlyDependencies, onlyBundle: esmOnlyDependencies },
    // exports.__esModule, as tsup wrote it: compiled ESM (TypeScript, Babel under Jest) then reads
    // a default import as .default, which the package does not have, rather than as the whole
    // exports object.
    outputOptions: { esModule: true },
  },
  // The command line: ESM only (Node 20.19 loads it from any project); it has no declarations.
  { ...common, entry: { cli: 'src/cli/bin.ts' }, format: 'esm', dts: false, clean: false },
]);
