import { pathToFileURL } from 'node:url';
import { resolveTypeScriptImports } from './typescript-resolution.js';

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/** Node 22.18+ and 24 strip TypeScript types natively (the Action runs on node24). */
const nativeTypeScript = () => Boolean((process.features as { typescript?: unknown }).typescript);

/** jiti is not installed (the Action does not ship it). */
class NoLoader extends Error {}

async function withJiti(file: string): Promise<Record<string, unknown>> {
  let createJiti;
  try {
    ({ createJiti } = await import('jiti'));
  } catch {
    throw new NoLoader(`${file} needs a TypeScript loader: run on Node 22.18 or later, or install jiti`);
  }
  const jiti = createJiti(pathToFileURL(file).href, { interopDefault: false, moduleCache: false });
  return jiti.import<Record<string, unknown>>(file);
}

/**
 * Imports a JS or TS module by path. TypeScript runs natively where Node strips types, else
 * through jiti, loaded only then: a run with a JS or JSON config never pays for a TypeScript
 * loader, and the Action's bundle does not carry one.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.test(file)) {
    if (nativeTypeScript()) {
      resolveTypeScriptImports();
      try {
        return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (error) {
        // Type stripping cannot compile enums (nor, before Node 22.15, resolve "./x.js" to
        // x.ts): jiti can, when installed.
        const code = (error as { code?: string }).code;
        if (
          code !== 'ERR_MODULE_NOT_FOUND' &&
          code !== 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' &&
          code !== 'ERR_UNKNOWN_FILE_EXTENSION'
        )
          throw error;
        return withJiti(file).catch((failed: unknown) => {
          if (!(failed instanceof NoLoader) || code !== 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') throw error;
          throw Object.assign(
            new Error(
              `${(error as Error).message}: Node only strips types, so build the module first (or install jiti)`,
            ),
            { code },
          );
        });
      }
    }
    return withJiti(file);
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
