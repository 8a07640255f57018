import path from 'node:path';
import { ConfigError, describeError } from '../core/errors.js';
import type { Target } from '../probe/target.js';
import { importModule } from './load-module.js';

/**
 * Loads a module that exports an app: its default export or a named `app` (a promise of one is
 * awaited). Used by `--app`, the config's `app`, and the Action's `app` input.
 *
 * @example
 * const app = await loadApp('./src/app.ts', process.cwd(), '--app');
 */
export async function loadApp(file: string, base: string, option = '--app'): Promise<Target> {
  const absolute = path.resolve(base, file);
  let mod;
  try {
    mod = await importModule(absolute);
  } catch (error) {
    throw new ConfigError(`${option}: ${file} cannot be loaded: ${describeError(error)}`, { cause: error });
  }
  let app = mod.app ?? mod.default;
  // CommonJS `module.exports = app` arrives as `default`; a CJS `exports.app` as `default.app`.
  // Only a plain exports object is looked into: a hapi server has an `app` of its own (its data).
  if (
    app &&
    typeof app === 'object' &&
    Object.getPrototypeOf(app) === Object.prototype &&
    !('fetch' in app) &&
    'app' in app
  )
    app = app.app;
  app = await app;
  if (app === undefined || app === null)
    throw new ConfigError(`${option}: ${file} exports no app (export default app, or export { app })`);
  return app as Target;
}
