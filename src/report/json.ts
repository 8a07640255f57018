import type { Report } from '../core/types.js';
import { inertJson } from './escape.js';

/**
 * The JSON report, stable for scripts: `{ version, target, warnings, checks, assumptions, notes,
 * unscanned }`: assumptions and notes are what the text report prints under the target (what the
 * probe assumed, and the pages judged as a login wall, an error page or a redirect elsewhere),
 * unscanned the pages that could not be read (`[]` when every page was). New fields are added,
 * never renamed, under the same `version`.
 *
 * @example
 * JSON.parse(formatJson(report)).warnings.length
 */
export function formatJson(report: Report): string {
  const { version, target, warnings, checks, assumptions, notes = [], unscanned = [] } = report;
  return `${inertJson(JSON.stringify({ version, target, warnings, checks, assumptions, notes, unscanned }, null, 2))}\n`;
}
