import { open, rename, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CspViolation } from './csp-violation.js';
import { fail, integer, knownKeys } from './validate.js';

export interface JsonlSinkOptions {
  /**
   * Largest size of the file. A report that would take it past this rotates it (file becomes
   * file.1, file.1 becomes file.2, …) or, with `keep: 0`, is dropped and counted. Default 64 MiB.
   */
  maxBytes?: number;
  /** Rotated files kept beside the file (file.1 … file.N, oldest last); 0 for none. Default 4. */
  keep?: number;
}

export interface JsonlSink {
  (report: CspViolation): void;
  /** Reports not written: the disk could not keep up or failed, the file was full (keep: 0), or after close(). */
  readonly dropped: number;
  /** Writes what is waiting and closes the file. */
  close(): Promise<void>;
}

/** Bytes waiting for the disk before new reports are dropped: a flood must not grow memory. */
const MAX_BACKLOG = 1024 * 1024;
const MIN_BYTES = 64 * 1024;

/** The files written by an open sink of this process. */
const inUse = new Set<string>();

/**
 * An append-only JSON Lines file of CSP violations, one report per line, for
 * `checksecure reports FILE`. The disk it takes is bounded: `(keep + 1) × maxBytes`, 320 MiB by
 * default, where one client at cspReport's default rate would otherwise add gigabytes a day.
 * Writes are queued and made in order by one writer, which also rotates between two writes; past
 * 1 MiB of backlog, reports are dropped and counted rather than held in memory.
 *
 * @example
 * app.use(cspReport({ sink: jsonlSink('/var/log/csp.jsonl', { maxBytes: 16 * 1024 * 1024, keep: 2 }) }));
 */
export function jsonlSink(file: string, options: JsonlSinkOptions = {}): JsonlSink {
  if (typeof file !== 'string' || file === '') fail('jsonlSink: file', file, 'must be a file path');
  knownKeys('jsonlSink', options, ['maxBytes', 'keep']);
  const maxBytes = integer('jsonlSink: maxBytes', options.maxBytes, 64 * 1024 * 1024, MIN_BYTES);
  const keep = integer('jsonlSink: keep', options.keep, 4, 0, 100);
  // Two writers of one file each count its size alone and rotate it under the other: the
  // bound on disk holds for one. (Other processes are not seen: give each its own file.)
  const path = resolve(file);
  if (inUse.has(path))
    fail(
      'jsonlSink: file',
      file,
      'is already written by another jsonlSink: share one sink, or close() it first',
    );
  inUse.add(path);

  let queue: string[] = [];
  let backlog = 0;
  let dropped = 0;
  let closed = false;
  let writing: Promise<void> | undefined;
  let handle: FileHandle | undefined;
  let size = 0;

  const opened = async (): Promise<FileHandle> => {
    if (handle) return handle;
    const h = await open(file, 'a');
    try {
      size = (await h.stat()).size;
    } catch (error) {
      await h.close();
      throw error;
    }
    return (handle = h);
  };
  const closeFile = async () => {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => {});
  };
  const rotate = async () => {
    await closeFile();
    for (let i = keep - 1; i >= 1; i--) await rename(`${file}.${i}`, `${file}.${i + 1}`).catch(() => {});
    await rename(file, `${file}.1`);
  };

  /** Writes one batch, rotating (or dropping, with keep: 0) where a line would overfill the file. */
  const write = async (lines: readonly string[]) => {
    let chunk = '';
    let index = 0;
    try {
      for (; index < lines.length; index++) {
        const line = lines[index]!;
        const bytes = Buffer.byteLength(line);
        let h = await opened();
        if (size + bytes > maxBytes) {
          if (chunk) await h.appendFile(chunk);
          chunk = '';
          if (keep === 0 || bytes > maxBytes) {
            dropped++;
            continue;
          }
          await rotate();
          h = await opened();
        }
        chunk += line;
        size += bytes;
      }
      if (chunk) await (await opened()).appendFile(chunk);
    } catch {
      // A full disk, a missing directory: what was not written is counted, and the next batch
      // opens the file again.
      dropped += chunk.split('\n').length - 1 + (lines.length - index);
      await closeFile();
    }
  };

  const drain = async () => {
    while (queue.length > 0) {
      const lines = queue;
      queue = [];
      await write(lines);
      backlog -= lines.reduce((n, l) => n + l.length, 0);
    }
    // Synchronous with the check above: a report queued from now on starts a new writer.
    writing = undefined;
  };

  const sink = (report: CspViolation) => {
    if (closed) {
      dropped++;
      return;
    }
    const line = `${JSON.stringify(report)}\n`;
    if (backlog + line.length > MAX_BACKLOG) {
      dropped++;
      return;
    }
    queue.push(line);
    backlog += line.length;
    writing ??= drain();
  };
  return Object.defineProperties(sink, {
    dropped: { get: () => dropped },
    close: {
      value: async () => {
        closed = true;
        await writing;
        await closeFile();
        inUse.delete(path);
      },
    },
  }) as JsonlSink;
}
