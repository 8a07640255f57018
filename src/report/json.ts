import type { Report } from '../core/types.js';
import { inertJson } from './escape.js';

/**
 * The JSON report, stable for scripts: `{ version, target, warnings, checks, assumptions, notes,
 * unscanned }`: assumptions and notes are what the text report prints under the target (what the
 * probe assumed, and the pages judged as a login wall, an error page or a redirect elsewhere),
 * unscanned the pages that could not be read (`[]` when every page was); pages the pages judged
 * and how each was found, accepted the findings the config accepts, baseline what an earlier
 * report had that is gone (each when there is one), durationMs how long the scan took (`merge`
 * adds its reports' times up). New fields are added,
 * never renamed, under the same `version`.
 *
 * @example
 * JSON.parse(formatJson(report)).warnings.length
 */
export function formatJson(report: Report): string {
  const { version, target, warnings, checks, assumptions, notes = [], unscanned = [] } = report;
  const { pages, accepted, baseline, durationMs } = report;
  const json = {
    version,
    target,
    warnings,
    checks,
    assumptions,
    notes,
    unscanned,
    pages,
    accepted,
    baseline,
    durationMs,
  };
  return `${inertJson(JSON.stringify(json, null, 2))}\n`;
}
