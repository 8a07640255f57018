import { HASH_SOURCE, NONCE_SOURCE, SCHEME_SOURCE, type CspPolicy } from './csp.js';
import { allowsInline } from './csp-effective.js';

/** CSP3's inline check types: `navigation` is a javascript: URL, judged by script-src-elem. */
export type InlineType = 'script' | 'script attribute' | 'navigation' | 'style' | 'style attribute';

/** The directive whose source list judges each inline type (CSP3 "effective directive for inline checks"). */
export const INLINE_DIRECTIVE: Readonly<Record<InlineType, string>> = {
  script: 'script-src-elem',
  'script attribute': 'script-src-attr',
  navigation: 'script-src-elem',
  style: 'style-src-elem',
  'style attribute': 'style-src-attr',
};

export interface InlineElement {
  /** The element's nonce, only when the browser honours it (see "is element nonceable"). */
  nonce?: string;
  speculationRules?: boolean;
  /** The base64 digest of the element's source with `sha256`, `sha384` or `sha512`. */
  digest(algorithm: string): string;
}

export interface ScriptFetch {
  url: URL;
  nonce?: string;
  integrity?: string;
}

// The host pattern here captures each part for matching and reads a query or fragment as
// browsers do (ignored); csp.ts's stricter one decides what is reported as invalid.
const HOST_SOURCE =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)\.?(?::(\d+|\*))?(\/[^?#]*)?(?:[?#].*)?$/i;
const DEFAULT_PORT: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

const base64 = (value: string) => value.replace(/-/g, '+').replace(/_/g, '/');
const schemeOf = (url: URL) => url.protocol.slice(0, -1);

/** What the checks ask of a source list, worked out once per list: a page asks it for every element. */
interface Compiled {
  keywords: ReadonlySet<string>;
  nonces: ReadonlySet<string>;
  hashes: readonly { algorithm: string; value: string }[];
  scriptInline: boolean;
  styleInline: boolean;
}

const compiled = new WeakMap<readonly string[], Compiled>();

function compile(list: readonly string[]): Compiled {
  let entry = compiled.get(list);
  if (!entry) {
    const lower = list.map((s) => s.toLowerCase());
    const nonces = new Set<string>();
    const hashes: { algorithm: string; value: string }[] = [];
    for (const source of list) {
      const nonce = NONCE_SOURCE.exec(source);
      if (nonce) nonces.add(nonce[1]!);
      const hash = HASH_SOURCE.exec(source);
      if (hash) hashes.push({ algorithm: hash[1]!.toLowerCase(), value: base64(hash[2]!) });
    }
    entry = {
      keywords: new Set(lower.filter((s) => s.startsWith("'"))),
      nonces,
      hashes,
      scriptInline: allowsInline(lower, true),
      styleInline: allowsInline(lower, false),
    };
    compiled.set(list, entry);
  }
  return entry;
}

/** Hash sources as `{ algorithm, value }`, base64url spelled as base64 (CSP3 compares them so). */
export function hashSources(list: readonly string[]): readonly { algorithm: string; value: string }[] {
  return compile(list).hashes;
}

/** Whether a nonce attribute value is one of the list's nonce sources (case-sensitive, as written). */
export function nonceMatches(list: readonly string[], nonce: string): boolean {
  return compile(list).nonces.has(nonce);
}

/**
 * CSP3 "does element match source list for type and source": 'unsafe-inline' (unless a nonce,
 * hash or, for scripts, 'strict-dynamic' cancels it), the element's nonce, or a hash of its
 * source (for attributes and javascript: URLs only with 'unsafe-hashes').
 *
 * @example
 * inlineAllowed(["'nonce-abc'"], 'script', { nonce: 'abc', digest: () => '' }) // true
 */
export function inlineAllowed(list: readonly string[], type: InlineType, element: InlineElement): boolean {
  const { keywords, nonces, hashes, scriptInline, styleInline } = compile(list);
  if (type === 'style' || type === 'style attribute' ? styleInline : scriptInline) return true;
  if (type === 'script' && element.speculationRules && keywords.has("'inline-speculation-rules'"))
    return true;
  const elementType = type === 'script' || type === 'style';
  if (elementType && element.nonce !== undefined && nonces.has(element.nonce)) return true;
  if (!elementType && !keywords.has("'unsafe-hashes'")) return false;
  return hashes.some((hash) => element.digest(hash.algorithm) === hash.value);
}

/**
 * CSP3's pre-request check for a parser-inserted `<script src>`: its nonce, an integrity
 * attribute whose every hash the list holds, else (without 'strict-dynamic', which ignores host
 * and scheme sources) the URL against the list.
 *
 * @example
 * scriptFetchAllowed(["'self'"], { url: new URL('https://cdn.example/x.js') }, new URL('https://example.com/')) // false
 */
export function scriptFetchAllowed(list: readonly string[], script: ScriptFetch, self: URL): boolean {
  if (script.nonce !== undefined && nonceMatches(list, script.nonce)) return true;
  if (integrityMatches(list, script.integrity)) return true;
  if (compile(list).keywords.has("'strict-dynamic'")) return false;
  return urlMatches(list, script.url, self);
}

/** Subresource Integrity metadata that the list's hash sources cover entirely (CSP3 "bypass due to integrity match"). */
function integrityMatches(list: readonly string[], integrity: string | undefined): boolean {
  const hashes = hashSources(list);
  if (hashes.length === 0 || !integrity) return false;
  const metadata: { algorithm: string; value: string }[] = [];
  for (const token of integrity.split(/[\t\n\f\r ]+/)) {
    const match = /^(sha256|sha384|sha512)-([A-Za-z0-9+/_-]+={0,2})(?:\?.*)?$/i.exec(token);
    if (match) metadata.push({ algorithm: match[1]!.toLowerCase(), value: base64(match[2]!) });
  }
  return (
    metadata.length > 0 &&
    metadata.every((m) => hashes.some((h) => h.algorithm === m.algorithm && h.value === m.value))
  );
}

/**
 * Whether enforced policies let a document take `url` as its base (`<base href>`): every
 * policy's base-uri, where it has one, must match it (base-uri has no fallback to default-src).
 * A blocked base leaves the document's own URL as its base.
 *
 * @example
 * baseUriAllows(parseCsp(["base-uri 'self'"], 'header'), new URL('https://evil.test/'), new URL('https://shop.test/')) // false
 */
export function baseUriAllows(policies: readonly CspPolicy[], url: URL, self: URL): boolean {
  return policies.every((policy) => {
    const list = policy.directives.get('base-uri');
    return !list || urlMatches(list, url, self);
  });
}

/**
 * CSP3 §6.7.2.5 "does url match source list": `*`, scheme sources, host sources (wildcard
 * hosts, ports, paths) and 'self', against the page's own URL. Hosts compare as strings, as
 * Chromium does, so an IP address matches a host source that names it.
 *
 * @example
 * urlMatches(['https://*.example.com'], new URL('https://cdn.example.com/a.js'), new URL('https://example.com/')) // true
 */
export function urlMatches(list: readonly string[], url: URL, self: URL): boolean {
  return list.some((expression) => expressionMatches(expression, url, self));
}

function expressionMatches(expression: string, url: URL, self: URL): boolean {
  const scheme = schemeOf(url);
  if (expression === '*') return scheme === 'http' || scheme === 'https' || scheme === schemeOf(self);
  if (expression.toLowerCase() === "'self'") return selfMatches(url, self);
  const schemeOnly = SCHEME_SOURCE.exec(expression);
  if (schemeOnly) return schemePartMatches(schemeOnly[1]!.toLowerCase(), scheme);
  const host = HOST_SOURCE.exec(expression);
  if (!host) return false;
  const [, sourceScheme, hostPart, port, path] = host;
  if (sourceScheme !== undefined && !schemePartMatches(sourceScheme.toLowerCase(), scheme)) return false;
  if (url.hostname === '') return false;
  if (sourceScheme === undefined && !schemePartMatches(schemeOf(self), scheme)) return false;
  return (
    hostPartMatches(hostPart!.toLowerCase(), url.hostname) &&
    portMatches(port, url) &&
    (path === undefined || pathMatches(path, url.pathname))
  );
}

/** A source for http: also matches https:, one for ws: also http:, https: and wss: (the secure upgrades). */
function schemePartMatches(a: string, b: string): boolean {
  return (
    a === b ||
    (a === 'http' && b === 'https') ||
    (a === 'ws' && (b === 'wss' || b === 'http' || b === 'https')) ||
    (a === 'wss' && b === 'https')
  );
}

function hostPartMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

function portMatches(port: string | undefined, url: URL): boolean {
  if (port === '*') return true;
  const wanted = port === undefined ? null : Number(port);
  const actual = url.port === '' ? null : Number(url.port);
  if (wanted === actual) return true;
  return actual === null && wanted === DEFAULT_PORT[schemeOf(url)];
}

/** A path ending in "/" is a prefix; any other path must match exactly (percent-decoded, case-sensitive). */
function pathMatches(pattern: string, path: string): boolean {
  if (pattern === '' || (pattern === '/' && path === '')) return true;
  const exact = !pattern.endsWith('/');
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length > have.length || (exact && want.length !== have.length)) return false;
  if (!exact) want.pop();
  return want.every((piece, i) => percentDecode(piece) === percentDecode(have[i]!));
}

/** Percent-decoding that never throws (a malformed escape stays as written), byte for byte. */
const percentDecode = (text: string) =>
  text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** 'self': the page's origin, or the same host on a secure scheme (an http: page's 'self' allows its https: twin). */
function selfMatches(url: URL, self: URL): boolean {
  if (url.origin !== 'null' && url.origin === self.origin) return true;
  if (url.hostname === '' || url.hostname !== self.hostname || url.port !== self.port) return false;
  const scheme = schemeOf(url);
  return (
    scheme === 'https' ||
    scheme === 'wss' ||
    (schemeOf(self) === 'http' && (scheme === 'http' || scheme === 'ws'))
  );
}
