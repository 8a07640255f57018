import { SkipCheck } from './errors.js';
import { sessionCookieMatcher } from '../util/session-names.js';
import type { ResolvedOptions } from './types.js';
import type { Probe } from '../probe/probe.js';
import type { Check, CheckContext } from './types.js';
import type { Exchange } from './types.js';

/** Builds the context one check runs with; `checkOptions` is that check's own entry. */
export function makeContext(
  check: Check,
  probe: Probe,
  pages: Exchange[],
  options: ResolvedOptions,
): CheckContext {
  return {
    target: probe.info,
    pages,
    probe,
    options,
    checkOptions: options.checkOptions[check.name],
    skip(reason: string): never {
      throw new SkipCheck(reason);
    },
    isSessionCookie: sessionCookieMatcher(options.sessionCookies),
  };
}
