/** Every token the Referrer Policy specification defines. */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;

export type ReferrerPolicyToken = (typeof REFERRER_POLICIES)[number];

/** Policies that send the full URL or the origin to other sites (docs/checks.md stance). */
export const UNSAFE_REFERRER_POLICIES: ReadonlySet<string> = new Set([
  'unsafe-url',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
]);

export interface ParsedReferrerPolicy {
  /** The last valid token, which is the one browsers apply; undefined when none is valid. */
  policy?: ReferrerPolicyToken;
  tokens: string[];
  /** Tokens browsers skip (unknown values, typos). */
  unknown: string[];
}

const KNOWN: ReadonlySet<string> = new Set(REFERRER_POLICIES);

/**
 * Parses every `Referrer-Policy` value of a response; the last valid token wins, so that a
 * fallback list such as `no-referrer, strict-origin-when-cross-origin` works as in browsers.
 *
 * @example
 * parseReferrerPolicy(['no-referrer, strict-origin-when-cross-origin']).policy
 * // 'strict-origin-when-cross-origin'
 */
export function parseReferrerPolicy(values: readonly string[]): ParsedReferrerPolicy {
  const tokens = values
    .flatMap((v) => v.split(','))
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const result: ParsedReferrerPolicy = { tokens, unknown: [] };
  for (const token of tokens) {
    if (KNOWN.has(token)) result.policy = token as ReferrerPolicyToken;
    else result.unknown.push(token);
  }
  return result;
}

/** HTML's legacy `<meta name="referrer">` keywords and the policies they stand for. */
const LEGACY_META: Record<string, ReferrerPolicyToken> = {
  never: 'no-referrer',
  default: 'strict-origin-when-cross-origin',
  always: 'unsafe-url',
  'origin-when-crossorigin': 'origin-when-cross-origin',
};

/**
 * The policy a page's `<meta name="referrer">` elements leave in force, as HTML processes them:
 * each content that is one policy (or a legacy keyword) replaces the document's policy, header
 * included; anything else, a comma list among them, is ignored. Undefined when none applies.
 *
 * @example
 * metaReferrerPolicy(['always']) // 'unsafe-url'
 * metaReferrerPolicy(['no-referrer, same-origin']) // undefined: a list is not a policy here
 */
export function metaReferrerPolicy(contents: readonly string[]): ReferrerPolicyToken | undefined {
  let policy: ReferrerPolicyToken | undefined;
  for (const content of contents) {
    const value = content.toLowerCase();
    const token = LEGACY_META[value] ?? (KNOWN.has(value) ? (value as ReferrerPolicyToken) : undefined);
    if (token) policy = token;
  }
  return policy;
}
