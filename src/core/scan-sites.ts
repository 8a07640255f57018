import { TargetError } from './errors.js';
import { unreadSite } from './unread-site.js';
import { scanFor } from './scan.js';
import type { Report, ScanOptions } from './types.js';
import { mergeReports } from '../report/merge-reports.js';
import type { ModuleSyntax } from '../report/render-fix.js';

/**
 * Scans many sites, at most `concurrency` at once, into one report. A site that cannot be read
 * at all is listed as unscanned (so the run fails) while the others are still judged; an
 * invalid option still rejects, since it would fail every site alike.
 *
 * @example
 * const report = await scanSites(['https://a.example', 'https://b.example'], { paths: ['/'] }, { concurrency: 4, syntax: 'esm' });
 * report.target // '2 sites'
 */
export async function scanSites(
  urls: readonly string[],
  options: ScanOptions,
  how: { concurrency: number; syntax: ModuleSyntax },
): Promise<Report> {
  const started = performance.now();
  const reports: Report[] = new Array<Report>(urls.length);
  // Each site counts its own requests: the progress line shows the sum of all of them.
  const done = new Array<number>(urls.length).fill(0);
  const progress = options.onProgress;
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const i = next++;
      const url = urls[i]!;
      const onProgress = progress
        ? (n: number) => {
            done[i] = n;
            progress(done.reduce((a, b) => a + b, 0));
          }
        : undefined;
      reports[i] = await scanFor(url, { ...options, onProgress }, how.syntax).catch((error: unknown) => {
        if (!(error instanceof TargetError)) throw error;
        return unreadSite(url, error, options.paths?.length ?? 1);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(how.concurrency, urls.length) }, worker));
  return mergeReports(reports, {
    durationMs: Math.round(performance.now() - started),
    ...(urls.length === 1 ? {} : { target: `${urls.length} sites` }),
  });
}
