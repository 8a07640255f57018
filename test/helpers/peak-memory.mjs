// Preloaded into a CLI run by the hostile-server tests (node --import): on exit, writes the
// process's peak resident memory (KiB) to $CHECKSECURE_PEAK_FILE. Nothing reaches stdout/stderr.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  const file = process.env.CHECKSECURE_PEAK_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
