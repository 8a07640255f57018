import { readFile, writeFile } from 'node:fs/promises';

const RESULTS = new URL('./RESULTS.md', import.meta.url);
const open = (id: string) => `<!-- kept:${id} -->`;
const close = (id: string) => `<!-- /kept:${id} -->`;

/**
 * Sections written by the long runs (`npm run fuzz`, `npm run load`) into bench/RESULTS.md:
 * each sits between markers, replaced by its next run and kept by `npm run bench`, which
 * regenerates everything else.
 */
export async function keptSections(): Promise<string[]> {
  const text = await readFile(RESULTS, 'utf8').catch(() => '');
  return [...text.matchAll(/<!-- kept:([\w-]+) -->[\s\S]*?<!-- \/kept:\1 -->/g)].map((m) => m[0]);
}

/** Writes (or replaces) one kept section of bench/RESULTS.md. */
export async function writeKeptSection(id: string, markdown: string): Promise<void> {
  const text = await readFile(RESULTS, 'utf8').catch(() => '# Benchmark results\n');
  const block = `${open(id)}\n${markdown.trim()}\n${close(id)}`;
  const start = text.indexOf(open(id));
  const end = text.indexOf(close(id));
  const next =
    start !== -1 && end > start
      ? text.slice(0, start) + block + text.slice(end + close(id).length)
      : `${text.trimEnd()}\n\n${block}\n`;
  await writeFile(RESULTS, next);
}
