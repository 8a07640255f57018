// Builds the Action's bundle: dist/index.js and, for what a run may not need, dist/chunks/
// (run with `npm run bundle`; `node scripts/bundle.mjs DIR` writes it elsewhere).
import { readFile, rm } from 'node:fs/promises';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = process.argv[2] ?? `${root}dist`;
// Chunk names carry a hash: remove the last build's, or stale files would pile up in git.
await rm(`${outdir}/chunks`, { recursive: true, force: true });
const stub = `${root}src/action/stubs/unused-module.ts`;

await build({
  // Pinned so the output does not depend on where it is written (a test rebuilds it elsewhere).
  absWorkingDir: root,
  tsconfig: `${root}tsconfig.json`,
  entryPoints: [`${root}src/action/index.ts`],
  outdir,
  // Code behind a dynamic import (the in-process transports, the API client, the reporters a
  // run does not use) goes to chunks that Node parses only when they load: start-up is mostly
  // parsing, and a single 950 KiB file is parsed whole.
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
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
      // The sources read the version from package.json; the bundle carries that field alone,
      // not every dependency and script (nor changes whenever a devDependency does).
      name: 'package-version-only',
      setup(b) {
        b.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
          if (args.path !== `${root}package.json`) return undefined;
          const { version } = JSON.parse(await readFile(args.path, 'utf8'));
          return { contents: JSON.stringify({ version }), loader: 'json' };
        });
      },
    },
    {
      // undici embeds llhttp twice, with and without WebAssembly SIMD; node24 on GitHub's
      // x64 and arm64 runners always has SIMD, so the fallback copy (70 KB) stays out.
      name: 'llhttp-simd-only',
      setup(b) {
        b.onResolve({ filter: /llhttp\/llhttp-wasm\.js$/ }, () => ({ path: stub }));
      },
    },
    {
      // undici's index loads fetch, WebSocket and Node's own bundled undici at start-up; the
      // Action's dependencies need only ProxyAgent and (behind a proxy) fetch: see the stub.
      name: 'undici-on-demand',
      setup(b) {
        b.onResolve({ filter: /^undici$/ }, () => ({ path: `${root}src/action/stubs/undici.ts` }));
      },
    },
  ],
});
