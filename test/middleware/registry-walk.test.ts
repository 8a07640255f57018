import express, { type RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import * as middleware from '../../middleware/index.js';
import { defaultChecks } from '../../src/checks/index.js';
import type { ScanOptions } from '../../src/core/types.js';
import { scan } from '../../src/core/scan.js';
import { renderFix } from '../../src/report/render-fix.js';

type Mw = RequestHandler | ((...args: never[]) => unknown);

interface Case {
  /** Mounted first in both apps: the misconfiguration that produces the code. */
  bad?: RequestHandler;
  /** The GET / handler of both apps. */
  page?: RequestHandler;
  /** The fix, exactly as docs/checks.md names it (with the options its "fixed by" gives, if any). */
  fix: () => Mw;
  /** Gates go before the misconfiguration, error handlers after the routes, headers after the misconfiguration. */
  at?: 'first' | 'afterBad' | 'last';
  options?: ScanOptions;
}

const header =
  (name: string, value: string): RequestHandler =>
  (_req, res, next) => {
    res.setHeader(name, value);
    next();
  };
const cookie =
  (line: string): RequestHandler =>
  (_req, res) => {
    res.setHeader('Set-Cookie', line);
    res.type('html').send('<p>ok</p>');
  };
const csp = (value: string) => header('Content-Security-Policy', value);
const redirectPlainHttp =
  (status: number, to: (host: string) => string): RequestHandler =>
  (req, res, next) =>
    req.headers['x-forwarded-proto'] === 'http' ? res.redirect(status, to(req.headers.host ?? '')) : next();
const N = "'nonce-c3RhdGljLW5vbmNlLXN0YXRpYw'";

const CASES: Record<string, Case> = {
  HSTS_MISSING: { fix: () => middleware.hsts() },
  HSTS_INVALID: { bad: header('Strict-Transport-Security', 'max-age=abc'), fix: () => middleware.hsts() },
  HSTS_MAX_AGE_LOW: {
    bad: header('Strict-Transport-Security', 'max-age=300; includeSubDomains'),
    fix: () => middleware.hsts({ maxAge: 63072000 }),
  },
  HSTS_NO_SUBDOMAINS: {
    bad: header('Strict-Transport-Security', 'max-age=63072000'),
    fix: () => middleware.hsts({ includeSubDomains: true }),
  },
  HSTS_PRELOAD_NOT_READY: {
    bad: header('Strict-Transport-Security', 'max-age=300; preload'),
    fix: () => middleware.hsts({ preload: true }),
  },
  HTTPS_REDIRECT_MISSING: { fix: () => middleware.httpsRedirect(), at: 'first' },
  HTTPS_REDIRECT_OFF_HOST: {
    bad: redirectPlainHttp(301, () => 'https://www.elsewhere.example/'),
    fix: () => middleware.httpsRedirect(),
    at: 'first',
  },
  HTTPS_REDIRECT_NOT_PERMANENT: {
    bad: redirectPlainHttp(302, (host) => `https://${host}/`),
    fix: () => middleware.httpsRedirect(),
    at: 'first',
  },
  FRAMING_ALLOWED: { fix: () => middleware.frameGuard() },
  FRAME_OPTIONS_INVALID: {
    bad: header('X-Frame-Options', 'ALLOW-FROM https://a.example'),
    fix: () => middleware.frameGuard(),
  },
  NOSNIFF_MISSING: { fix: () => middleware.noSniff() },
  NOSNIFF_INVALID: {
    bad: header('X-Content-Type-Options', 'nosniff-please'),
    fix: () => middleware.noSniff(),
  },
  SESSION_COOKIE_INSECURE: { page: cookie('connect.sid=abc; Path=/'), fix: () => middleware.sessionCookie() },
  SESSION_COOKIE_NOT_HTTPONLY: {
    page: cookie('connect.sid=abc; Path=/; Secure'),
    fix: () => middleware.sessionCookie(),
  },
  SESSION_COOKIE_SAMESITE: {
    page: cookie('connect.sid=abc; Secure; HttpOnly; SameSite=None'),
    fix: () => middleware.sessionCookie({ sameSite: 'Lax' }),
  },
  COOKIE_INSECURE: {
    page: cookie('theme=dark'),
    fix: () => middleware.sessionCookie({ scriptCookies: ['theme'] }),
  },
  COOKIE_SAMESITE_INVALID: {
    page: cookie('theme=dark; Secure; SameSite=Loose'),
    fix: () => middleware.sessionCookie({ scriptCookies: ['theme'] }),
  },
  COOKIE_PREFIX_INVALID: { page: cookie('__Host-pref=1; Path=/app'), fix: () => middleware.sessionCookie() },
  CSRF_COOKIE_SAMESITE: { page: cookie('XSRF-TOKEN=abc; Secure'), fix: () => middleware.csrf() },
  CSRF_UNPROTECTED: { fix: () => middleware.csrf(), at: 'first' },
  CSP_MISSING: { fix: () => middleware.contentSecurityPolicy() },
  CSP_REPORT_ONLY: {
    bad: header('Content-Security-Policy-Report-Only', "default-src 'self'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_INVALID: { bad: csp('script-src self'), fix: () => middleware.contentSecurityPolicy() },
  CSP_UNSAFE_INLINE: {
    bad: csp("script-src 'unsafe-inline'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_UNSAFE_EVAL: {
    bad: csp("script-src 'self' 'unsafe-eval'; object-src 'none'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_BROAD_SOURCE: {
    bad: csp("script-src *; object-src 'none'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_OBJECT_SRC: { bad: csp("script-src 'self'"), fix: () => middleware.contentSecurityPolicy() },
  CSP_BASE_URI_MISSING: {
    bad: csp(`script-src ${N}; object-src 'none'`),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_NONCE_WEAK: {
    bad: csp("script-src 'nonce-abc'; object-src 'none'; base-uri 'none'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_NONCE_REUSED: {
    bad: csp(`script-src ${N} 'strict-dynamic'; object-src 'none'; base-uri 'none'`),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_INSECURE_SOURCE: {
    bad: csp("default-src 'self' http://img.example.com"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_STYLE_UNSAFE_INLINE: {
    bad: csp("default-src 'self'; style-src 'self' 'unsafe-inline'"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_HOST_ALLOWLIST: {
    bad: csp("script-src https://cdn.example.com; object-src 'none'"),
    fix: () => middleware.contentSecurityPolicy({ strict: true }),
  },
  CSP_DEPRECATED: {
    bad: csp("default-src 'self'; block-all-mixed-content"),
    fix: () => middleware.contentSecurityPolicy(),
  },
  CSP_NO_REPORTING: {
    bad: csp(`script-src ${N}; object-src 'none'; base-uri 'none'`),
    fix: () => middleware.cspReport({ path: '/csp-reports' }),
  },
  REFERRER_POLICY_MISSING: { fix: () => middleware.referrerPolicy() },
  REFERRER_POLICY_UNSAFE: {
    bad: header('Referrer-Policy', 'unsafe-url'),
    fix: () => middleware.referrerPolicy(),
  },
  REFERRER_POLICY_INVALID: {
    bad: header('Referrer-Policy', 'bogus'),
    fix: () => middleware.referrerPolicy(),
  },
  CONFIDENTIAL_CACHEABLE: {
    bad: header('Cache-Control', 'public, max-age=600'),
    page: cookie('sid=1; Secure; HttpOnly; SameSite=Lax'),
    fix: () => middleware.noCache({ paths: ['/account'] }),
    options: { confidentialPaths: ['/'], paths: ['/account'] },
  },
  POWERED_BY_EXPOSED: { fix: () => middleware.hidePoweredBy() },
  SERVER_VERSION_EXPOSED: { bad: header('Server', 'nginx/1.25.3'), fix: () => middleware.hidePoweredBy() },
  DEBUG_ERRORS_EXPOSED: {
    fix: () => middleware.errorHandler({ logger: { error() {}, warn() {} } }),
    at: 'last',
  },
  HOST_HEADER_REFLECTED: {
    page: (req, res) => res.type('html').send(`<a href="https://${req.headers.host}/reset">reset</a>`),
    fix: () => middleware.allowedHosts(['127.0.0.1']),
    at: 'first',
  },
  COOP_MISSING: { fix: () => middleware.crossOriginPolicies() },
  COOP_INVALID: {
    bad: header('Cross-Origin-Opener-Policy', 'Same-Origin'),
    fix: () => middleware.crossOriginPolicies(),
  },
  CORP_INVALID: {
    bad: header('Cross-Origin-Resource-Policy', 'same_site'),
    fix: () => middleware.crossOriginPolicies(),
  },
  COEP_INVALID: {
    bad: header('Cross-Origin-Embedder-Policy', 'require_corp'),
    fix: () => middleware.crossOriginPolicies({ embedderPolicy: 'require-corp' }),
  },
  PERMISSIONS_POLICY_MISSING: { fix: () => middleware.permissionsPolicy() },
  PERMISSIONS_POLICY_INVALID: {
    bad: header('Permissions-Policy', "camera 'none'"),
    fix: () => middleware.permissionsPolicy(),
  },
  XSS_FILTER_ENABLED: {
    bad: header('X-XSS-Protection', '1; mode=block'),
    fix: () => middleware.xssProtection(),
  },
};

function app(c: Case, fixed: boolean) {
  const a = express();
  const fix = fixed ? (c.fix() as RequestHandler) : undefined;
  const at = c.at ?? 'afterBad';
  if (fix && at === 'first') a.use(fix);
  if (c.bad) a.use(c.bad);
  if (fix && at === 'afterBad') a.use(fix);
  a.use(express.json());
  a.get(['/', '/account'], c.page ?? ((_req, res) => res.type('html').send('<p>ok</p>')));
  a.post('/', (_req, res) => res.send('ok'));
  if (fix && at === 'last') a.use(fix);
  return a;
}

/** Every code whose "fixed by" column names a middleware of checksecure/middleware. */
const fixable = defaultChecks.flatMap((check) =>
  Object.entries(check.messages)
    .map(([code, spec]) => [code, spec.fix && renderFix(spec.fix).middleware] as const)
    .filter(([, fixedBy]) => /^[a-z]\w*\(/.test(fixedBy ?? ''))
    .map(([code, fixedBy]) => ({ code, check, factory: fixedBy!.split('(')[0]! })),
);

describe('every code with a "fixed by" middleware is fixed by it', () => {
  it('covers the whole catalogue, with the middleware the catalogue names', () => {
    expect(fixable.length).toBeGreaterThan(45);
    for (const { code, factory } of fixable) {
      expect(CASES[code], `a case for ${code}`).toBeDefined();
      expect(typeof (middleware as Record<string, unknown>)[factory], `${factory} is exported`).toBe(
        'function',
      );
      // Each middleware function is named after its factory (errorHandler's: checksecureErrorHandler).
      expect(
        (CASES[code]!.fix() as { name: string }).name.toLowerCase().endsWith(factory.toLowerCase()),
        `${code} is fixed by ${factory}()`,
      ).toBe(true);
    }
  });

  it.each(fixable.map((f) => [f.code, f] as const))('%s', async (code, { check }) => {
    const c = CASES[code]!;
    const options = { checks: [check], ...c.options };
    const bare = await scan(app(c, false), options);
    expect(
      bare.warnings.map((w) => w.code),
      'the bare app shows the code',
    ).toContain(code);
    const fixed = await scan(app(c, true), options);
    expect(fixed.checks.filter((s) => s.status === 'errored')).toEqual([]);
    expect(
      fixed.warnings.map((w) => w.code),
      'the app with the fix does not',
    ).not.toContain(code);
  });
});
