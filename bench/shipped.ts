// The benchmarks measure the package as users install it: dist/lib, built by tsdown. Loaded from src
// through tsx, every function expression is wrapped in esbuild's name-keeping helper (an
// Object.defineProperty each time a closure is made), a cost no user pays and the peers (plain
// JavaScript from node_modules) never carry.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Set for the child processes too, so one `npm run bench` builds once.
const BUILT = 'CHECKSECURE_BENCH_BUILT';

/** Builds dist/lib from the current sources, once per benchmark run. */
export function buildOnce(): void {
  if (process.env[BUILT] === '1') return;
  execFileSync('npx', ['tsdown'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  process.env[BUILT] = '1';
}

type Entries = {
  index: typeof import('../src/index.js');
  middleware: typeof import('../middleware/index.js');
  fastify: typeof import('../middleware/fastify.js');
  fetch: typeof import('../middleware/fetch.js');
};

/**
 * One entry point of the built package, typed as its source.
 *
 * @example
 * const { scan } = await shipped('index');
 */
export async function shipped<E extends keyof Entries>(entry: E): Promise<Entries[E]> {
  buildOnce();
  return (await import(pathToFileURL(`${root}dist/lib/${entry}.js`).href)) as Entries[E];
}
