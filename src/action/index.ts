import * as core from '@actions/core';
import { uncaughtMessage } from '../core/errors.js';
import { exitWhenFlushed } from '../util/exit.js';
import { run, stopStarted } from './main.js';

// An app scanned in-process may throw outside any request we sent it: one error line that fails
// the step, rather than Node's stack trace, and a server the start input started is stopped
// before the process goes (it runs in a process group of its own, which would outlive us).
const stop = (error: unknown) => {
  core.setFailed(`checksecure: ${uncaughtMessage(error)}`);
  void stopStarted().finally(() => process.exit(1));
};
process.on('uncaughtException', stop);
process.on('unhandledRejection', stop);

await run();
// The step ends when the scan does, even if an app it loaded keeps the event loop alive.
await exitWhenFlushed();
