import { createWriteStream, type WriteStream } from 'node:fs';
import type { CspViolation } from './csp-violation.js';

export interface JsonlSink {
  (report: CspViolation): void;
  /** Reports dropped because the disk could not keep up. */
  readonly dropped: number;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Bytes waiting for the disk before new reports are dropped: a flood must not grow memory. */
const MAX_BACKLOG = 1024 * 1024;

/**
 * An append-only JSON Lines file of CSP violations, one report per line, for
 * `checksecure reports FILE`. Writes are buffered; past 1 MiB of backlog, reports are dropped and
 * counted rather than held in memory.
 *
 * @example
 * app.use(cspReport({ sink: jsonlSink('/var/log/csp.jsonl') }));
 */
export function jsonlSink(file: string): JsonlSink {
  let stream: WriteStream | undefined;
  let dropped = 0;
  const sink = (report: CspViolation) => {
    stream ??= createWriteStream(file, { flags: 'a' }).on('error', () => {});
    if (stream.writableLength > MAX_BACKLOG) {
      dropped++;
      return;
    }
    stream.write(`${JSON.stringify(report)}\n`);
  };
  return Object.defineProperties(sink, {
    dropped: { get: () => dropped },
    close: {
      value: () => new Promise<void>((resolve) => (stream ? stream.end(resolve) : resolve())),
    },
  }) as JsonlSink;
}
