import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parseHost } from './hosts.js';
import { securityEvent, toLogger } from './logger.js';
import { asksUnsafeMethod } from './method-override-param.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { pathMatcher } from './path-match.js';
import type { Finalize } from './part.js';
import type { Answer, LoggerOption, RequestView } from './types.js';
import { bool, fail, headerText, knownKeys } from './validate.js';

export interface CsrfTokenOptions {
  /** Default '__Host-csrf' (Secure, Path=/, SameSite=Strict; readable by scripts on purpose). */
  cookie?: string;
  /** Default 'x-csrf-token'. */
  header?: string;
}

export interface CsrfOptions extends LoggerOption {
  /** Origins allowed to send cross-origin requests, e.g. 'https://app.example.com'. */
  trustedOrigins?: string[];
  /** Paths exempt from the check, matched exactly (no prefixes, no case folding): webhooks. */
  exempt?: string[];
  /** Log refusals but let the requests through, to try the policy on live traffic. */
  reportOnly?: boolean;
  /**
   * A double-submit token for clients that send neither Sec-Fetch-Site nor Origin (scripts,
   * very old browsers): they must echo the cookie in a header. Off by default: such requests pass.
   */
  token?: boolean | CsrfTokenOptions;
}

const ANTI_CSRF = /csrf|xsrf/i;
const SAFE: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const OVERRIDES = ['x-http-method-override', 'x-http-method', 'x-method-override'];
/** No method is safe to ask for: any `_method` counts. */
const NO_METHOD: ReadonlySet<string> = new Set();

function refuse(reason: string): Answer {
  return {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: `Forbidden: ${reason}\n`,
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function normaliseOrigin(where: string, origin: unknown): string {
  const text = headerText(where, origin);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(where, origin, 'is not an origin such as "https://app.example.com"');
  }
  if (url.origin === 'null' || url.origin !== text.replace(/\/$/, '').toLowerCase()) {
    fail(
      where,
      origin,
      `is not an origin (scheme://host[:port], nothing more); did you mean "${url.origin}"?`,
    );
  }
  return url.origin;
}

/**
 * Refuses cross-site state-changing requests, the way Go's CrossOriginProtection does: safe
 * methods pass; `Sec-Fetch-Site: same-origin` or `none` passes; any other value is refused
 * unless the Origin is trusted; without Sec-Fetch-Site, the Origin must match the Host; a request
 * with neither header is not from a browser and passes (or must carry the token, if enabled).
 * Refusals are 403 with a short reason. Fixes CSRF_UNPROTECTED and CSRF_COOKIE_SAMESITE.
 *
 * @example
 * app.use(csrf({ trustedOrigins: ['https://admin.example.com'], exempt: ['/webhooks/stripe'] }));
 */
export function csrf(options: CsrfOptions = {}): PartMiddleware {
  knownKeys('csrf', options, ['trustedOrigins', 'exempt', 'reportOnly', 'token', 'logger']);
  const trusted = new Set(
    (options.trustedOrigins ?? []).map((o) => normaliseOrigin('csrf: trustedOrigins', o)),
  );
  if (options.exempt !== undefined && !Array.isArray(options.exempt))
    fail('csrf: exempt', options.exempt, 'must be an array of paths');
  if (options.exempt !== undefined)
    for (const p of options.exempt) {
      headerText('csrf: exempt', p);
      if (!p.startsWith('/')) fail('csrf: exempt', p, 'must be a path starting with "/"');
    }
  // Exemptions match exactly, in any case, and only a path that the router and a static server
  // would both read as the exempt one: not a look-alike, a dot-segment or an encoded slash.
  const isExempt =
    (options.exempt ?? []).length === 0
      ? () => false
      : pathMatcher(options.exempt ?? [], { grants: 'exemption', exact: true });
  const reportOnly = bool('csrf: reportOnly', options.reportOnly, false);
  const logger = toLogger('csrf', options.logger);
  let token: { cookie: string; header: string } | undefined;
  if (options.token) {
    const t = options.token === true ? {} : options.token;
    knownKeys('csrf: token', t, ['cookie', 'header']);
    token = {
      cookie: headerText('csrf: token.cookie', t.cookie ?? '__Host-csrf'),
      header: headerText('csrf: token.header', t.header ?? 'x-csrf-token').toLowerCase(),
    };
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(token.cookie))
      fail('csrf: token.cookie', token.cookie, 'is not a cookie name');
  }

  const asksOverride = (view: RequestView) =>
    OVERRIDES.some((name) => view.header(name) !== undefined) || asksUnsafeMethod(view.url, NO_METHOD);
  const decide = (view: RequestView): string | undefined => {
    // Methods arrive upper-case: the second lookup is for the rare one that does not.
    let unsafe = !SAFE.has(view.method) && !SAFE.has(view.method.toUpperCase());
    // A safe request that asks to be treated as another method is judged as that method.
    for (const name of OVERRIDES) {
      const override = view.header(name);
      if (override !== undefined && !SAFE.has(override.trim().toUpperCase())) unsafe = true;
    }
    if (!unsafe && asksUnsafeMethod(view.url, SAFE)) unsafe = true;
    if (!unsafe) return undefined;
    // An exemption is for the handler of its path; a request that asks for another method
    // (a form POST to /webhook?_method=DELETE) may be routed to another handler.
    if (isExempt(view.path) && !asksOverride(view)) return undefined;
    const site = view.header('sec-fetch-site');
    const origin = view.header('origin');
    if (site !== undefined) {
      if (site === 'same-origin' || site === 'none') return undefined;
      if (origin !== undefined && trusted.has(origin.toLowerCase())) return undefined;
      return `cross-origin request refused (Sec-Fetch-Site: ${site.slice(0, 20)})`;
    }
    if (origin !== undefined) {
      if (trusted.has(origin.toLowerCase())) return undefined;
      if (origin === 'null') return 'cross-origin request refused (Origin: null)';
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        return 'cross-origin request refused (malformed Origin)';
      }
      const host = parseHost(view.header('host'));
      const hostText = host ? `${host.hostname}${host.port ? `:${host.port}` : ''}` : undefined;
      return hostText !== undefined && originHost === hostText
        ? undefined
        : 'cross-origin request refused (Origin does not match Host)';
    }
    if (token) {
      const cookie = cookieValue(view.header('cookie'), token.cookie);
      const sent = view.header(token.header);
      if (
        !cookie ||
        !sent ||
        cookie.length !== sent.length ||
        !timingSafeEqual(Buffer.from(cookie), Buffer.from(sent))
      ) {
        return 'CSRF token missing or incorrect';
      }
    }
    return undefined;
  };

  // Anti-CSRF cookies the app sets without SameSite get Strict: they only ever go to this site.
  const finalize: Finalize = {
    on: ['set-cookie'],
    run(headers) {
      const lines = headers.get('set-cookie');
      if (!lines?.some((line) => ANTI_CSRF.test(line.split('=')[0] ?? '') && !/;\s*samesite\s*=/i.test(line)))
        return;
      headers.set(
        'Set-Cookie',
        lines.map((line) =>
          ANTI_CSRF.test(line.split('=')[0] ?? '') && !/;\s*samesite\s*=/i.test(line)
            ? `${line}; SameSite=Strict`
            : line,
        ),
      );
    },
  };

  return toMiddleware('csrf', [
    {
      name: 'csrf',
      finalize,
      gate(view) {
        const reason = decide(view);
        if (reason === undefined) return undefined;
        securityEvent(
          logger,
          'warn',
          'csrf.refused',
          {
            method: view.method,
            path: view.path,
            origin: view.header('origin'),
            secFetchSite: view.header('sec-fetch-site'),
            reportOnly,
          },
          `${reportOnly ? 'would refuse' : 'refused'} ${view.method} ${view.path}: ${reason}`,
        );
        return reportOnly ? undefined : refuse(reason);
      },
      ...(token
        ? {
            respond(view: RequestView, append: (name: string, value: string) => void) {
              if (cookieValue(view.header('cookie'), token.cookie)) return;
              append(
                'Set-Cookie',
                `${token.cookie}=${randomBytes(18).toString('base64url')}; Path=/; Secure; SameSite=Strict`,
              );
            },
          }
        : {}),
    },
  ]);
}
