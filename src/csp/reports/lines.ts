import { createReadStream } from 'node:fs';

/** What readLines saw besides the lines it handed over. */
export interface LineCounts {
  /** Lines handed to `onLine`. */
  lines: number;
  /** Lines longer than `maxLineBytes`: skipped without being held in memory. */
  tooLong: number;
}

/** A line longer than any report jsonlSink writes (16 KiB at most) is not a report: 64 KiB leaves room for other writers. */
export const MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/**
 * Calls `onLine` for every non-empty line of `file`, read as a stream: memory stays at one chunk
 * plus one line, whatever the file's size. A line over `maxLineBytes` is counted in `tooLong` and
 * dropped while it streams past, so a file of one endless line cannot exhaust memory. A callback
 * rather than an async iterator: an await per line would cost more than parsing it.
 *
 * @example
 * const { lines } = await readLines('/var/log/csp.jsonl', (line) => console.log(line.length));
 */
export async function readLines(
  file: string,
  onLine: (line: string) => void,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<LineCounts> {
  const counts: LineCounts = { lines: 0, tooLong: 0 };
  // The start of a line that began in an earlier chunk; `skipping` once it grew too long.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  const emit = (text: string) => {
    if (text.trim() === '') return;
    counts.lines++;
    onLine(text);
  };
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) break;
      if (skipping) {
        skipping = false;
      } else if (pendingBytes > 0) {
        if (pendingBytes + end - start > maxLineBytes) counts.tooLong++;
        else emit(Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8'));
      } else if (end - start > maxLineBytes) {
        counts.tooLong++;
      } else if (end > start) {
        emit(chunk.toString('utf8', start, end));
      }
      pending = [];
      pendingBytes = 0;
      start = end + 1;
    }
    if (start < chunk.length && !skipping) {
      const rest = chunk.subarray(start);
      if (pendingBytes + rest.length > maxLineBytes) {
        counts.tooLong++;
        skipping = true;
        pending = [];
        pendingBytes = 0;
      } else {
        // A copy: the stream may reuse its chunk's memory for the next read.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
  }
  if (pendingBytes > 0 && !skipping) emit(Buffer.concat(pending).toString('utf8'));
  return counts;
}
