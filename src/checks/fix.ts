import type { Fix } from '../types.js';

/**
 * The fix for a code: the middleware factory and an Express snippet that imports and mounts it.
 *
 * @example
 * fix('hsts', '{ maxAge: 63072000 }') // { middleware: 'hsts()', snippet: "import { hsts } ..." }
 */
export function fix(factory: string, args = ''): Fix {
  return {
    middleware: `${factory}()`,
    snippet: `import { ${factory} } from 'checksecure/middleware';\n\napp.use(${factory}(${args}));`,
  };
}

/** A fix that is not a middleware (CORS configuration, markup). */
export function manualFix(what: string, snippet: string): Fix {
  return { middleware: what, snippet };
}
