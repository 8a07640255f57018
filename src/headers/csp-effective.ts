import { isNonceOrHashSource, type CspPolicy } from './csp.js';

/**
 * The CSP3 directive fallback lists (§6.8.3): which directive governs a kind of load when the
 * specific one is absent. Every fetch directive ends at default-src (fenced-frame-src follows
 * frame-src, as the Fenced Frame spec adds); `base-uri`, `form-action`, `frame-ancestors` and
 * the other document and reporting directives never fall back.
 */
const FALLBACK: Record<string, readonly string[]> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'script-src': ['script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'style-src': ['style-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'fenced-frame-src': ['fenced-frame-src', 'frame-src', 'child-src', 'default-src'],
  'child-src': ['child-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'media-src': ['media-src', 'default-src'],
  'manifest-src': ['manifest-src', 'default-src'],
  'prefetch-src': ['prefetch-src', 'default-src'],
};

/** `directive` and the directives it falls back to, in order. */
export function fallbackList(directive: string): readonly string[] {
  return FALLBACK[directive] ?? [directive];
}

/**
 * The directive that governs `directive` in `policy`: itself when set, else the first of its
 * fallback list that is; undefined when nothing restricts it.
 *
 * @example
 * governingDirective(parseCsp(["default-src 'self'"], 'header')[0], 'img-src') // 'default-src'
 */
export function governingDirective(policy: CspPolicy, directive: string): string | undefined {
  return fallbackList(directive).find((name) => policy.directives.has(name));
}

/** The source list (lower-cased) that governs `directive` in `policy`, or undefined when nothing restricts it. */
export function effectiveSources(policy: CspPolicy, directive: string): string[] | undefined {
  const name = governingDirective(policy, directive);
  return name === undefined ? undefined : policy.directives.get(name)!.map((v) => v.toLowerCase());
}

/**
 * The directive that governs `directive` in `policy` (itself or the one it falls back to) and its
 * sources as written: nonces and hashes are case-sensitive, so a lower-cased list cannot judge them.
 *
 * @example
 * governingSources(parseCsp(["default-src 'self'"], 'header')[0]!, 'script-src-elem')
 * // { name: 'default-src', sources: ["'self'"] }
 */
export function governingSources(
  policy: CspPolicy,
  directive: string,
): { name: string; sources: readonly string[] } | undefined {
  for (const name of fallbackList(directive)) {
    const sources = policy.directives.get(name);
    if (sources) return { name, sources };
  }
  return undefined;
}

const isKeyword = (s: string) => s.startsWith("'");
const isSchemeOnly = (s: string) => /^[a-z][a-z0-9+.-]*:$/.test(s);

export function hasNonceOrHash(list: readonly string[]): boolean {
  return list.some(isNonceOrHashSource);
}

/** 'strict-dynamic' with a nonce or hash: host and scheme allowlists and 'unsafe-inline' are ignored. */
export function isStrictDynamic(list: readonly string[]): boolean {
  return list.includes("'strict-dynamic'") && hasNonceOrHash(list);
}

/**
 * Whether an injected `<base href>` can pick where trusted script comes from (docs/checks.md
 * `CSP_BASE_URI_MISSING`): a nonce trusts a `<script src>` by its attribute, whatever URL the
 * relative src resolves to, and 'strict-dynamic' trusts the scripts a hashed one creates. A hash
 * alone trusts inline code and external scripts whose integrity matches, which a foreign file
 * cannot, so without 'strict-dynamic' a hash policy does not depend on the base URL.
 */
export function followsBaseUrl(list: readonly string[]): boolean {
  return list.some((s) => isNonceOrHashSource(s) && s.startsWith("'nonce-")) || isStrictDynamic(list);
}

/**
 * Whether a source list lets inline content run (CSP3 "does a source list allow all inline
 * behavior"): a nonce, a hash or (for scripts) 'strict-dynamic' cancels 'unsafe-inline'.
 * `undefined` (no governing directive) allows everything.
 */
export function allowsInline(list: readonly string[] | undefined, script: boolean): boolean {
  if (!list) return true;
  if (list.some(isNonceOrHashSource)) return false;
  if (script && list.includes("'strict-dynamic'")) return false;
  return list.includes("'unsafe-inline'");
}

/** Sources that let an attacker load script from almost anywhere: `*`, `http:`, `https:`, wildcard hosts. */
export function broadSources(list: readonly string[] | undefined, script: boolean): string[] {
  if (!list) return [];
  if (script && list.includes("'strict-dynamic'")) return [];
  return list.filter(
    (s) => s === '*' || s === 'http:' || s === 'https:' || /^(?:[a-z][a-z0-9+.-]*:\/\/)?\*(?:[.:]|$)/.test(s),
  );
}

/** Host sources (and scheme sources other than broad ones) that a script list relies on. */
export function hostAllowlist(list: readonly string[] | undefined): string[] {
  if (!list || list.includes("'strict-dynamic'")) return [];
  return list.filter((s) => !isKeyword(s) && !isSchemeOnly(s) && s !== '*');
}

/** `http:` sources: the scheme alone or a host source with the http scheme. */
export function insecureSources(list: readonly string[]): string[] {
  return list.filter((s) => s === 'http:' || s.startsWith('http://') || s === 'ws:' || s.startsWith('ws://'));
}

/**
 * True when every policy has the weakness: several enforced policies all apply, so a weakness
 * counts only if none of them closes it (docs/checks.md stance "Multiple CSP headers").
 */
export function everyPolicy(policies: readonly CspPolicy[], weak: (policy: CspPolicy) => boolean): boolean {
  return policies.length > 0 && policies.every(weak);
}
