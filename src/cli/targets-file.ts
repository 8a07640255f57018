import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { siteKey } from '../config/targets.js';
import { CREDENTIALS_REFUSED, hasCredentials, hideCredentials } from '../config/url-credentials.js';
import { UsageError } from './args.js';

// A list of sites is a few kilobytes; a larger file is not one (a log, a binary).
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The sites of a `--targets` file: one http(s) URL per line; blank lines and `#` comments (a
 * whole line, or after a space) are left out. A line that is not a URL, or a site listed
 * twice, is refused with the file and line, since scanning a typo or a site twice would mislead.
 *
 * @example
 * await readTargetsFile('sites.txt', process.cwd()) // ['https://a.example', 'https://b.example']
 */
export async function readTargetsFile(file: string, cwd: string): Promise<string[]> {
  const full = path.resolve(cwd, file);
  const size = await stat(full).then(
    (s) => (s.isFile() ? s.size : -1),
    (error: NodeJS.ErrnoException) => {
      throw new UsageError(`--targets: cannot read ${file} (${error.code ?? error.message})`);
    },
  );
  if (size < 0) throw new UsageError(`--targets: ${file} is not a file`);
  if (size > MAX_BYTES)
    throw new UsageError(
      `--targets: ${file} is ${size} bytes, more than a list of sites (${MAX_BYTES} at most)`,
    );
  const urls: string[] = [];
  const seen = new Map<string, number>();
  (await readFile(full, 'utf8')).split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const where = `--targets: ${file} line ${i + 1}`;
    const key = siteKey(line);
    if (key === undefined)
      throw new UsageError(
        `${where}: ${JSON.stringify(hideCredentials(line).slice(0, 200))} is not an http:// or https:// URL`,
      );
    if (hasCredentials(line)) throw new UsageError(`${where}: the URL ${CREDENTIALS_REFUSED}`);
    const first = seen.get(key);
    if (first !== undefined)
      throw new UsageError(`${where}: ${line} is line ${first} again; list each site once`);
    seen.set(key, i + 1);
    urls.push(line);
  });
  if (urls.length === 0) throw new UsageError(`--targets: ${file} lists no URL`);
  return urls;
}
