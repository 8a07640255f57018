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

export const entry = { index: 'src/index.ts' };

export default defineConfig([
  {
    entry,
    outDir: 'dist/lib',
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  {
    entry,
    outDir: 'dist/lib',
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    noExternal: esmOnlyDependencies,
  },
]);
