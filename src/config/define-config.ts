import type { FailOn } from '../core/fail-on.js';
import type { ScanOptions } from '../core/types.js';
import type { Target } from '../probe/target.js';

/** The shape of `checksecure.config.{ts,mts,js,mjs,cjs,json}`. */
export interface Config extends ScanOptions {
  /** A URL, or (in a JS/TS config) the app itself. The CLI's URL argument and `--app` override it. */
  target?: string | Target;
  /** A module exporting the app (default export or a named `app`), relative to the config file. */
  app?: string;
  /** The lowest severity that fails the run. Default `warning`. */
  failOn?: FailOn;
  /**
   * Many sites, scanned into one report (each with the same paths and options), when the CLI is
   * given no URL, `--app` or `--targets`. Not with `target` or `app`.
   */
  targets?: string[];
  /** Sites of `targets` scanned at once. Default 4. */
  siteConcurrency?: number;
  /** The source file where fixes belong (the file that composes the app), for SARIF and the Action. */
  fixSource?: string;
}

/**
 * Gives a config file its types; returns the config unchanged.
 *
 * @example
 * // checksecure.config.ts
 * import { defineConfig, defaultChecks } from 'checksecure';
 * export default defineConfig({
 *   target: 'http://localhost:3000',
 *   paths: ['/', '/login'],
 *   checks: defaultChecks.filter((c) => c.name !== 'cors'),
 * });
 */
export function defineConfig(config: Config): Config {
  return config;
}
