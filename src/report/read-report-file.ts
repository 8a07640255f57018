import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';

/**
 * The largest JSON report read (a baseline, a shard). A report of a thousand-page crawl with
 * every finding grouped is a few MiB; a file far past that is not a report.
 */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

/**
 * The text of a report file, read as untrusted input: a missing file, one that is not a regular
 * file (a FIFO is refused, never waited on), or one over 64 MiB is a ConfigError that starts
 * with `named`; nothing of the file is quoted.
 *
 * @example
 * const text = await readReportFile('shard-1/report.json', 'shard-1/report.json');
 */
export async function readReportFile(file: string, named: string): Promise<string> {
  let handle;
  try {
    // Non-blocking: opening a FIFO for reading otherwise waits for a writer, so the run would
    // hang before fstat() could refuse it. A regular file reads the same either way.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT' ? `${named} does not exist` : `${named} cannot be read (${code ?? 'unknown error'})`,
    );
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ConfigError(`${named} is not a file`);
    if (info.size > MAX_REPORT_BYTES)
      throw new ConfigError(
        `${named} is ${Math.round(info.size / 1024 / 1024)} MiB, more than the 64 MiB a report may be`,
      );
    // Read no further than the limit even if the file grew since stat().
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_REPORT_BYTES) throw new ConfigError(`${named} is more than the 64 MiB a report may be`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      `${named} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`,
    );
  } finally {
    await handle.close();
  }
}
