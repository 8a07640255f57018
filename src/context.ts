import { SkipCheck } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Probe } from './probe/probe.js';
import type { Check, CheckContext } from './registry.js';
import type { Exchange } from './types.js';

/** CHECKS.md: without `sessionCookies`, a cookie is a session cookie when its name says so. */
const SESSION_NAME = /sess|sid|login|auth/i;

/** Builds the context one check runs with; `checkOptions` is that check's own entry. */
export function makeContext(
  check: Check,
  probe: Probe,
  pages: Exchange[],
  options: ResolvedOptions,
): CheckContext {
  const names = options.sessionCookies ? new Set(options.sessionCookies) : undefined;
  return {
    target: probe.info,
    pages,
    probe,
    options,
    checkOptions: options.checkOptions[check.name],
    skip(reason: string): never {
      throw new SkipCheck(reason);
    },
    isSessionCookie: names ? (name) => names.has(name) : (name) => SESSION_NAME.test(name),
  };
}
