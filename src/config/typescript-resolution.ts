import nodeModule from 'node:module';

// The parts of module.registerHooks (Node 22.15+, 23.5+) used here: @types/node 20 lacks them.
interface ResolveContext {
  parentURL?: string;
}
interface Resolved {
  url: string;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Resolved;
type RegisterHooks = (hooks: {
  resolve: (specifier: string, context: ResolveContext, nextResolve: NextResolve) => Resolved;
}) => unknown;

const TS_FILE = /\.(?:c|m)?tsx?$/;
const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT', 'MODULE_NOT_FOUND']);

/**
 * The TypeScript files a relative specifier may stand for, in TypeScript's own order: projects
 * on `moduleResolution: nodenext` write the compiled name ("./routes.js" for routes.ts), and
 * those on `bundler` leave the extension out ("./routes" for routes.ts or routes/index.ts).
 *
 * @example
 * typeScriptCandidates('./routes.js'); // ['./routes.ts', './routes.tsx']
 */
export function typeScriptCandidates(specifier: string): string[] {
  const compiled = /^(.*)\.(js|jsx|mjs|cjs)$/.exec(specifier);
  if (compiled) {
    const [, stem, ext] = compiled as unknown as [string, string, string];
    if (ext === 'js') return [`${stem}.ts`, `${stem}.tsx`];
    if (ext === 'jsx') return [`${stem}.tsx`];
    return [`${stem}.${ext === 'mjs' ? 'mts' : 'cts'}`];
  }
  if (TS_FILE.test(specifier)) return [];
  const stem = specifier.replace(/\/$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`, `${stem}/index.tsx`];
}

let registered = false;

/**
 * Lets TypeScript files that Node runs by stripping their types import each other the way
 * tsc lets them: a relative import from a .ts file that Node cannot find is tried again as the
 * TypeScript file it names. Any other import resolves as Node resolves it, and nothing is
 * retried that Node found. Returns false where Node has no synchronous module hooks (before
 * 22.15), where a loader (jiti) does this instead.
 */
export function resolveTypeScriptImports(): boolean {
  if (registered) return true;
  const register = (nodeModule as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof register !== 'function') return false;
  registered = true;
  register({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const parent = context.parentURL;
        if (
          !NOT_FOUND.has((error as { code?: string }).code ?? '') ||
          !/^\.\.?\//.test(specifier) ||
          parent === undefined ||
          !parent.startsWith('file:') ||
          !TS_FILE.test(new URL(parent).pathname)
        )
          throw error;
        for (const candidate of typeScriptCandidates(specifier)) {
          try {
            return nextResolve(candidate, context);
          } catch {
            // the next candidate, or Node's own error for the specifier as written
          }
        }
        throw error;
      }
    },
  });
  return true;
}
