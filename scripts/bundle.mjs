// Builds the Action's single-file bundle, dist/index.js (run with `npm run bundle`).
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = process.argv[2] ?? `${root}dist/index.js`;
const stub = `${root}src/action/stubs/unused-module.ts`;

await build({
  // Pinned so the output does not depend on where it is written (a test rebuilds it elsewhere).
  absWorkingDir: root,
  tsconfig: `${root}tsconfig.json`,
  entryPoints: [`${root}src/action/index.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The Action runs on node24, which strips TypeScript itself: no loader in the bundle.
  external: ['jiti'],
  alias: {
    // superagent's multipart support, never used by checksecure's probes (see the stubs).
    'form-data': stub,
    formidable: stub,
    qs: stub,
    mime: `${root}src/action/stubs/mime.ts`,
  },
  banner: {
    js: "import { createRequire as __checksecureRequire } from 'node:module'; const require = __checksecureRequire(import.meta.url);",
  },
  plugins: [
    {
      // undici embeds llhttp twice, with and without WebAssembly SIMD; node24 on GitHub's
      // x64 and arm64 runners always has SIMD, so the fallback copy (70 KB) stays out.
      name: 'llhttp-simd-only',
      setup(b) {
        b.onResolve({ filter: /llhttp\/llhttp-wasm\.js$/ }, () => ({ path: stub }));
      },
    },
  ],
});
