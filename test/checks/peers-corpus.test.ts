/**
 * The peers' own documented expectations, as data: the MDN HTTP Observatory's test suite
 * (mdn/mdn-http-observatory, test/*.test.js) and Google's csp-evaluator's
 * (google/csp-evaluator, checks/*_test.ts), each case written from the peer's test input and the
 * verdict it asserts. Each runs through our checks; `codes` pins what we say. Where our verdict
 * (a code at warning or error fails, as `--fail-on warning`) differs from the peer's, `stance`
 * names the docs/checks.md stance that says why, and the test holds that bullet to exist; where they
 * agree, a stance would be noise and is refused.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cookiesCheck } from '../../src/checks/cookies.js';
import { corsCheck } from '../../src/checks/cors.js';
import { cspCheck } from '../../src/checks/csp.js';
import { framingCheck } from '../../src/checks/framing.js';
import { hstsCheck } from '../../src/checks/hsts.js';
import { httpsRedirectCheck } from '../../src/checks/https-redirect.js';
import { noSniffCheck } from '../../src/checks/no-sniff.js';
import { referrerPolicyCheck } from '../../src/checks/referrer-policy.js';
import { sessionCookieCheck } from '../../src/checks/session-cookie.js';
import type { Check, Report } from '../../src/core/types.js';
import { scan } from '../../src/core/scan.js';
import { HTML, scanResponse, type Captured } from '../helpers/captured.js';
import { serve } from '../helpers/server.js';

type Verdict = 'pass' | 'fail';

interface PeerCase {
  /** `file: test name` in the peer's repository, where the expectation is written. */
  where: string;
  /** The peer's verdict, and its result name (Observatory) or finding severity (csp-evaluator). */
  says: [Verdict, string];
  /** Our codes for the input, sorted. */
  codes: string[];
  /** Our codes that answer the question the peer's test asks; every code when absent. */
  about?: string[];
  /** The docs/checks.md stance (its bold title) when our verdict differs from the peer's. */
  stance?: string;
}

interface ResponseCase extends PeerCase {
  response: Captured;
}

const CATALOGUE = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
const O = 'mdn/mdn-http-observatory test/';
const E = 'google/csp-evaluator checks/';

/** Our verdict on the peer's question: a code it is about, at warning or error, fails. */
function ours(report: Report, about?: string[]): Verdict {
  return report.warnings.some((w) => (about === undefined || about.includes(w.code)) && w.severity !== 'info')
    ? 'fail'
    : 'pass';
}

function judge(c: PeerCase, report: Report) {
  expect(report.checks.filter((x) => x.status === 'errored')).toEqual([]);
  expect(report.warnings.map((w) => w.code).sort()).toEqual(c.codes);
  const verdict = ours(report, c.about);
  if (verdict === c.says[0]) {
    expect(c.stance, 'we agree with the peer here: no stance to cite').toBeUndefined();
  } else {
    expect(c.stance, `we say ${verdict} where the peer says ${c.says[0]}: name the stance`).toBeDefined();
    expect(CATALOGUE).toContain(`**${c.stance}**`);
  }
}

const csp = (policy: string, extra: Record<string, string> = {}, body = ''): Captured => ({
  headers: { ...HTML, 'content-security-policy': policy, ...extra },
  body,
});
const headerOnly = (name: string, value: string | string[]): Captured => ({
  headers: { ...HTML, [name]: value },
});

const STYLE_HASH = "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='";
const OTHER_HASH = "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='";

const OBSERVATORY_CSP: ResponseCase[] = [
  ...["default-src 'none'; default-src 'none'", "default-src 'none'; img-src 'self'; default-src 'none'"].map(
    (policy): ResponseCase => ({
      where: `${O}csp.test.js: header invalid (repeated directive)`,
      says: ['fail', 'csp-header-invalid'],
      response: csp(policy),
      codes: ['CSP_INVALID', 'CSP_NO_REPORTING'],
    }),
  ),
  {
    where: `${O}csp.test.js: header invalid (strict-dynamic without hash or nonce)`,
    says: ['fail', 'csp-header-invalid'],
    response: csp("default-src 'none'; script-src 'strict-dynamic'"),
    codes: ['CSP_INVALID', 'CSP_NO_REPORTING'],
  },
  {
    where: `${O}csp.test.js: header invalid`,
    says: ['fail', 'csp-header-invalid'],
    response: csp('defa'),
    codes: ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  },
  {
    where: `${O}csp.test.js: insecure scheme broad and unsafe`,
    says: ['fail', 'csp-implemented-with-unsafe-inline'],
    response: csp("default-src 'none'; script-src https://*"),
    codes: ['CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING'],
  },
  {
    where: `${O}csp.test.js: insecure scheme broad and unsafe`,
    says: ['fail', 'csp-implemented-with-unsafe-inline'],
    response: csp("default-src 'none'; script-src 'unsafe-inline'"),
    codes: ['CSP_NO_REPORTING', 'CSP_UNSAFE_INLINE'],
  },
  {
    where: `${O}csp.test.js: insecure scheme`,
    says: ['fail', 'csp-implemented-with-insecure-scheme'],
    response: csp('default-src http://mozilla.org'),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  },
  {
    where: `${O}csp.test.js: insecure scheme`,
    says: ['fail', 'csp-implemented-with-insecure-scheme'],
    response: csp("default-src 'none'; script-src http://mozilla.org"),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING'],
    stance: '`http:` sources in a policy',
  },
  {
    where: `${O}csp.test.js: insecure scheme`,
    says: ['fail', 'csp-implemented-with-insecure-scheme'],
    response: csp("default-src 'none'; script-src ftp://mozilla.org"),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING'],
    stance: '`http:` sources in a policy',
  },
  ...[
    ["default-src 'none'; img-src http://mozilla.org", ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING']],
    [
      "default-src 'none'; img-src https:; media-src http://mozilla.org",
      ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING'],
    ],
    [
      "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
      ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING'],
    ],
    [
      "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
      ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING'],
    ],
    [
      "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'unsafe-inline'",
      ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_STYLE_UNSAFE_INLINE'],
    ],
  ].map(([policy, codes]): ResponseCase => ({
    where: `${O}csp.test.js: insecure scheme in passive content only`,
    says: ['pass', 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
    response: csp(policy as string),
    codes: codes as string[],
  })),
  ...["default-src 'self'; img-src ftp:", "default-src 'self'; img-src http:"].map(
    (policy): ResponseCase => ({
      where: `${O}csp.test.js: insecure scheme in passive content only`,
      says: ['pass', 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
      response: csp(policy),
      codes: policy.endsWith('http:')
        ? ['CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC']
        : ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
      stance: "`object-src` other than `'none'`",
    }),
  ),
  ...[
    ["script-src 'unsafe-inline'", ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE']],
    ['script-src data:', ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE']],
    ['script-src http:', ['CSP_BROAD_SOURCE', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
    ['script-src ftp:', ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
    [
      "default-src 'unsafe-inline'",
      ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE', 'CSP_UNSAFE_INLINE'],
    ],
    [
      "default-src 'UNSAFE-INLINE'",
      ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE', 'CSP_UNSAFE_INLINE'],
    ],
    ['upgrade-insecure-requests', ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE']],
    ["script-src 'none'", ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
    ['script-src https:', ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
    [
      'script-src https://mozilla.org https:',
      ['CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    ],
    [
      'default-src https://mozilla.org https:',
      // one for scripts, one for plugins (both fall back to default-src)
      ['CSP_BROAD_SOURCE', 'CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    ],
    ["default-src 'none'; script-src *", ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING']],
    ["default-src *; script-src *; object-src 'none'", ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING']],
    [
      "default-src 'none'; script-src 'none'; object-src *",
      ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    ],
    [
      "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
      ['CSP_NO_REPORTING', 'CSP_UNSAFE_EVAL', 'CSP_UNSAFE_INLINE'],
    ],
    [
      "default-src 'none'; script-src 'unsafe-inline' http:",
      ['CSP_BROAD_SOURCE', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_UNSAFE_INLINE'],
    ],
    ["object-src https:; script-src 'none'", ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC']],
  ].map(([policy, codes]): ResponseCase => ({
    where: `${O}csp.test.js: unsafe inline`,
    says: ['fail', 'csp-implemented-with-unsafe-inline'],
    response: csp(policy as string),
    codes: codes as string[],
  })),
  {
    where: `${O}csp.test.js: unsafe eval`,
    says: ['fail', 'csp-implemented-with-unsafe-eval'],
    response: csp("default-src 'none'; script-src 'unsafe-eval'"),
    codes: ['CSP_NO_REPORTING', 'CSP_UNSAFE_EVAL'],
  },
  ...[
    [
      "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
      ['CSP_NO_REPORTING', 'CSP_STYLE_UNSAFE_INLINE'],
    ],
    [
      "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
      ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_STYLE_UNSAFE_INLINE'],
    ],
    [
      "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
      ['CSP_NO_REPORTING', 'CSP_STYLE_UNSAFE_INLINE'],
    ],
    ["default-src 'none'; style-src data:", ['CSP_NO_REPORTING']],
    ["default-src 'none'; style-src *", ['CSP_NO_REPORTING']],
    ["default-src 'none'; style-src https:", ['CSP_NO_REPORTING']],
    [
      `default-src 'none'; style-src 'unsafe-inline'; script-src ${STYLE_HASH} 'unsafe-inline'`,
      ['CSP_NO_REPORTING', 'CSP_STYLE_UNSAFE_INLINE'],
    ],
  ].map(([policy, codes]): ResponseCase => ({
    where: `${O}csp.test.js: unsafe inline in style src only`,
    says: ['pass', 'csp-implemented-with-unsafe-inline-in-style-src-only'],
    response: csp(policy as string),
    codes: codes as string[],
  })),
  {
    where: `${O}csp.test.js: unsafe inline in style src only`,
    says: ['pass', 'csp-implemented-with-unsafe-inline-in-style-src-only'],
    response: csp("default-src 'unsafe-inline'; script-src https://mozilla.org"),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE'],
    stance: "`object-src` other than `'none'`",
  },
  ...['default-src https://mozilla.org', "default-src https://mozilla.org;;; ;;;script-src 'none'"].map(
    (policy): ResponseCase => ({
      where: `${O}csp.test.js: no unsafe`,
      says: ['pass', 'csp-implemented-with-no-unsafe'],
      response: csp(policy),
      codes: policy.includes("script-src 'none'")
        ? ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC']
        : ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
      stance: "`object-src` other than `'none'`",
    }),
  ),
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(
      "object-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
    ),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING'],
  },
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(
      "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'",
    ),
    codes: ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING'],
    stance: 'Nonce length',
  },
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(`object-src 'none'; style-src 'self';script-src ${OTHER_HASH}`),
    codes: ['CSP_NO_REPORTING'],
  },
  {
    // The two hashes are written without a space between them: one token, which Chromium drops
    // as an invalid source, so 'unsafe-inline' stays in force (test/browser).
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(
      `object-src 'none'; style-src 'self'; script-src 'unsafe-inline' ${OTHER_HASH}${STYLE_HASH}`,
    ),
    codes: ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_UNSAFE_INLINE'],
    stance: 'Malformed nonce or hash',
  },
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(
      "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; style-src 'none'",
    ),
    codes: ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING'],
    stance: 'Nonce length',
  },
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(
      "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
    ),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    stance: "`object-src` other than `'none'`",
  },
  {
    where: `${O}csp.test.js: no unsafe`,
    says: ['pass', 'csp-implemented-with-no-unsafe'],
    response: csp(`default-src https://mozilla.org; style-src 'unsafe-inline' ${STYLE_HASH} 'unsafe-inline'`),
    codes: ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    stance: "`object-src` other than `'none'`",
  },
  {
    // Both policies allow a script from any https: site: CSP3's http: source also matches https:.
    where: `${O}csp.test.js: no unsafe default src none (header default-src http:, <meta> default-src https:)`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp(
      'default-src http:',
      {},
      '<!doctype html><head><meta http-equiv="Content-Security-Policy" content="default-src https:"></head>',
    ),
    codes: [
      'CSP_BROAD_SOURCE',
      'CSP_BROAD_SOURCE',
      'CSP_INSECURE_SOURCE',
      'CSP_NO_REPORTING',
      'CSP_OBJECT_SRC',
    ],
    stance: 'Multiple CSP headers',
  },
  ...[
    ['default-src', ['CSP_NO_REPORTING']],
    [
      "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
      ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING'],
    ],
  ].map(([policy, codes]): ResponseCase => ({
    where: `${O}csp.test.js: no unsafe default src none`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp(policy as string),
    codes: codes as string[],
  })),
  {
    where: `${O}csp.test.js: no unsafe default src none`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp("default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'"),
    codes: ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING'],
    stance: 'Nonce length',
  },
  {
    where: `${O}csp.test.js: no unsafe default src none`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp("default-src 'none'; object-src https://mozilla.org"),
    codes: ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    stance: "`object-src` other than `'none'`",
  },
  {
    where: `${O}csp.test.js: no unsafe default src none (<meta> with several policies)`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: {
      headers: HTML,
      body: `<!doctype html><head>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; object-src 'none'; media-src 'none';">
        <meta http-equiv="Content-SECURITY-Policy" content="connect-src 'self'; font-src 'self'; child-src 'self'">
        <meta http-equiv=" Content-Security-Policy " content="img-src 'self'; style-src 'self' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ">
        <meta http-equiv="Content-security-Policy" content="script-src 'self' 'unsafe-inline' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ'">
      </head>`,
    },
    codes: ['CSP_BASE_URI_MISSING', 'CSP_NO_REPORTING'],
    stance: '`base-uri`',
  },
  {
    where: `${O}csp.test.js: strict dynamic`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp("default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'"),
    codes: ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING'],
    stance: 'Nonce length',
  },
  ...[
    "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
    "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
    "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'",
  ].map((policy): ResponseCase => ({
    where: `${O}csp.test.js: strict dynamic`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp(policy),
    codes: ['CSP_BASE_URI_MISSING', 'CSP_INVALID', 'CSP_NO_REPORTING'],
    stance: 'Malformed nonce or hash',
  })),
  {
    where: `${O}csp.test.js: report only`,
    says: ['fail', 'csp-not-implemented-but-reporting-enabled'],
    response: {
      headers: {
        ...HTML,
        'content-security-policy-report-only': "default-src 'none'; report-to /_/csp-reports",
      },
    },
    codes: ['CSP_REPORT_ONLY'],
  },
  {
    where: `${O}csp.test.js: multiple CSP headers combined per RFC 9110 are not treated as invalid`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp("default-src 'none'; script-src 'self', default-src 'none'; script-src 'self'"),
    codes: ['CSP_NO_REPORTING'],
  },
  {
    where: `${O}csp.test.js: multiple CSP headers with differing policies produce correct intersection`,
    says: ['pass', 'csp-implemented-with-no-unsafe-default-src-none'],
    response: csp(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline', default-src 'none'; style-src 'self', default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'",
    ),
    codes: ['CSP_NO_REPORTING'],
  },
  {
    // frame-ancestors is ignored in <meta>, which leaves a policy that restricts nothing.
    where: `${O}csp.test.js: ignore frame-anchestors in http-equiv`,
    says: ['fail', 'csp-not-implemented'],
    response: {
      headers: HTML,
      body: `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'"></head>`,
    },
    codes: ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  },
];

/**
 * One csp-evaluator case. Its tests each exercise one check function, so `about` names our codes
 * that answer that check's question; a finding of HIGH, MEDIUM or SYNTAX is its "fail", and
 * MEDIUM_MAYBE, INFO, STRICT_CSP or none its "pass" (advice, as our info).
 */
const ev = (
  where: string,
  policy: string,
  says: [Verdict, string],
  about: string[],
  codes: string[],
  stance?: string,
): ResponseCase => ({
  where: `${E}${where}`,
  says,
  response: csp(policy),
  about,
  codes,
  ...(stance === undefined ? {} : { stance }),
});

const EVALUATOR: ResponseCase[] = [
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "default-src https:; script-src 'unsafe-inline'; script-src-elem 'unsafe-inline';",
    ['fail', 'HIGH'],
    ['CSP_UNSAFE_INLINE'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "default-src 'unsafe-inline'",
    ['fail', 'HIGH'],
    ['CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "script-src 'unsafe-hashes' 'sha256-1DCfk1NYWuHMfoobarfoobar='",
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_UNSAFE_INLINE'],
    ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "default-src 'unsafe-inline'; script-src https:; script-src-attr https:; script-src-elem https:",
    ['pass', 'none'],
    ['CSP_UNSAFE_INLINE'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_STYLE_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "script-src 'unsafe-inline' 'nonce-foobar'; script-src-elem 'unsafe-inline' 'nonce-foobar';",
    ['pass', 'none (CSP3)'],
    ['CSP_UNSAFE_INLINE'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeInline',
    "script-src 'nonce-aaaaaaaaaa' strict-dynamic; script-src-elem 'unsafe-inline';",
    ['fail', 'HIGH'],
    ['CSP_UNSAFE_INLINE'],
    [
      'CSP_BASE_URI_MISSING',
      'CSP_INVALID',
      'CSP_NONCE_WEAK',
      'CSP_NO_REPORTING',
      'CSP_OBJECT_SRC',
      'CSP_UNSAFE_INLINE',
    ],
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeEval',
    "default-src https:; script-src 'unsafe-eval'; script-src-attr 'unsafe-eval'; script-src-elem 'unsafe-eval';",
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_UNSAFE_EVAL'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_EVAL'],
    "`'unsafe-eval'`",
  ),
  ev(
    'security_checks_test.ts: checkScriptUnsafeEval',
    "default-src 'unsafe-eval'",
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_UNSAFE_EVAL'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_EVAL'],
    "`'unsafe-eval'`",
  ),
  ev(
    'security_checks_test.ts: checkPlainUrlSchemes',
    'script-src data: http: https: sthInvalid:',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE', 'CSP_UNSAFE_INLINE', 'CSP_OBJECT_SRC'],
    ['CSP_BROAD_SOURCE', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkPlainUrlSchemes',
    'object-src data: http: https: sthInvalid:',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE', 'CSP_UNSAFE_INLINE', 'CSP_OBJECT_SRC'],
    ['CSP_BROAD_SOURCE', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkPlainUrlSchemes',
    'base-uri data: http: https: sthInvalid:',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE', 'CSP_UNSAFE_INLINE', 'CSP_OBJECT_SRC'],
    ['CSP_BROAD_SOURCE', 'CSP_INSECURE_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkPlainUrlSchemes',
    'default-src https:; object-src data: sthInvalid:',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE', 'CSP_UNSAFE_INLINE', 'CSP_OBJECT_SRC'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkPlainUrlSchemes',
    "default-src https:; object-src 'none'; script-src 'none'; base-uri 'none'",
    ['pass', 'none'],
    ['CSP_BROAD_SOURCE', 'CSP_UNSAFE_INLINE', 'CSP_OBJECT_SRC'],
    ['CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkWildcards',
    'script-src * http://* //*; script-src-attr * http://* //*; script-src-elem * http://* //*',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE'],
    [
      'CSP_BROAD_SOURCE',
      'CSP_HOST_ALLOWLIST',
      'CSP_INSECURE_SOURCE',
      'CSP_INVALID',
      'CSP_NO_REPORTING',
      'CSP_OBJECT_SRC',
    ],
  ),
  ev(
    'security_checks_test.ts: checkWildcards',
    'object-src * http://* //*',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE'],
    [
      'CSP_BROAD_SOURCE',
      'CSP_INSECURE_SOURCE',
      'CSP_INVALID',
      'CSP_NO_REPORTING',
      'CSP_OBJECT_SRC',
      'CSP_UNSAFE_INLINE',
    ],
  ),
  ev(
    'security_checks_test.ts: checkWildcards',
    'base-uri * http://* //*',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE'],
    [
      'CSP_BROAD_SOURCE',
      'CSP_INSECURE_SOURCE',
      'CSP_INVALID',
      'CSP_NO_REPORTING',
      'CSP_OBJECT_SRC',
      'CSP_UNSAFE_INLINE',
    ],
  ),
  ev(
    'security_checks_test.ts: checkWildcards',
    'default-src *; object-src * ignore.me.com',
    ['fail', 'HIGH'],
    ['CSP_BROAD_SOURCE'],
    ['CSP_BROAD_SOURCE', 'CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkWildcards (dangerous directives OK)',
    "default-src *; object-src *.foo.bar; script-src 'none'; base-uri 'none'",
    ['pass', 'none'],
    ['CSP_BROAD_SOURCE'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    'Wildcard hosts',
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives',
    "script-src 'none'",
    ['fail', 'HIGH'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives',
    "object-src 'none'",
    ['fail', 'HIGH'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives',
    "object-src 'self'",
    ['fail', 'HIGH'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives',
    "script-src 'none'; object-src 'none'",
    ['pass', 'none'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives',
    "default-src 'none';",
    ['pass', 'none'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    ['CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives (base-uri)',
    "script-src 'nonce-123'; object-src 'none'",
    ['fail', 'HIGH'],
    ['CSP_BASE_URI_MISSING'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives (base-uri)',
    "script-src 'sha256-123456' 'strict-dynamic'; object-src 'none'",
    ['fail', 'HIGH'],
    ['CSP_BASE_URI_MISSING'],
    ['CSP_BASE_URI_MISSING', 'CSP_INVALID', 'CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkMissingDirectives (base-uri)',
    "script-src 'sha256-123456'; object-src 'none'",
    ['pass', 'none'],
    ['CSP_BASE_URI_MISSING'],
    ['CSP_INVALID', 'CSP_NO_REPORTING'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypass',
    'script-src *.google.com',
    ['fail', 'HIGH'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE', 'CSP_UNSAFE_EVAL'],
    ['CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypass',
    'script-src https://googletagmanager.com; script-src-elem https://googletagmanager.com;',
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE', 'CSP_UNSAFE_EVAL'],
    ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypass',
    "script-src https://googletagmanager.com 'unsafe-eval'; script-src-elem https://googletagmanager.com 'unsafe-eval'",
    ['fail', 'HIGH'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE', 'CSP_UNSAFE_EVAL'],
    ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_EVAL'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypass',
    'script-src foo.bar; script-src-elem foo.bar',
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE', 'CSP_UNSAFE_EVAL'],
    ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypass',
    "script-src 'self'; script-src-attr 'self'; script-src-elem 'self'",
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE', 'CSP_UNSAFE_EVAL'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypassWithNoneAndJSONPBypass',
    "script-src *.google.com 'none'; script-src-elem *.google.com 'none'",
    ['pass', 'none'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE'],
    ['CSP_BROAD_SOURCE', 'CSP_HOST_ALLOWLIST', 'CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    "`'none'` beside other sources",
  ),
  ev(
    'security_checks_test.ts: checkScriptAllowlistBypassAngularBypass',
    'script-src gstatic.com; script-src-elem gstatic.com',
    ['fail', 'HIGH'],
    ['CSP_HOST_ALLOWLIST', 'CSP_BROAD_SOURCE'],
    ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    'Host allowlists',
  ),
  ev(
    'security_checks_test.ts: checkFlashObjectAllowlistBypass',
    'object-src https://*.googleapis.com',
    ['fail', 'HIGH'],
    ['CSP_OBJECT_SRC', 'CSP_BROAD_SOURCE'],
    ['CSP_BROAD_SOURCE', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkFlashObjectAllowlistBypass',
    'object-src https://foo.bar',
    ['pass', 'MEDIUM_MAYBE'],
    ['CSP_OBJECT_SRC', 'CSP_BROAD_SOURCE'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
    "`object-src` other than `'none'`",
  ),
  ev(
    'security_checks_test.ts: CheckIpSource',
    'script-src 8.8.8.8; font-src //127.0.0.1 https://[::1] not.an.ip',
    ['pass', 'INFO'],
    ['CSP_INVALID'],
    ['CSP_HOST_ALLOWLIST', 'CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    'Invalid source expressions',
  ),
  ev(
    'security_checks_test.ts: checkDeprecatedDirective',
    'report-uri foo.bar/csp;report-to abc',
    ['pass', 'none'],
    ['CSP_DEPRECATED'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkDeprecatedDirective',
    'report-to abc',
    ['pass', 'none'],
    ['CSP_DEPRECATED'],
    ['CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkDeprecatedDirective',
    'reflected-xss block',
    ['pass', 'INFO'],
    ['CSP_DEPRECATED'],
    ['CSP_DEPRECATED', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: checkDeprecatedDirective',
    'referrer origin',
    ['pass', 'INFO'],
    ['CSP_DEPRECATED'],
    ['CSP_DEPRECATED', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'security_checks_test.ts: CheckNonceLengthWithLongNonce',
    "script-src 'nonce-veryLongRandomNonce'",
    ['pass', 'none'],
    ['CSP_NONCE_WEAK', 'CSP_INVALID'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    'Nonce length',
  ),
  ev(
    'security_checks_test.ts: CheckNonceLengthWithShortNonce',
    "script-src 'nonce-short'",
    ['fail', 'MEDIUM'],
    ['CSP_NONCE_WEAK', 'CSP_INVALID'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: CheckNonceLengthInvalidCharset',
    "script-src 'nonce-***notBase64***'",
    ['pass', 'INFO'],
    ['CSP_NONCE_WEAK', 'CSP_INVALID'],
    ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    'Malformed nonce or hash',
  ),
  ev(
    'security_checks_test.ts: CheckSrcHttp',
    'script-src http://foo.bar https://test.com; report-uri http://test.com',
    ['fail', 'MEDIUM'],
    ['CSP_INSECURE_SOURCE'],
    ['CSP_HOST_ALLOWLIST', 'CSP_INSECURE_SOURCE', 'CSP_OBJECT_SRC'],
    '`http:` sources in a policy',
  ),
  ev(
    'security_checks_test.ts: checkHasConfiguredReporting',
    "script-src 'nonce-aaaaaaaaaa'",
    ['pass', 'INFO'],
    ['CSP_NO_REPORTING'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkHasConfiguredReporting',
    "script-src 'nonce-aaaaaaaaaa'; report-to name",
    ['pass', 'INFO'],
    ['CSP_NO_REPORTING'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'security_checks_test.ts: checkHasConfiguredReporting',
    "script-src 'nonce-aaaaaaaaaa'; report-uri url",
    ['pass', 'none'],
    ['CSP_NO_REPORTING'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'parser_checks_test.ts',
    'foobar-src http:',
    ['fail', 'SYNTAX'],
    ['CSP_INVALID'],
    ['CSP_INSECURE_SOURCE', 'CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'parser_checks_test.ts',
    "default-src foo.bar script-src 'none'",
    ['fail', 'SYNTAX'],
    ['CSP_INVALID'],
    ['CSP_HOST_ALLOWLIST', 'CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'parser_checks_test.ts',
    'script-src strict-dynamic nonce-test sha256-asdf',
    ['fail', 'SYNTAX'],
    ['CSP_INVALID'],
    ['CSP_HOST_ALLOWLIST', 'CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'parser_checks_test.ts',
    "script-src 'foo-bar'",
    ['fail', 'SYNTAX'],
    ['CSP_INVALID'],
    ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'parser_checks_test.ts',
    "require-trusted-types-for 'script'",
    ['pass', 'none'],
    ['CSP_INVALID'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'parser_checks_test.ts',
    "trusted-types 'allow-duplicates' policy1",
    ['pass', 'none'],
    ['CSP_INVALID'],
    ['CSP_NO_REPORTING', 'CSP_OBJECT_SRC', 'CSP_UNSAFE_INLINE'],
  ),
  ev(
    'strictcsp_checks_test.ts: CheckStrictDynamic',
    'script-src foo.bar',
    ['pass', 'STRICT_CSP'],
    ['CSP_HOST_ALLOWLIST'],
    ['CSP_HOST_ALLOWLIST', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
  ev(
    'strictcsp_checks_test.ts: CheckStrictDynamicNotStandalone',
    "script-src 'strict-dynamic'",
    ['pass', 'INFO'],
    ['CSP_INVALID'],
    ['CSP_INVALID', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
    "`'strict-dynamic'` without a nonce or hash",
  ),
  ev(
    'strictcsp_checks_test.ts: CheckStrictDynamicNotStandaloneDoesntFireIfNoncePresent',
    "script-src 'strict-dynamic' 'nonce-foobar'",
    ['pass', 'none'],
    ['CSP_INVALID'],
    ['CSP_BASE_URI_MISSING', 'CSP_NONCE_WEAK', 'CSP_NO_REPORTING', 'CSP_OBJECT_SRC'],
  ),
];

const SESSION = 'Domain=mozilla.org; Path=/';
const cookie = (lines: string[], extra: Record<string, string> = {}): Captured => ({
  url: 'https://mozilla.org/',
  headers: { 'set-cookie': lines, ...extra },
});

const OBSERVATORY_COOKIES: ResponseCase[] = [
  {
    where: `${O}cookies.test.js: checks secure with httponly sessions`,
    says: ['pass', 'cookies-secure-with-httponly-sessions'],
    response: cookie([
      `SESSIONID=bar; ${SESSION}; Secure; HttpOnly`,
      'foo=bar; Domain=mozilla.org; Secure; Path=/',
      `heroku-session-affinity=bar; ${SESSION}`,
    ]),
    codes: ['COOKIE_INSECURE', 'SESSION_COOKIE_SAMESITE'],
    stance: 'Load-balancer affinity cookies',
  },
  {
    where: `${O}cookies.test.js: checks secure with httponly sessions (without the affinity cookie)`,
    says: ['pass', 'cookies-secure-with-httponly-sessions'],
    response: cookie([
      `SESSIONID=bar; ${SESSION}; Secure; HttpOnly`,
      'foo=bar; Domain=mozilla.org; Secure; Path=/',
    ]),
    codes: ['SESSION_COOKIE_SAMESITE'],
    stance: 'Session cookie SameSite',
  },
  {
    where: `${O}cookies.test.js: checks secure with httponly sessions and samesite`,
    says: ['pass', 'cookies-secure-with-httponly-sessions-and-samesite'],
    response: cookie([
      `SESSIONID_SAMESITE_STRICT=bar; ${SESSION}; Secure; HttpOnly; SameSite=Strict`,
      `SESSIONID_SAMESITE_LAX=bar; ${SESSION}; Secure; HttpOnly; SameSite=Lax`,
      `SESSIONID_SAMESITE_NONE=bar; ${SESSION}; Secure; HttpOnly; SameSite=None`,
    ]),
    codes: ['SESSION_COOKIE_SAMESITE'],
    stance: 'Session cookie SameSite',
  },
  {
    where: `${O}cookies.test.js: checks anticsrf without samesite`,
    says: ['fail', 'cookies-anticsrf-without-samesite-flag'],
    response: cookie([`CSRFTOKEN=bar; ${SESSION}; Secure; HttpOnly`]),
    codes: ['CSRF_COOKIE_SAMESITE'],
  },
  ...['SameSite=', 'SameSite=True', 'SameSite=Invalid'].map((sameSite): ResponseCase => ({
    where: `${O}cookies.test.js: checks samesite invalid`,
    says: ['fail', 'cookies-samesite-flag-invalid'],
    response: cookie([`SESSIONID=bar; ${SESSION}; Secure; HttpOnly; ${sameSite}`]),
    codes: ['SESSION_COOKIE_SAMESITE'],
  })),
  {
    where: `${O}cookies.test.js: checks regular cookie no secure but hsts`,
    says: ['fail', 'cookies-without-secure-flag-but-protected-by-hsts'],
    response: cookie([`foo=bar; ${SESSION}`], { 'strict-transport-security': 'max-age=15768000' }),
    codes: ['COOKIE_INSECURE'],
  },
  {
    where: `${O}cookies.test.js: checks session cookie no secure but hsts`,
    says: ['fail', 'cookies-session-without-secure-flag-but-protected-by-hsts'],
    response: cookie([`SESSIONID=bar; ${SESSION}; HttpOnly`], {
      'strict-transport-security': 'max-age=15768000',
    }),
    codes: ['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_SAMESITE'],
  },
  {
    where: `${O}cookies.test.js: checks no secure`,
    says: ['fail', 'cookies-without-secure-flag'],
    response: cookie([`foo=bar; ${SESSION}`]),
    codes: ['COOKIE_INSECURE'],
  },
  {
    where: `${O}cookies.test.js: checks session no httponly`,
    says: ['fail', 'cookies-session-without-httponly-flag'],
    response: cookie([`SESSIONID=bar; ${SESSION}; Secure`]),
    codes: ['SESSION_COOKIE_NOT_HTTPONLY', 'SESSION_COOKIE_SAMESITE'],
  },
  {
    where: `${O}cookies.test.js: checks session no secure`,
    says: ['fail', 'cookies-session-without-secure-flag'],
    response: cookie([`SESSIONID=bar; ${SESSION}; HttpOnly`]),
    codes: ['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_SAMESITE'],
  },
  {
    where: `${O}cookies.test.js: checks session no secure (issue 97)`,
    says: ['fail', 'cookies-session-without-secure-flag'],
    response: cookie([`SESSIONID=bar; ${SESSION}`]),
    codes: ['SESSION_COOKIE_INSECURE', 'SESSION_COOKIE_NOT_HTTPONLY', 'SESSION_COOKIE_SAMESITE'],
  },
];

const sts = (value: string | undefined, url = 'https://mozilla.org/'): Captured => ({
  url,
  headers: value === undefined ? {} : { 'strict-transport-security': value },
});

const OBSERVATORY_HSTS: ResponseCase[] = [
  {
    where: `${O}strict-transport-security.test.js: missing`,
    says: ['fail', 'hsts-not-implemented'],
    response: sts(undefined),
    codes: ['HSTS_MISSING'],
  },
  {
    where: `${O}strict-transport-security.test.js: header invalid`,
    says: ['fail', 'hsts-header-invalid'],
    response: sts('includeSubDomains; preload'),
    codes: ['HSTS_INVALID'],
  },
  {
    where: `${O}strict-transport-security.test.js: header invalid (set twice)`,
    says: ['fail', 'hsts-header-invalid'],
    response: sts('max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains'),
    codes: ['HSTS_INVALID'],
  },
  {
    where: `${O}strict-transport-security.test.js: no https`,
    says: ['fail', 'hsts-not-implemented-no-https'],
    response: sts('max-age=15768000', 'http://mozilla.org/'),
    codes: [],
    stance: 'HSTS over plain HTTP',
  },
  {
    where: `${O}strict-transport-security.test.js: max age too low`,
    says: ['fail', 'hsts-implemented-max-age-less-than-six-months'],
    response: sts('max-age=86400'),
    codes: ['HSTS_MAX_AGE_LOW', 'HSTS_NO_SUBDOMAINS'],
  },
  {
    where: `${O}strict-transport-security.test.js: implemented`,
    says: ['pass', 'hsts-implemented-max-age-at-least-six-months'],
    response: sts('max-age=15768000; includeSubDomains; preload'),
    codes: ['HSTS_PRELOAD_NOT_READY'],
    stance: 'HSTS preload',
  },
  {
    where: `${O}strict-transport-security.test.js: preloaded (bugzilla.mozilla.org, no header)`,
    says: ['pass', 'hsts-preloaded'],
    response: sts(undefined, 'https://bugzilla.mozilla.org/'),
    codes: ['HSTS_MISSING'],
    stance: 'HSTS preload',
  },
];

const OBSERVATORY_FRAMING: ResponseCase[] = [
  {
    where: `${O}x-frame-options.test.js: checks for missing`,
    says: ['fail', 'x-frame-options-not-implemented'],
    response: { headers: HTML },
    codes: ['FRAMING_ALLOWED'],
  },
  ...['whimsy', 'SAMEORIGIN, SAMEORIGIN'].map((value): ResponseCase => ({
    where: `${O}x-frame-options.test.js: checks validity`,
    says: ['fail', 'x-frame-options-header-invalid'],
    response: headerOnly('x-frame-options', value),
    codes: value === 'whimsy' ? ['FRAME_OPTIONS_INVALID', 'FRAMING_ALLOWED'] : ['FRAME_OPTIONS_INVALID'],
  })),
  {
    where: `${O}x-frame-options.test.js: checks allow from origin`,
    says: ['pass', 'x-frame-options-allow-from-origin'],
    response: headerOnly('x-frame-options', 'ALLOW-FROM https://mozilla.org'),
    codes: ['FRAME_OPTIONS_INVALID', 'FRAMING_ALLOWED'],
    stance: '`X-Frame-Options: ALLOW-FROM`',
  },
  ...['DENY', 'DENY '].map((value): ResponseCase => ({
    where: `${O}x-frame-options.test.js: checks deny`,
    says: ['pass', 'x-frame-options-sameorigin-or-deny'],
    response: headerOnly('x-frame-options', value),
    codes: [],
  })),
  {
    where: `${O}x-frame-options.test.js: checks implemented via CSP`,
    says: ['pass', 'x-frame-options-implemented-via-csp'],
    response: {
      headers: {
        ...HTML,
        'x-frame-options': 'DENY',
        'content-security-policy': 'frame-ancestors https://mozilla.org',
      },
    },
    codes: [],
  },
  ...["default-src 'none'", 'frame-ancestors *', 'frame-ancestors http:', 'frame-ancestors https:'].map(
    (policy): ResponseCase => ({
      where: `${O}csp.test.js: policy analysis (antiClickjacking false)`,
      says: ['fail', 'antiClickjacking: false'],
      response: headerOnly('content-security-policy', policy),
      codes: ['FRAMING_ALLOWED'],
    }),
  ),
  {
    where: `${O}csp.test.js: policy analysis (antiClickjacking true)`,
    says: ['pass', 'antiClickjacking: true'],
    response: headerOnly('content-security-policy', "default-src *; frame-ancestors 'none'"),
    codes: [],
  },
];

const OBSERVATORY_REFERRER: ResponseCase[] = [
  ...['no-referrer', 'same-origin', 'strict-origin', 'STRICT-ORIGIN', 'strict-origin-when-cross-origin'].map(
    (value): ResponseCase => ({
      where: `${O}referrer-policy.test.js: checks for private referrer header`,
      says: ['pass', 'referrer-policy-private'],
      response: headerOnly('referrer-policy', value),
      codes: [],
    }),
  ),
  {
    where: `${O}referrer-policy.test.js: checks for private referrer header (<meta> no-referrer, same-origin)`,
    says: ['pass', 'referrer-policy-private'],
    response: { headers: HTML, body: '<meta name="referrer" content="no-referrer, same-origin">' },
    codes: ['REFERRER_POLICY_INVALID'],
    stance: '`<meta name="referrer">`',
  },
  {
    where: `${O}referrer-policy.test.js: checks for private referrer header (header unsafe-url, the same <meta>)`,
    says: ['pass', 'referrer-policy-private'],
    response: {
      headers: { ...HTML, 'referrer-policy': 'unsafe-url' },
      body: '<meta name="referrer" content="no-referrer, same-origin">',
    },
    codes: ['REFERRER_POLICY_UNSAFE'],
    stance: '`<meta name="referrer">`',
  },
  {
    where: `${O}referrer-policy.test.js: checks for missing referrer header`,
    says: ['pass', 'referrer-policy-not-implemented'],
    response: { headers: HTML },
    codes: ['REFERRER_POLICY_MISSING'],
  },
  ...['whimsy', 'whimsy, whimsy1, whimsy2'].map((value): ResponseCase => ({
    where: `${O}referrer-policy.test.js: checks for invalid referrer header`,
    says: ['fail', 'referrer-policy-header-invalid'],
    response: headerOnly('referrer-policy', value),
    codes: ['REFERRER_POLICY_INVALID'],
  })),
  ...[
    'origin',
    'origin-when-cross-origin',
    'unsafe-url',
    'origin-when-cross-origin, no-referrer, unsafe-url',
    'no-referrer, unsafe-url',
  ].map((value): ResponseCase => ({
    where: `${O}referrer-policy.test.js: checks for unsafe referrer header`,
    says: ['fail', 'referrer-policy-unsafe'],
    response: headerOnly('referrer-policy', value),
    codes: ['REFERRER_POLICY_UNSAFE'],
  })),
  {
    where: `${O}referrer-policy.test.js: checks for multiple referrer headers with valid and invalid mixed`,
    says: ['pass', 'referrer-policy-private'],
    response: headerOnly('referrer-policy', 'no-referrer, whimsy'),
    codes: [],
  },
];

const OBSERVATORY_NOSNIFF: ResponseCase[] = [
  {
    where: `${O}x-content-type-options.test.js: checks for missing`,
    says: ['fail', 'x-content-type-options-not-implemented'],
    response: { headers: HTML },
    codes: ['NOSNIFF_MISSING'],
  },
  {
    where: `${O}x-content-type-options.test.js: checks header validity`,
    says: ['fail', 'x-content-type-options-header-invalid'],
    response: headerOnly('x-content-type-options', 'whimsy'),
    codes: ['NOSNIFF_INVALID'],
  },
  {
    where: `${O}x-content-type-options.test.js: checks header validity`,
    says: ['fail', 'x-content-type-options-header-invalid'],
    response: headerOnly('x-content-type-options', 'nosniff, nosniff'),
    codes: [],
    stance: '`X-Content-Type-Options` with more than one value',
  },
  ...['nosniff', 'nosniff '].map((value): ResponseCase => ({
    where: `${O}x-content-type-options.test.js: checks for nosniff`,
    says: ['pass', 'x-content-type-options-nosniff'],
    response: headerOnly('x-content-type-options', value),
    codes: [],
  })),
];

const groups: [string, Check[], ResponseCase[]][] = [
  ['Observatory: Content-Security-Policy', [cspCheck], OBSERVATORY_CSP],
  ['csp-evaluator', [cspCheck], EVALUATOR],
  ['Observatory: cookies', [sessionCookieCheck, cookiesCheck], OBSERVATORY_COOKIES],
  ['Observatory: Strict-Transport-Security', [hstsCheck], OBSERVATORY_HSTS],
  ['Observatory: X-Frame-Options and frame-ancestors', [framingCheck], OBSERVATORY_FRAMING],
  ['Observatory: Referrer-Policy', [referrerPolicyCheck], OBSERVATORY_REFERRER],
  ['Observatory: X-Content-Type-Options', [noSniffCheck], OBSERVATORY_NOSNIFF],
];

for (const [name, checks, cases] of groups) {
  describe(`peers' corpus, ${name}`, () => {
    it.each(cases.map((c) => [`${c.where} ${JSON.stringify(c.response.headers)}`, c] as const))(
      '%s',
      async (_title, c) => judge(c, await scanResponse(checks, c.response)),
    );
  });
}

/** A site whose answers depend on the request: CORS and redirects need the probe's own requests. */
interface ServerCase extends PeerCase {
  listener: http.RequestListener;
  /** Request headers the scan sends (the Host the peer's test names). */
  headers?: Record<string, string>;
}

const page: http.RequestListener = (_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><p>hi</p>');

const OBSERVATORY_CORS: ServerCase[] = [
  {
    where: `${O}cors.test.js: checks for not implemented`,
    says: ['pass', 'cross-origin-resource-sharing-not-implemented'],
    listener: page,
    codes: [],
  },
  {
    where: `${O}cors.test.js: checks for public access`,
    says: ['pass', 'cross-origin-resource-sharing-implemented-with-public-access'],
    listener: (req, res) => {
      res.setHeader('access-control-allow-origin', '*');
      page(req, res);
    },
    codes: ['CORS_WILDCARD'],
  },
  {
    where: `${O}cors.test.js: checks for restricted access`,
    says: ['pass', 'cross-origin-resource-sharing-implemented-with-restricted-access'],
    listener: (req, res) => {
      res.setHeader('access-control-allow-origin', 'https://mozilla.org');
      page(req, res);
    },
    codes: [],
  },
  {
    where: `${O}cors.test.js: checks for universal access`,
    says: ['fail', 'cross-origin-resource-sharing-implemented-with-universal-access'],
    listener: (req, res) => {
      if (req.headers.origin) {
        res.setHeader('access-control-allow-origin', req.headers.origin);
        res.setHeader('access-control-allow-credentials', 'true');
      }
      page(req, res);
    },
    codes: ['CORS_NULL_ORIGIN', 'CORS_ORIGIN_REFLECTED'],
  },
];

/** Answers the plain-HTTP request (X-Forwarded-Proto: http) with the first hop of the peer's route. */
const redirect =
  (status: number, location: string): http.RequestListener =>
  (req, res) => {
    if (req.headers['x-forwarded-proto'] === 'http') res.writeHead(status, { location }).end();
    else page(req, res);
  };

const OBSERVATORY_REDIRECTS: ServerCase[] = [
  {
    where: `${O}redirection.test.js: checks for redirection missing`,
    says: ['fail', 'redirection-missing'],
    listener: page,
    codes: ['HTTPS_REDIRECT_MISSING'],
  },
  {
    where: `${O}redirection.test.js: checks for redirection not to https`,
    says: ['fail', 'redirection-not-to-https'],
    listener: redirect(301, 'http://www.mozilla.org/'),
    codes: ['HTTPS_REDIRECT_MISSING'],
  },
  {
    where: `${O}redirection.test.js: checks for proper redirection to https`,
    says: ['pass', 'redirection-to-https'],
    listener: redirect(301, 'https://mozilla.org/'),
    codes: [],
  },
  {
    where: `${O}redirection.test.js: checks for proper redirection to https with port number`,
    says: ['pass', 'redirection-to-https'],
    listener: redirect(301, 'https://mozilla.org:8443/'),
    codes: [],
  },
  {
    where: `${O}redirection.test.js: checks for first redirection to http`,
    says: ['fail', 'redirection-not-to-https-on-initial-redirection'],
    listener: redirect(301, 'http://www.mozilla.org/'),
    codes: ['HTTPS_REDIRECT_MISSING'],
  },
  {
    where: `${O}redirection.test.js: checks for first redirection off host`,
    says: ['fail', 'redirection-off-host-from-http'],
    listener: redirect(301, 'https://www.mozilla.org/'),
    codes: ['HTTPS_REDIRECT_OFF_HOST'],
  },
  {
    where: `${O}redirection.test.js: checks for all redirections preloaded (cloudflare.com)`,
    says: ['pass', 'redirection-all-redirects-preloaded'],
    listener: redirect(301, 'https://cloudflare.com/'),
    headers: { Host: 'cloudflare.com' },
    codes: [],
  },
];

const serverGroups: [string, Check[], ServerCase[]][] = [
  ['Observatory: CORS', [corsCheck], OBSERVATORY_CORS],
  ['Observatory: redirections', [httpsRedirectCheck], OBSERVATORY_REDIRECTS],
];

for (const [name, checks, cases] of serverGroups) {
  describe(`peers' corpus, ${name} (a real server on 127.0.0.1)`, () => {
    it.each(cases.map((c) => [c.where, c] as const))('%s', async (_title, c) => {
      const site = await serve(c.listener);
      try {
        judge(c, await scan(site.url, { checks, headers: c.headers ?? { Host: 'mozilla.org' } }));
      } finally {
        await site.close();
      }
    });
  });
}
