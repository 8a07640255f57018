import type { Report } from '../types.js';
import { inertJson } from './escape.js';

/**
 * The JSON report of DESIGN.md: `{ version, target, warnings, checks }`, stable for scripts.
 *
 * @example
 * JSON.parse(formatJson(report)).warnings.length
 */
export function formatJson(report: Report): string {
  const { version, target, warnings, checks } = report;
  return `${inertJson(JSON.stringify({ version, target, warnings, checks }, null, 2))}\n`;
}
