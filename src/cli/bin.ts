#!/usr/bin/env node
import { uncaughtMessage } from '../core/errors.js';
import { exitWhenFlushed } from '../util/exit.js';
import { main } from './main.js';

// A reader that goes away (`checksecure … | head`) is not a crash: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// An app scanned in-process may throw outside any request we sent it: one line and status 2, as
// for any target error, rather than Node's stack trace and status 1, which here means findings.
const stop = (error: unknown) => {
  process.stderr.write(`checksecure: ${uncaughtMessage(error)}\n`);
  process.exit(2);
};
process.on('uncaughtException', stop);
process.on('unhandledRejection', stop);

await exitWhenFlushed(
  await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  }),
);
