import { cspCheck } from '../src/checks/csp.js';
import { pagePolicies } from '../src/checks/page-policies.js';
import { KNOWN_DIRECTIVES, parseCsp } from '../src/headers/csp.js';
import { fallbackList, governingDirective, isStrictDynamic } from '../src/headers/csp-effective.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { booleanOption, didYouMean, noMoreArguments, optionFail, optionsObject } from './validate-options.js';

export interface CspExpectation {
  /** Also require a nonce- or hash-based script-src with 'strict-dynamic', and no host allowlist. */
  strict?: boolean;
  /**
   * Sources each directive must list, e.g. `{ 'frame-ancestors': ["'none'"] }` (camelCase works
   * too); an empty list asks only that the directive is set.
   */
  directives?: Record<string, string[]>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Keywords, schemes and hosts match in any case; nonces and hashes are base64, so exactly. */
const comparable = (source: string) => (/^'(nonce|sha\d+)-/i.test(source) ? source : source.toLowerCase());

/** One source as the parser would judge it alone: an unquoted `self` can never match a policy. */
function sourceProblem(directive: string, source: string): string | undefined {
  const [policy] = parseCsp([`${directive} ${source}`], 'header');
  // 'strict-dynamic' alone is fine here: the nonce it needs changes with every response.
  return policy?.problems.find((p) => p.kind === 'syntax' && !p.message.includes("'strict-dynamic' without"))
    ?.message;
}

function validDirectives(value: unknown): Record<string, string[]> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    optionFail(
      'toHaveCsp: directives',
      value,
      `must be an object of directives, e.g. { 'object-src': ["'none'"] }`,
    );
  const given = new Map<string, string>();
  for (const [key, sources] of Object.entries(value)) {
    const directive = kebab(key);
    if (!KNOWN_DIRECTIVES.has(directive))
      optionFail(
        'toHaveCsp: directives',
        key,
        `is not a CSP directive${didYouMean(directive, KNOWN_DIRECTIVES)}`,
      );
    const twin = given.get(directive);
    if (twin !== undefined)
      optionFail(
        'toHaveCsp: directives',
        key,
        `names ${directive} again (as ${JSON.stringify(twin)} too): keep one`,
      );
    given.set(directive, key);
    if (!Array.isArray(sources))
      optionFail(
        `toHaveCsp: directives: ${key}`,
        sources,
        `must be an array of sources${typeof sources === 'string' ? `: ${JSON.stringify(sources.split(/\s+/).filter(Boolean))}` : ', e.g. ["\'self\'"]'}`,
      );
    for (const source of sources) {
      if (typeof source !== 'string' || source === '' || /[\s;,]/.test(source))
        optionFail(
          `toHaveCsp: directives: ${key}`,
          source,
          'must be one source: a non-empty string without spaces, ";" or ","',
        );
      const problem = sourceProblem(directive, source);
      if (problem !== undefined)
        optionFail(`toHaveCsp: directives: ${key}`, source, `is not a valid source (${problem})`);
    }
  }
  return value as Record<string, string[]>;
}

function validExpectation(expected: unknown): CspExpectation {
  const options = optionsObject('toHaveCsp', expected, ['strict', 'directives'], '{ strict: true }');
  booleanOption('toHaveCsp: strict', options.strict);
  validDirectives(options.directives);
  return options;
}

/**
 * The page enforces a Content-Security-Policy with none of the weaknesses the csp check reports
 * at warning or error.
 *
 * @example
 * expect(res).toHaveCsp({ strict: true, directives: { 'object-src': ["'none'"] } });
 */
export function toHaveCsp(
  this: MatcherContext,
  received: unknown,
  options?: CspExpectation,
  ...extra: unknown[]
) {
  noMoreArguments('toHaveCsp', extra, 'one options object');
  const expected = validExpectation(options);
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
          // A policy with only default-src 'self' governs img-src too: judge what browsers apply.
          const governing = enforced.flatMap((p) => {
            const by = governingDirective(p, directive);
            return by === undefined ? [] : [{ by, list: p.directives.get(by)!.map(comparable) }];
          });
          const via = (by: string) => (by === directive ? directive : `${directive} (through ${by})`);
          if (governing.length === 0) {
            const [, ...fallback] = fallbackList(directive);
            problems.push(
              `${directive} is not set${fallback.length ? `, nor ${fallback.join(' or ')}` : ''}`,
            );
            continue;
          }
          for (const source of sources) {
            if (!governing.some(({ list }) => list.includes(comparable(source))))
              problems.push(
                `${[...new Set(governing.map(({ by }) => via(by)))].join(' and ')} does not list ${source}`,
              );
          }
        }
      }
      return problems;
    },
  });
}
