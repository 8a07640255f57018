import { describe, expect, it } from 'vitest';
import { parseCsp } from '../../src/headers/csp.js';
import {
  allowsInline,
  broadSources,
  effectiveSources,
  hostAllowlist,
  insecureSources,
  isStrictDynamic,
} from '../../src/headers/csp-effective.js';

const one = (value: string) => {
  const policies = parseCsp([value], 'header');
  expect(policies).toHaveLength(1);
  return policies[0]!;
};
const messages = (value: string, kind = 'syntax') =>
  one(value)
    .problems.filter((p) => p.kind === kind)
    .map((p) => p.message)
    .join(' | ');

describe('parseCsp', () => {
  it('splits directives and keeps values as written', () => {
    const policy = one(
      "Default-Src 'self';  script-src 'nonce-AbCdEfGhIjKlMnOpQrStUvWx' https://cdn.example.com ; img-src *",
    );
    expect([...policy.directives.keys()]).toEqual(['default-src', 'script-src', 'img-src']);
    expect(policy.directives.get('script-src')).toEqual([
      "'nonce-AbCdEfGhIjKlMnOpQrStUvWx'",
      'https://cdn.example.com',
    ]);
    expect(policy.nonces).toEqual(['AbCdEfGhIjKlMnOpQrStUvWx']);
    expect(policy.problems).toEqual([]);
  });

  it('treats commas as separate policies, in one header or several', () => {
    expect(parseCsp(["default-src 'self', script-src 'none'"], 'header')).toHaveLength(2);
    expect(parseCsp(["default-src 'self'", "object-src 'none'"], 'header')).toHaveLength(2);
  });

  it('keeps the first of a repeated directive and reports it (docs/checks.md stance)', () => {
    const policy = one("script-src 'self'; script-src *");
    expect(policy.directives.get('script-src')).toEqual(["'self'"]);
    expect(messages("script-src 'self'; script-src *")).toMatch(/script-src is repeated/);
  });

  it.each([
    ['', /policy is empty/],
    [' ; ; ', /policy is empty/],
    ["scrpt-src 'self'", /scrpt-src is not a known directive/],
    ['script-src self', /self must be quoted/],
    ['script-src unsafe-inline', /unsafe-inline must be quoted/],
    ['script-src nonce-abc', /must be quoted/],
    ["script-src 'unsafe-inlin'", /is not a CSP keyword/],
    ["script-src 'nonce-'", /malformed nonce/],
    ["script-src 'nonce-abc", /malformed nonce/],
    ["script-src 'sha256-abc'", /not a valid sha256 hash/],
    ["script-src 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk='", /unsupported hash algorithm/],
    // CSP3 base64-value: only ALPHA DIGIT + / - _ then at most two '='; Chromium drops anything else.
    [
      "script-src 'nonce-r4nd0m!r4nd0m!r4nd0m!r4nd0m'",
      /malformed nonce \(base64 characters only\); browsers ignore it/,
    ],
    ["script-src 'nonce-invalid$' 'unsafe-inline'", /'unsafe-inline' in the same list stays in force/],
    ["script-src 'nonce-a=b'", /malformed nonce/],
    ["script-src 'nonce-abc==='", /malformed nonce/],
    ["script-src 'sha256-!!!'", /not a valid sha256 hash \(base64 only\); browsers ignore it/],
    ["script-src 'sha256-'", /not a valid sha256 hash \(base64 only\)/],
    ["script-src 'sha256-abc'", /not 32 bytes, so it matches no script/],
    ["default-src 'self' script-src 'none'", /is a ';' missing/],
    ["script-src 'strict-dynamic'", /'strict-dynamic' without a nonce or hash blocks every script/],
    ["object-src 'none' 'self'", /'none' is ignored/],
    ['img-src https://exa_mple.com', /"https:\/\/exa_mple.com" is not a valid/],
    ['img-src ht^tp://x', /not a valid source expression/],
    ['upgrade-insecure-requests 1', /takes no value/],
    ['sc@ript-src x', /not a directive name/],
  ])('reports %j', (value, problem) => {
    expect(messages(value)).toMatch(problem);
  });

  it.each([
    ["script-src 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
    ["script-src 'SHA384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb'"],
    ["script-src 'strict-dynamic' 'nonce-r4nd0mR4nd0mR4nd0mR4nd0m' https: 'unsafe-inline'"],
    ['script-src https://*.example.com:443/js/ http://localhost:* data: blob: wss:'],
    [
      "default-src 'none'; report-to csp; report-uri /csp; sandbox allow-forms; trusted-types default; require-trusted-types-for 'script'",
    ],
    ["frame-ancestors 'self' https://partner.example"],
    ["script-src 'self' 'wasm-unsafe-eval' 'report-sample'"],
  ])('accepts %j', (value) => {
    expect(one(value).problems).toEqual([]);
  });

  it('marks deprecated directives as deprecated, not unknown', () => {
    expect(messages('block-all-mixed-content; referrer no-referrer', 'deprecated')).toMatch(
      /block-all-mixed-content.*referrer/,
    );
    expect(messages('block-all-mixed-content')).toBe('');
  });

  it.each([["script-src 'nonce-abc123'", /3|6 characters/]])(
    'reports weak nonces in %j',
    (value, problem) => {
      expect(messages(value, 'weak-nonce')).toMatch(problem);
    },
  );

  it('keeps only the nonces browsers accept, so a dropped one is never checked for reuse', () => {
    const policy = one("script-src 'nonce-invalid$' 'nonce-' 'NONCE-r4nd0mR4nd0mR4nd0mR4nd0m'");
    expect(policy.nonces).toEqual(['r4nd0mR4nd0mR4nd0mR4nd0m']);
    expect(messages("script-src 'nonce-invalid$'", 'weak-nonce')).toBe('');
  });

  it("treats 'strict-dynamic' with only a malformed nonce as having none", () => {
    expect(messages("script-src 'strict-dynamic' 'nonce-invalid$'")).toMatch(
      /'strict-dynamic' without a nonce or hash blocks every script/,
    );
  });

  it('accepts a 22-character nonce and base64url', () => {
    expect(one("script-src 'nonce-AAAAAAAAAAAAAAAAAAAAA_'").problems).toEqual([]);
  });
});

describe('effective policy', () => {
  it('falls back from script-src-elem to script-src to default-src', () => {
    expect(effectiveSources(one("default-src 'self'"), 'script-src-elem')).toEqual(["'self'"]);
    expect(effectiveSources(one("default-src 'self'; script-src 'none'"), 'script-src-elem')).toEqual([
      "'none'",
    ]);
    expect(
      effectiveSources(one("script-src 'none'; script-src-attr 'unsafe-inline'"), 'script-src-attr'),
    ).toEqual(["'unsafe-inline'"]);
    expect(effectiveSources(one("default-src 'self'"), 'base-uri')).toBeUndefined();
    expect(effectiveSources(one("img-src 'self'"), 'script-src')).toBeUndefined();
  });

  it.each([
    [undefined, true, true],
    [["'self'"], true, false],
    [["'unsafe-inline'"], true, true],
    [["'unsafe-inline'", "'nonce-abc'"], true, false],
    // Chromium keeps a well-formed hash of the wrong length, so it cancels 'unsafe-inline' too.
    [["'unsafe-inline'", "'sha256-abc'"], true, false],
    // Sources browsers drop as invalid leave 'unsafe-inline' in force (test/browser shows it).
    [["'unsafe-inline'", "'nonce-invalid$'"], true, true],
    [["'unsafe-inline'", "'nonce-'"], true, true],
    [["'unsafe-inline'", "'nonce-a=b'"], true, true],
    [["'unsafe-inline'", "'sha256-!!!'"], true, true],
    [["'unsafe-inline'", "'sha1-2jmj7l5rsw0yvb/vlwaykk/ybwk='"], true, true],
    [["'unsafe-inline'", "'strict-dynamic'"], true, false],
    [["'unsafe-inline'", "'strict-dynamic'"], false, true],
  ])('allowsInline(%j, script=%s) is %s', (list, script, expected) => {
    expect(allowsInline(list, script)).toBe(expected);
  });

  it('finds broad sources unless strict-dynamic cancels them', () => {
    expect(
      broadSources(['*', 'https:', 'http:', 'https://*.cdn.com', '*.x.com', 'https://ok.com'], true),
    ).toEqual(['*', 'https:', 'http:', 'https://*.cdn.com', '*.x.com']);
    expect(broadSources(['https:', "'strict-dynamic'", "'nonce-x'"], true)).toEqual([]);
    expect(broadSources(['https:', "'strict-dynamic'"], false)).toEqual(['https:']);
  });

  it('knows host allowlists, strict-dynamic and insecure sources', () => {
    expect(hostAllowlist(["'self'", 'https://cdn.example.com', 'https:'])).toEqual([
      'https://cdn.example.com',
    ]);
    expect(hostAllowlist(['https://cdn.example.com', "'strict-dynamic'"])).toEqual([]);
    expect(isStrictDynamic(["'strict-dynamic'", "'nonce-x'"])).toBe(true);
    expect(isStrictDynamic(["'strict-dynamic'"])).toBe(false);
    expect(insecureSources(['http:', 'http://a.com', 'https://b.com', 'ws://c'])).toEqual([
      'http:',
      'http://a.com',
      'ws://c',
    ]);
  });
});
