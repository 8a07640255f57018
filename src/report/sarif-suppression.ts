import type { AcceptedWarning, Warning } from '../core/types.js';

/**
 * The SARIF 2.1.0 suppression (§3.35) of a finding the config's accept list accepts: suppressed
 * outside the code (`external`), `accepted`, with the acceptance's reason as the justification
 * GitHub code scanning shows on the dismissed alert. Nothing for a finding that counts.
 *
 * @example
 * const result = { ruleId: w.code, ...suppression(w) };
 */
export function suppression(warning: Warning | AcceptedWarning): {
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
} {
  if (!('reason' in warning) || typeof warning.reason !== 'string') return {};
  return { suppressions: [{ kind: 'external', status: 'accepted', justification: warning.reason }] };
}
