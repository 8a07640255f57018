/** Where a policy came from; a `<meta>` policy is enforced but cannot set `frame-ancestors`. */
export type CspSource = 'header' | 'report-only' | 'meta';

export type CspProblemKind = 'syntax' | 'deprecated' | 'weak-nonce';

export interface CspProblem {
  kind: CspProblemKind;
  message: string;
}

/** One serialized policy (a header may hold several, separated by commas). */
export interface CspPolicy {
  source: CspSource;
  raw: string;
  /** Directive name (lower-case) to its source list as written. First occurrence wins. */
  directives: Map<string, string[]>;
  problems: CspProblem[];
  /** Every nonce value that appears in the policy, without quotes and prefix. */
  nonces: string[];
}

const FETCH_DIRECTIVES = [
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
  'fenced-frame-src',
  'prefetch-src',
] as const;

const SOURCE_LIST_DIRECTIVES: ReadonlySet<string> = new Set([
  ...FETCH_DIRECTIVES,
  'base-uri',
  'form-action',
  'frame-ancestors',
]);

/** Directives browsers no longer support (docs/checks.md `CSP_DEPRECATED`). */
export const DEPRECATED_DIRECTIVES: ReadonlySet<string> = new Set([
  'reflected-xss',
  'referrer',
  'prefetch-src',
  'block-all-mixed-content',
  'plugin-types',
]);

const OTHER_DIRECTIVES = [
  'sandbox',
  'report-uri',
  'report-to',
  'upgrade-insecure-requests',
  'require-trusted-types-for',
  'trusted-types',
  'webrtc',
];

/** Every directive name checksecure recognises, including deprecated ones. */
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  ...SOURCE_LIST_DIRECTIVES,
  ...OTHER_DIRECTIVES,
  ...DEPRECATED_DIRECTIVES,
]);

const KEYWORDS: ReadonlySet<string> = new Set([
  "'self'",
  "'none'",
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'strict-dynamic'",
  "'unsafe-hashes'",
  "'report-sample'",
  "'unsafe-allow-redirects'",
  "'wasm-unsafe-eval'",
  "'inline-speculation-rules'",
  "'trusted-types-eval'",
  "'report-sha256'",
  "'report-sha384'",
  "'report-sha512'",
]);

const HASH_BYTES: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };
/**
 * CSP3 nonce-source and hash-source: `'nonce-` or `'sha256-` (384, 512) then a base64-value
 * (1*( ALPHA / DIGIT / "+" / "/" / "-" / "_" ) *2"="). Browsers drop any other spelling as an
 * invalid source, so it neither lets a script in nor cancels 'unsafe-inline'.
 */
/** CSP3's nonce-source and hash-source (base64 or base64url value), with the value captured. */
export const NONCE_SOURCE = /^'nonce-([a-z0-9+/_-]+={0,2})'$/i;
export const HASH_SOURCE = /^'(sha256|sha384|sha512)-([a-z0-9+/_-]+={0,2})'$/i;

/**
 * Whether a source expression is a nonce or hash source that browsers accept (CSP3 grammar; a
 * hash of the wrong length is accepted: it matches nothing, but still cancels 'unsafe-inline').
 *
 * @example
 * isNonceOrHashSource("'nonce-r4nd0m'") // true
 * isNonceOrHashSource("'nonce-invalid$'") // false: Chromium ignores it
 */
export function isNonceOrHashSource(source: string): boolean {
  return NONCE_SOURCE.test(source) || HASH_SOURCE.test(source);
}
/** CSP3's scheme-source, with the scheme captured. */
export const SCHEME_SOURCE = /^([a-z][a-z0-9+.-]*):$/i;
const HOST_SOURCE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?)(?::(?:\d+|\*))?(?:\/[^\s;,]*)?$/i;
/**
 * Whether browsers accept `source` as a source expression: a keyword, a well-formed nonce or
 * hash, a scheme or a host source (whose path carries no `#`, which a URL would end at).
 *
 * @example
 * isValidSource("'self'") // true
 * isValidSource('::error::x') // false
 */
export function isValidSource(source: string): boolean {
  const lower = source.toLowerCase();
  if (source.startsWith("'")) return KEYWORDS.has(lower) || isNonceOrHashSource(source);
  return SCHEME_SOURCE.test(source) || (HOST_SOURCE.test(source) && !source.includes('#'));
}
/** 128 bits in base64 (docs/checks.md stance: the CSP specification's recommendation). */
export const MIN_NONCE_LENGTH = 22;

/**
 * Parses every value of one CSP header (or `<meta>` content) into policies, following the CSP3
 * "parse a serialized CSP" algorithm: commas separate policies, the first occurrence of a
 * directive wins, and each mistake a browser would skip is recorded as a problem.
 *
 * @example
 * const [policy] = parseCsp(["default-src 'self'; script-src 'nonce-abc'"], 'header');
 * policy.directives.get('script-src') // ["'nonce-abc'"]
 */
export function parseCsp(values: readonly string[], source: CspSource): CspPolicy[] {
  const policies: CspPolicy[] = [];
  for (const value of values) {
    for (const serialized of value.split(',')) policies.push(parsePolicy(serialized.trim(), source));
  }
  return policies;
}

function parsePolicy(raw: string, source: CspSource): CspPolicy {
  const policy: CspPolicy = { source, raw, directives: new Map(), problems: [], nonces: [] };
  const syntax = (message: string) => policy.problems.push({ kind: 'syntax', message });
  for (const token of raw.split(';')) {
    const trimmed = token.trim();
    if (trimmed === '') continue;
    const [rawName = '', ...values] = trimmed.split(/[\t\n\f\r ]+/);
    const name = rawName.toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) {
      syntax(`"${rawName}" is not a directive name`);
      continue;
    }
    if (policy.directives.has(name)) {
      syntax(`${name} is repeated; browsers use the first and ignore "${trimmed}"`);
      continue;
    }
    policy.directives.set(name, values);
    if (DEPRECATED_DIRECTIVES.has(name)) {
      policy.problems.push({ kind: 'deprecated', message: `${name} is deprecated and ignored by browsers` });
    } else if (!KNOWN_DIRECTIVES.has(name)) {
      syntax(`${name} is not a known directive`);
    }
    if (SOURCE_LIST_DIRECTIVES.has(name)) checkSourceList(name, values, policy);
    else if (name === 'upgrade-insecure-requests' && values.length > 0) {
      syntax('upgrade-insecure-requests takes no value');
    }
  }
  if (policy.directives.size === 0) syntax('the policy is empty');
  return policy;
}

function checkSourceList(directive: string, values: string[], policy: CspPolicy): void {
  const syntax = (message: string) => policy.problems.push({ kind: 'syntax', message });
  let nonceOrHash = false;
  for (const value of values) {
    const lower = value.toLowerCase();
    if (KNOWN_DIRECTIVES.has(lower)) {
      syntax(`${directive}: "${value}" looks like a directive; is a ';' missing before it?`);
      continue;
    }
    if (lower.startsWith("'nonce-")) {
      nonceOrHash = checkNonce(directive, value, policy) || nonceOrHash;
      continue;
    }
    const hash = /^'(sha\d+)-(.*)'$/i.exec(value);
    if (hash) {
      const expected = HASH_BYTES[(hash[1] as string).toLowerCase()];
      if (expected === undefined) {
        syntax(
          `${directive}: ${value} uses an unsupported hash algorithm (sha256, sha384 or sha512); browsers ignore it${IGNORED}`,
        );
      } else if (!HASH_SOURCE.test(value)) {
        syntax(
          `${directive}: ${value} is not a valid ${hash[1]} hash (base64 only); browsers ignore it${IGNORED}`,
        );
      } else {
        // Browsers keep a well-formed hash of the wrong length: it matches no script.
        if (decodedLength(hash[2] as string) !== expected)
          syntax(
            `${directive}: ${value} is not a valid ${hash[1]} hash: it is not ${expected} bytes, so it matches no script`,
          );
        nonceOrHash = true;
      }
      continue;
    }
    if (value.startsWith("'")) {
      if (!KEYWORDS.has(lower)) syntax(`${directive}: ${value} is not a CSP keyword`);
      continue;
    }
    if (KEYWORDS.has(`'${lower}'`) || /^(nonce|sha256|sha384|sha512)-/.test(lower)) {
      syntax(`${directive}: ${value} must be quoted ('${value}'), or browsers read it as a host name`);
      continue;
    }
    if (!SCHEME_SOURCE.test(value) && !HOST_SOURCE.test(value)) {
      syntax(`${directive}: "${value}" is not a valid source expression`);
    }
  }
  const lowerValues = values.map((v) => v.toLowerCase());
  if (lowerValues.includes("'none'") && values.length > 1) {
    syntax(`${directive}: 'none' is ignored when other sources are listed`);
  }
  if (lowerValues.includes("'strict-dynamic'") && !nonceOrHash && directive.startsWith('script-src')) {
    syntax(`${directive}: 'strict-dynamic' without a nonce or hash blocks every script`);
  }
}

/** Said of a source browsers drop: the rest of the list, 'unsafe-inline' included, still applies. */
const IGNORED = ", and 'unsafe-inline' in the same list stays in force";

/** Records the nonce when browsers accept it; returns whether they do. */
function checkNonce(directive: string, value: string, policy: CspPolicy): boolean {
  if (!NONCE_SOURCE.test(value)) {
    const why = !value.endsWith("'") || value.length <= "'nonce-'".length ? '' : ' (base64 characters only)';
    policy.problems.push({
      kind: 'syntax',
      message: `${directive}: ${value} is a malformed nonce${why}; browsers ignore it${IGNORED}`,
    });
    return false;
  }
  const nonce = value.slice("'nonce-".length, -1);
  policy.nonces.push(nonce);
  if (nonce.replace(/=+$/, '').length < MIN_NONCE_LENGTH) {
    policy.problems.push({
      kind: 'weak-nonce',
      message: `${directive}: nonce "${nonce}" has ${nonce.replace(/=+$/, '').length} characters; 128 bits needs ${MIN_NONCE_LENGTH}`,
    });
  }
  return true;
}

function decodedLength(base64: string): number {
  const body = base64.replace(/=+$/, '');
  return Math.floor((body.length * 6) / 8);
}
