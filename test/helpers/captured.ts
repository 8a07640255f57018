import { scan } from '../../src/core/scan.js';
import type { Check, Report, ScanOptions } from '../../src/core/types.js';

export interface Captured {
  url?: string;
  status?: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export const HTML = { 'content-type': 'text/html; charset=utf-8' };

/** Scans a captured response with the given checks only. */
export function scanResponse(
  check: Check | Check[],
  response: Captured,
  options: ScanOptions = {},
): Promise<Report> {
  return scan(
    { response: { url: 'https://example.com/', status: 200, headers: {}, ...response } },
    { checks: Array.isArray(check) ? check : [check], ...options },
  );
}

/** The codes a captured response produces, sorted, for table-driven tests. */
export async function codesOf(
  check: Check | Check[],
  response: Captured,
  options: ScanOptions = {},
): Promise<string[]> {
  const report = await scanResponse(check, response, options);
  const bad = report.checks.find((c) => c.status === 'errored');
  if (bad) throw new Error(`check ${bad.name} errored: ${bad.reason}`);
  return report.warnings.map((w) => w.code).sort();
}
