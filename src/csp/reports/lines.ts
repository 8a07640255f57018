import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** What readLines saw besides the lines it handed over. */
export interface LineCounts {
  /** Lines handed to `onLine`. */
  lines: number;
  /** Lines longer than `maxLineLength`: skipped without being held in memory. */
  tooLong: number;
}

/** A line longer than any report jsonlSink writes (16 KiB at most) is not a report: 64 Ki characters leaves room for other writers. */
export const MAX_LINE_LENGTH = 64 * 1024;

/**
 * Calls `onLine` for every non-empty line of `file`, read as a stream: memory stays at one chunk
 * plus one line, whatever the file's size. A line over `maxLineLength` characters is counted in
 * `tooLong` and dropped while it streams past, so a file of one endless line cannot exhaust
 * memory. Each chunk is decoded once and cut into lines (a decode per line costs more than the
 * JSON.parse that follows), and it is a callback rather than an async iterator: an await per line
 * would cost more still.
 *
 * @example
 * const { lines } = await readLines('/var/log/csp.jsonl', (line) => console.log(line.length));
 */
export async function readLines(
  file: string,
  onLine: (line: string) => void,
  maxLineLength = MAX_LINE_LENGTH,
): Promise<LineCounts> {
  const counts: LineCounts = { lines: 0, tooLong: 0 };
  // The start of a line that began in an earlier chunk; `skipping` once it grew too long.
  let pending = '';
  let skipping = false;
  const emit = (text: string) => {
    if (text.length === 0 || (text.charCodeAt(0) <= 0x20 && text.trim() === '')) return;
    counts.lines++;
    onLine(text);
  };
  // A character cut between two chunks is held back by the decoder until its other bytes come.
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.write(chunk);
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end === -1) break;
      if (skipping) skipping = false;
      else if (pending.length + end - start > maxLineLength) counts.tooLong++;
      else if (pending.length > 0) emit(pending + text.slice(start, end));
      else emit(text.slice(start, end));
      pending = '';
      start = end + 1;
    }
    if (start < text.length && !skipping) {
      if (pending.length + text.length - start > maxLineLength) {
        counts.tooLong++;
        skipping = true;
        pending = '';
      } else pending += text.slice(start);
    }
  }
  const rest = decoder.end();
  if (!skipping && pending.length + rest.length <= maxLineLength) emit(pending + rest);
  else if (!skipping) counts.tooLong++;
  return counts;
}
