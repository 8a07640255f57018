import type { Adapter, Fix } from '../core/types.js';

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

/**
 * The snippet fix() writes (the factory, its arguments), also with comment lines before the mount:
 * those speak of Express (res.locals), so the adapted snippet leaves them out.
 */
const EXPRESS_SNIPPET =
  /^import \{ (\w+) \} from 'checksecure\/middleware';\n\n(?:\/\/.*\n)*app\.use\(\1\((.*)\)\);$/s;

/** The parts secure() takes an option of the same name for: the adapters mount secure() alone. */
const SECURE_OPTIONS = new Set([
  'hsts',
  'httpsRedirect',
  'frameGuard',
  'csrf',
  'noSniff',
  'contentSecurityPolicy',
  'referrerPolicy',
  'permissionsPolicy',
  'crossOriginPolicies',
  'xssProtection',
  'hidePoweredBy',
  'sessionCookie',
  'noCache',
  'cspReport',
  'allowedHosts',
]);

/**
 * The same fix for an app that mounts the middleware through an adapter: secure(), whose parts
 * are on by default, with the part's arguments as its option. Other fixes are left as they are.
 *
 * @example
 * adaptFix(fix('hsts', '{ maxAge: 63072000 }'), 'koa').snippet
 * // import { secure } from 'checksecure/koa';\n\napp.use(secure({ hsts: { maxAge: 63072000 } }));
 */
export function adaptFix(original: Fix, adapter: Adapter): Fix {
  const match = EXPRESS_SNIPPET.exec(original.snippet);
  if (!match || !SECURE_OPTIONS.has(match[1]!)) return original;
  const option = match[2] ? `{ ${match[1]!}: ${match[2]} }` : '';
  const mounts: Record<Adapter, string> = {
    fastify: `import { secure } from 'checksecure/fastify';\n\nawait app.register(secure${option && `, ${option}`});`,
    koa: `import { secure } from 'checksecure/koa';\n\napp.use(secure(${option}));`,
    hapi: `import { secure } from 'checksecure/hapi';\n\nawait server.register({ plugin: secure${option && `, options: ${option}`} });`,
    fetch: `import { withSecurity } from 'checksecure/fetch';\n\nexport default { fetch: withSecurity(app.fetch${option && `, ${option}`}) };`,
  };
  const snippet = mounts[adapter];
  return { middleware: original.middleware, snippet };
}

/**
 * The same fix for a CommonJS module: `require()` for each import, `module.exports` for an
 * `export default`, and Fastify's `register` without the top-level `await` CommonJS has not
 * (Fastify queues plugins until `ready()`). hapi's `await server.register` stays: it belongs in
 * the async function that starts the server.
 *
 * @example
 * commonJsFix(fix('hsts')).snippet // "const { hsts } = require('checksecure/middleware');\n\napp.use(hsts());"
 */
export function commonJsFix(original: Fix): Fix {
  const snippet = original.snippet
    .replace(/^import \{ ([^}]+) \} from ('[^']+');$/gm, 'const { $1 } = require($2);')
    .replace(/^import ([\w$]+) from ('[^']+');$/gm, 'const $1 = require($2);')
    .replace(/^export default /gm, 'module.exports = ')
    .replace(/^await (app\.register\()/gm, '$1');
  return snippet === original.snippet ? original : { middleware: original.middleware, snippet };
}
