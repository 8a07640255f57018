/**
 * Ends the process once what was written to stdout and stderr is out. An app scanned in-process
 * may keep the event loop alive after the scan (a server it started listening on import, a
 * database pool, a timer): the CLI and the Action must still end when their work is done.
 *
 * @example
 * await exitWhenFlushed(await main(argv, io));
 */
export async function exitWhenFlushed(code?: number): Promise<never> {
  // Set first: a reader that went away ends the run from the EPIPE handler, with this status.
  if (code !== undefined) process.exitCode = code;
  for (const stream of [process.stdout, process.stderr]) {
    // A write's callback runs once everything written before it has been handed to the OS (or
    // the stream failed, as when the reader went away): either way there is nothing left to wait for.
    await new Promise<void>((resolve) => stream.write('', () => resolve()));
  }
  process.exit(process.exitCode ?? 0);
}
