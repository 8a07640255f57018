import { makeContext } from './context.js';
import { resolveOptions } from './options.js';
import type { ScanOptions } from './types.js';
import { Probe } from '../probe/probe.js';
import { capturedTarget } from '../probe/target.js';
import type { Check } from './types.js';
import { runCheckSync, type CheckOutcome } from './run-check.js';
import type { Exchange } from './types.js';

/**
 * Runs checks on one response already in hand, synchronously: what the matchers do for
 * `expect(res).toHaveHsts()`. Checks that need an active probe report `skipped`.
 *
 * @example
 * const [outcome] = checkExchange(fromCaptured(res), [hstsCheck]);
 */
export function checkExchange(
  exchange: Exchange,
  checks: readonly Check[],
  options: ScanOptions = {},
): CheckOutcome[] {
  const resolved = resolveOptions(options, checks);
  const probe = new Probe(capturedTarget(exchange), resolved);
  return checks.map((check) => runCheckSync(check, makeContext(check, probe, [exchange], resolved)));
}
