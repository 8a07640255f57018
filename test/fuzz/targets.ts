// The fuzz targets: every parser of untrusted input, and the scan of a captured response. Shared
// by the short run in `npm test` (test/fuzz/fuzz.test.ts) and the long one (`npm run fuzz`).
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseCspReports } from '../../middleware/csp-violation.js';
import { parseHost } from '../../middleware/hosts.js';
import { parseCacheControl } from '../../src/headers/cache-control.js';
import { parseContentTypeOptions } from '../../src/headers/content-type-options.js';
import { parseCrossOrigin } from '../../src/headers/cross-origin.js';
import { CROSS_ORIGIN_VALUES, type CrossOriginHeader } from '../../src/headers/cross-origin-values.js';
import { parseCsp } from '../../src/headers/csp.js';
import { effectiveSources } from '../../src/headers/csp-effective.js';
import { parseFrameOptions } from '../../src/headers/frame-options.js';
import { parseHsts } from '../../src/headers/hsts.js';
import { parsePermissionsPolicy } from '../../src/headers/permissions-policy.js';
import { parseReferrerPolicy } from '../../src/headers/referrer-policy.js';
import { parseSetCookie } from '../../src/headers/set-cookie.js';
import { scanPageContent } from '../../src/html/inline-content.js';
import { scanHtml } from '../../src/html/scan-html.js';
import { toHeaderMap } from '../../src/probe/header-map.js';
import { scan } from '../../src/core/scan.js';

/** Pieces of real header syntax, so that generated values reach deep into each grammar. */
const TOKENS = [
  'max-age=',
  'max-age=31536000',
  '0',
  '-1',
  '99999999999999999999',
  'includeSubDomains',
  'preload',
  ';',
  ',',
  ' ',
  '\t',
  '=',
  '"',
  "'",
  '\\',
  "'self'",
  "'none'",
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'strict-dynamic'",
  "'nonce-",
  "'sha256-",
  'script-src',
  'default-src',
  'object-src',
  'frame-ancestors',
  'report-uri',
  'report-to',
  'upgrade-insecure-requests',
  '*',
  'https:',
  'http:',
  'data:',
  'blob:',
  'https://*.example.com',
  'Secure',
  'HttpOnly',
  'SameSite=',
  'Lax',
  'None',
  'Expires=',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Max-Age=',
  'Domain=',
  'Path=/',
  '__Host-',
  '__Secure-',
  'sessionid',
  'csrftoken',
  'DENY',
  'SAMEORIGIN',
  'ALLOW-FROM',
  'no-store',
  'no-cache',
  'private',
  'public',
  's-maxage=',
  'nosniff',
  'geolocation',
  '=()',
  '=(self)',
  '=*',
  '(',
  ')',
  'self',
  'same-origin',
  'require-corp',
  'unsafe-none',
  'strict-origin-when-cross-origin',
  'unsafe-url',
  '[::1]',
  ':8080',
  'localhost',
  '\u0000',
  '\r\n',
  '\u0085',
  '\uFFFD',
  '\uD800',
  '€',
];

const token = fc.constantFrom(...TOKENS);

/**
 * A header value: random text of any code points (lone surrogates and controls included), real
 * syntax in random order, or one piece repeated thousands of times (the shape of input that
 * makes a backtracking regular expression take exponential or quadratic time).
 */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 5,
    arbitrary: fc
      .array(fc.oneof(token, fc.string({ maxLength: 8 })), { maxLength: 40 })
      .map((parts) => parts.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(token, { minLength: 1, maxLength: 3 }), fc.integer({ min: 500, max: 20_000 }))
      .map(([parts, times]) => parts.join('').repeat(Math.ceil(times / parts.join('').length))),
  },
);

const headerValues = fc.array(headerValue, { maxLength: 4 });

/** An HTML-ish body: tags the scanner looks for, in random order and nesting, with random text. */
const htmlBody: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<script>',
        '</script>',
        '<script nonce="abc">',
        '<script src="/x.js">',
        '<meta http-equiv="Content-Security-Policy" content="',
        '">',
        '<meta http-equiv=refresh content="0;url=http://x">',
        '<form action="http://example.com/login" method="post">',
        '</form>',
        '<input type="password">',
        '<a href="http://x">',
        '<iframe src=',
        '<!--',
        '-->',
        '<![CDATA[',
        '<',
        '>',
        '"',
        "'",
        '<button onclick="a()">',
        '<p style="color:red">',
        '<a href="javascript:a()">',
        '<noscript>',
        '</noscript>',
        '<template>',
        '</template>',
        '<svg>',
        '</svg>',
        '<style>',
        '</style>',
        '<base href="https://cdn.example/">',
        '<script type="module">',
        '<script integrity="sha384-abc" src="https://cdn.example/a.js">',
        'Traceback (most recent call last):',
        '    at Object.<anonymous> (/srv/app.js:1:1)',
        'DEBUG = True',
      ),
      headerValue,
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

const HEADER_NAMES = [
  'strict-transport-security',
  'content-security-policy',
  'content-security-policy-report-only',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'set-cookie',
  'cache-control',
  'content-type',
  'location',
  'server',
  'x-powered-by',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'x-xss-protection',
  'reporting-endpoints',
  'Content-Security-Policy',
  'SET-COOKIE',
];

/** A header map in any casing, each value one string or a list. */
const headerMap = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HEADER_NAMES) }, fc.string({ maxLength: 12 })),
  fc.oneof(headerValue, headerValues),
  { maxKeys: 12 },
);

/** A parse target: what it parses, and how to generate its input. */
export interface FuzzTarget<T = unknown> {
  name: string;
  input: fc.Arbitrary<T>;
  /** Parses one input; the scan's target returns a promise, which the property awaits. */
  parse: (input: T) => unknown;
}

const NOW = Date.UTC(2026, 0, 1);
const crossOriginHeaders = Object.keys(CROSS_ORIGIN_VALUES) as CrossOriginHeader[];

const target = <T>(name: string, input: fc.Arbitrary<T>, parse: (input: T) => unknown): FuzzTarget =>
  ({ name, input, parse }) as FuzzTarget;

/** Every parser that reads what a site, a browser or a user sends. */
export const PARSERS: readonly FuzzTarget[] = [
  target('parseHsts', headerValues, parseHsts),
  target(
    'parseCsp (and the effective sources of every directive)',
    fc.tuple(headerValues, fc.constantFrom('header', 'report-only', 'meta') as fc.Arbitrary<'header'>),
    ([values, source]) =>
      parseCsp(values, source).map((policy) =>
        ['script-src', 'script-src-elem', 'style-src', 'object-src', 'frame-ancestors', 'default-src'].map(
          (d) => effectiveSources(policy, d),
        ),
      ),
  ),
  target('parseCacheControl', headerValues, parseCacheControl),
  target('parseContentTypeOptions', headerValues, parseContentTypeOptions),
  target('parseCrossOrigin', fc.tuple(fc.constantFrom(...crossOriginHeaders), headerValues), ([h, v]) =>
    parseCrossOrigin(h, v),
  ),
  target('parseFrameOptions', headerValues, parseFrameOptions),
  target('parsePermissionsPolicy', headerValues, parsePermissionsPolicy),
  target('parseReferrerPolicy', headerValues, parseReferrerPolicy),
  target('parseSetCookie', headerValue, (line) => parseSetCookie(line, NOW)),
  target('parseHost (Host header)', fc.option(headerValue, { nil: undefined }), parseHost),
  target('scanHtml', htmlBody, (html) => scanHtml(html)),
  target('scanPageContent (what a CSP judges in a page)', htmlBody, (html) => scanPageContent(html)),
  target(
    'parseCspReports (report bodies)',
    fc.oneof(
      fc.jsonValue(),
      fc.record({
        'csp-report': fc.dictionary(
          fc.constantFrom(
            'document-uri',
            'blocked-uri',
            'effective-directive',
            'violated-directive',
            'line-number',
            'status-code',
            'script-sample',
          ),
          fc.jsonValue(),
        ),
      }),
      fc.array(fc.record({ type: fc.constantFrom('csp-violation', 'other'), body: fc.jsonValue() }), {
        maxLength: 5,
      }),
    ),
    (json) => parseCspReports(json, '2026-01-01T00:00:00.000Z'),
  ),
  target(
    'toHeaderMap (any header shape)',
    fc.oneof(headerMap, fc.anything(), fc.array(fc.oneof(headerValue, fc.anything()))),
    toHeaderMap,
  ),
];

/** runChecks/scan on arbitrary captured responses: every default check, every header and body. */
export const SCAN: FuzzTarget = target(
  'scan (every default check) of arbitrary captured responses',
  fc.record({
    status: fc.integer({ min: 100, max: 599 }),
    headers: headerMap,
    body: fc.option(htmlBody, { nil: undefined }),
  }),
  async (response) => {
    const report = await scan(response);
    // A check that threw is reported as errored: for a scan of a response, that is a defect.
    const errored = report.checks.filter((c) => c.status === 'errored');
    if (errored.length > 0) throw new Error(`errored: ${JSON.stringify(errored)}`);
    return { warnings: report.warnings, checks: report.checks };
  },
);

/** The longest one case may take before it counts as a hang (generous: it is a hang detector). */
export const HANG_MS = 2_000;

/**
 * The property every target must hold: parsing never throws, ends well within HANG_MS, and
 * gives the same result twice (no hidden state, no dependence on time).
 */
export function property(
  t: FuzzTarget,
  timings?: { max: number; slowest?: unknown },
): fc.IAsyncProperty<[unknown]> {
  return fc.asyncProperty(t.input, async (input) => {
    const start = performance.now();
    const first = await t.parse(input);
    const ms = performance.now() - start;
    if (timings && ms > timings.max) {
      timings.max = ms;
      timings.slowest = input;
    }
    if (ms > HANG_MS) throw new Error(`${t.name} took ${ms.toFixed(0)} ms`);
    const second = await t.parse(input);
    if (!isDeepStrictEqual(first, second)) throw new Error(`${t.name} is not deterministic`);
  });
}
