import type { TargetError } from './errors.js';
import type { Report } from './types.js';

/**
 * The report of a site none of whose pages could be read: no verdict, only the reason, as an
 * unscanned page, so that a run of many sites lists it (and fails) while the others are judged.
 *
 * @example
 * unreadSite('http://127.0.0.1:9', new TargetError('GET http://127.0.0.1:9/: nothing listens'), 1).unscanned
 * // [{ url: 'http://127.0.0.1:9/', reason: 'nothing listens' }]
 */
export function unreadSite(url: string, error: TargetError, paths: number): Report {
  // The probe rejects with the first page's failure, "GET <url>: <reason>".
  const [, page = url, reason = error.message] = /^GET (\S+): ([\s\S]*)$/.exec(error.message) ?? [];
  const rest = paths > 1 ? ` (none of its ${paths} pages could be read)` : '';
  return {
    version: 1,
    target: url,
    targetKind: 'url',
    warnings: [],
    checks: [],
    assumptions: [],
    notes: [],
    unscanned: [{ url: page, reason: reason + rest }],
    pages: [],
    durationMs: 0,
  };
}
