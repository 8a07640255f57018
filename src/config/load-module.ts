import { pathToFileURL } from 'node:url';

const TYPESCRIPT = /\.(c|m)?tsx?$/;

/**
 * Imports a JS or TS module by path. TypeScript goes through jiti, loaded only then, so a run
 * with a JS or JSON config never pays for a TypeScript loader.
 */
export async function importModule(file: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.test(file)) {
    const { createJiti } = await import('jiti');
    const jiti = createJiti(pathToFileURL(file).href, { interopDefault: false, moduleCache: false });
    return (await jiti.import(file)) as Record<string, unknown>;
  }
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
