import { pathToFileURL } from 'node:url';

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/** Node 22.18+ and 24 strip TypeScript types natively (the Action runs on node24). */
const nativeTypeScript = () => Boolean((process.features as { typescript?: unknown }).typescript);

async function withJiti(file: string): Promise<Record<string, unknown>> {
  let createJiti;
  try {
    ({ createJiti } = await import('jiti'));
  } catch {
    throw new Error(`${file} needs a TypeScript loader: run on Node 22.18 or later, or install jiti`);
  }
  const jiti = createJiti(pathToFileURL(file).href, { interopDefault: false, moduleCache: false });
  return (await jiti.import(file)) as Record<string, unknown>;
}

/**
 * Imports a JS or TS module by path. TypeScript runs natively where Node strips types, else
 * through jiti, loaded only then: a run with a JS or JSON config never pays for a TypeScript
 * loader, and the Action's bundle does not carry one.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.test(file)) {
    if (nativeTypeScript()) {
      try {
        return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (error) {
        // Type stripping cannot resolve "./x.js" to x.ts, nor compile enums: jiti can, when installed.
        const code = (error as { code?: string }).code;
        if (
          code !== 'ERR_MODULE_NOT_FOUND' &&
          code !== 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX' &&
          code !== 'ERR_UNKNOWN_FILE_EXTENSION'
        )
          throw error;
        return withJiti(file).catch(() => Promise.reject(error));
      }
    }
    return withJiti(file);
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
