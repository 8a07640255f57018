import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, describeError } from '../core/errors.js';
import type { Config } from './define-config.js';
import { importModule } from './load-module.js';

/** The names a config may have, in the order they are looked for in each directory. */
export const CONFIG_NAMES = [
  'checksecure.config.ts',
  'checksecure.config.mts',
  'checksecure.config.js',
  'checksecure.config.mjs',
  'checksecure.config.cjs',
  'checksecure.config.json',
] as const;

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the file. */
  file: string;
}

/** Looks for a config in `dir` and each parent, nearest first; undefined when there is none. */
export function findConfig(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const name of CONFIG_NAMES) {
      const file = path.join(current, name);
      if (existsSync(file)) return file;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/**
 * Loads and validates a config file: JSON, ESM or CommonJS JavaScript, or TypeScript without a
 * build step. The config is the default export or a named `config`.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  const shown = path.relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) throw new ConfigError(`config: ${shown} does not exist`);
  let value: unknown;
  try {
    if (absolute.endsWith('.json')) {
      // Editors on Windows save JSON with a byte-order mark, which JSON.parse refuses.
      value = JSON.parse((await readFile(absolute, 'utf8')).replace(/^\uFEFF/, ''));
    } else {
      const mod = await importModule(absolute);
      value = mod.default ?? mod.config;
      // A CommonJS config arrives as the default export of a namespace.
      if (value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1) {
        value = value.default;
      }
    }
  } catch (error) {
    throw new ConfigError(`${shown}: cannot be loaded: ${describeError(error)}`, { cause: error });
  }
  if (value === undefined)
    throw new ConfigError(`${shown}: exports no config (use export default defineConfig({...}))`);
  // The schema library loads only when there is a config to check.
  const { validateConfig } = await import('./schema.js');
  return { config: validateConfig(value, shown), file: absolute };
}
