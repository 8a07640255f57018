import { cspCheck } from '../src/checks/csp.js';
import { pagePolicies } from '../src/checks/page-policies.js';
import { isStrictDynamic } from '../src/headers/csp-effective.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';

export interface CspExpectation {
  /** Also require a nonce- or hash-based script-src with 'strict-dynamic', and no host allowlist. */
  strict?: boolean;
  /** Sources each directive must list, e.g. `{ 'frame-ancestors': ["'none'"] }` (camelCase works too). */
  directives?: Record<string, string[]>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The page enforces a Content-Security-Policy with none of the weaknesses the csp check reports
 * at warning or error.
 *
 * @example
 * expect(res).toHaveCsp({ strict: true, directives: { 'object-src': ["'none'"] } });
 */
export function toHaveCsp(this: MatcherContext, received: unknown, expected: CspExpectation = {}) {
  return evaluate(this, received, {
    name: 'toHaveCsp',
    expected: Object.keys(expected).length ? JSON.stringify(expected) : '',
    claim: `enforce a Content-Security-Policy without weaknesses${expected.strict ? ', strict (nonce or hash with strict-dynamic)' : ''}`,
    checks: [cspCheck],
    fails: (code, severity) =>
      severity !== 'info' || (expected.strict === true && code === 'CSP_HOST_ALLOWLIST'),
    headers: ['content-security-policy', 'content-security-policy-report-only'],
    asPage: true,
    extra(ctx) {
      const problems: string[] = [];
      for (const page of ctx.pages) {
        const { enforced } = pagePolicies(page);
        if (enforced.length === 0) continue;
        if (expected.strict) {
          const strict = enforced.some((p) =>
            isStrictDynamic(
              (p.directives.get('script-src') ?? p.directives.get('default-src') ?? []).map((s) =>
                s.toLowerCase(),
              ),
            ),
          );
          if (!strict) problems.push("script-src does not use a nonce or hash with 'strict-dynamic'");
        }
        for (const [name, sources] of Object.entries(expected.directives ?? {})) {
          const directive = kebab(name);
          const lists = enforced
            .map((p) => p.directives.get(directive))
            .filter((l): l is string[] => l !== undefined);
          for (const source of sources) {
            if (!lists.some((list) => list.includes(source)))
              problems.push(`${directive} does not list ${source}`);
          }
        }
      }
      return problems;
    },
  });
}
