import { readFile, writeFile } from 'node:fs/promises';
import { renderSection, type BenchSection } from './section.js';

const RESULTS = new URL('./RESULTS.md', import.meta.url);
const IMPROVEMENTS = new URL('./improvements.md', import.meta.url);

/**
 * Replaces one section of bench/RESULTS.md with a new run's, leaving every other line as it
 * was; a section not there yet goes where a full run puts the last one, before the improvements.
 *
 * @example
 * await writeSection(await installBench());
 */
export async function writeSection(section: BenchSection): Promise<void> {
  const lines = (await readFile(RESULTS, 'utf8')).split('\n');
  const block = renderSection(section);
  const start = lines.indexOf(`## ${section.title}`);
  if (start !== -1) {
    let end = start + 1;
    while (end < lines.length && !lines[end]!.startsWith('## ') && !lines[end]!.startsWith('<!-- kept:'))
      end++;
    lines.splice(start, end - start, ...block);
  } else {
    const anchor = (await readFile(IMPROVEMENTS, 'utf8')).split('\n').find((line) => line.startsWith('## '));
    const at = anchor === undefined ? -1 : lines.indexOf(anchor);
    lines.splice(at === -1 ? lines.length : at, 0, ...block);
  }
  await writeFile(RESULTS, lines.join('\n'));
}
