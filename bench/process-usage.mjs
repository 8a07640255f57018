// Preloaded into a benchmark's child process (node --import): on exit, writes its CPU time, peak
// resident memory and the heap's high-water mark (sampled every 10 ms) to $BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

let heapPeak = 0;
const sample = () => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
};
setInterval(sample, 10).unref();

process.on('exit', () => {
  sample();
  const file = process.env.BENCH_USAGE_FILE;
  const usage = process.resourceUsage();
  if (file)
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssKiB: usage.maxRSS,
        heapPeakBytes: heapPeak,
      }),
    );
});
