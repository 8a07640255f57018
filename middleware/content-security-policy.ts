import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  COMPATIBLE_DIRECTIVES,
  compileCsp,
  NONCE,
  normaliseDirectives,
  STRICT_DIRECTIVES,
  type CspDirectives,
} from './csp-builder.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import {
  CSP_REPORT_ONLY_STATE,
  CSP_STATE,
  keepCspState,
  nonceOf,
  setCsp,
  type CspResponse,
} from './node-csp.js';
import type { CspTemplate } from './part.js';
import type { Middleware, Next, LoggerOption } from './types.js';
import { bool, fail, headerText, knownKeys, oneOf } from './validate.js';

export interface ContentSecurityPolicyOptions extends LoggerOption {
  /** 'strict' (default): nonce + 'strict-dynamic'. 'compatible': 'self' plus a nonce for inline code. */
  preset?: 'strict' | 'compatible' | 'none';
  /** Shorthand for preset: 'strict'. */
  strict?: boolean;
  /** Merged over the preset; `null` removes a directive. Write `'nonce'` where the per-request nonce goes. */
  directives?: CspDirectives;
  /** Send Content-Security-Policy-Report-Only instead: try a policy without enforcing it. */
  reportOnly?: boolean;
  /** Adds `report-uri` (e.g. the path of cspReport()). */
  reportUri?: string;
  /** Adds `report-to` with this Reporting-Endpoints name (cspReport() declares 'csp-endpoint'). */
  reportTo?: string;
}

const KEYS = ['preset', 'strict', 'directives', 'reportOnly', 'reportUri', 'reportTo'];

/** Builds the template contentSecurityPolicy() sends; shared with secure() and the adapters. */
export function cspTemplate(options: ContentSecurityPolicyOptions = {}): CspTemplate {
  const where = options.reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';
  knownKeys(where, options, KEYS);
  if (
    options.strict !== undefined &&
    options.preset !== undefined &&
    options.strict !== (options.preset === 'strict')
  ) {
    fail(`${where}: strict`, options.strict, `contradicts preset "${options.preset}"`);
  }
  const preset = oneOf(
    `${where}: preset`,
    options.strict ? 'strict' : options.preset,
    ['strict', 'compatible', 'none'],
    'strict',
  );
  const base = preset === 'strict' ? STRICT_DIRECTIVES : preset === 'compatible' ? COMPATIBLE_DIRECTIVES : {};
  let directives = normaliseDirectives(where, base);
  if (options.directives !== undefined)
    directives = normaliseDirectives(where, options.directives, directives);
  if (options.reportUri !== undefined) {
    const uri = headerText(`${where}: reportUri`, options.reportUri);
    if (/[\s;,]/.test(uri)) fail(`${where}: reportUri`, uri, 'must be one URL without spaces, ";" or ","');
    directives.set('report-uri', [uri]);
  }
  if (options.reportTo !== undefined) {
    const name = headerText(`${where}: reportTo`, options.reportTo);
    if (!/^[A-Za-z0-9_-]+$/.test(name))
      fail(`${where}: reportTo`, name, 'must be an endpoint name (letters, digits, "-", "_")');
    directives.set('report-to', [name]);
  }
  return compileCsp(where, directives, bool(`${where}: reportOnly`, options.reportOnly, false));
}

/**
 * `Content-Security-Policy` with a fresh nonce per request (from a pooled random buffer),
 * exposed as `res.locals.cspNonce` and `req.cspNonce` for templates:
 * `<script nonce="<%= cspNonce %>">`. The default is the strict preset. Fixes every CSP_* code.
 *
 * @example
 * app.use(contentSecurityPolicy({ directives: { imgSrc: ["'self'", 'https://images.example.com'] } }));
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions = {}): PartMiddleware {
  return toMiddleware('contentSecurityPolicy', [
    { name: 'contentSecurityPolicy', csp: cspTemplate(options) },
  ]);
}

/**
 * Changes the policy for one route, keeping the request's nonce: merges `directives` into the
 * policy set earlier (or replaces it with `{ replace: true }`). A report-only candidate sent
 * beside it (secure()'s cspReportOnly) gets the same directives, so that what the route needs
 * is not reported; `replace` drops the candidate, which was drafted for the policy replaced.
 * The merged templates are built once per base policy, not per request.
 *
 * @example
 * app.get('/embed', cspDirectives({ frameAncestors: ['https://partner.example'] }), handler);
 */
export function cspDirectives(directives: CspDirectives, options: { replace?: boolean } = {}): Middleware {
  knownKeys('cspDirectives', options, ['replace']);
  const replace = bool('cspDirectives: replace', options.replace, false);
  // Validated now, against an empty base, so a typo fails at setup.
  const own = normaliseDirectives('cspDirectives', directives);
  const standalone = replace ? compileCsp('cspDirectives', own, false) : undefined;
  const merged = new WeakMap<CspTemplate, CspTemplate>();
  const mergedInto = (base: CspTemplate): CspTemplate => {
    let template = merged.get(base);
    if (!template) {
      template = compileCsp(
        'cspDirectives',
        normaliseDirectives('cspDirectives', directives, new Map(base.directives)),
        base.reportOnly,
      );
      merged.set(base, template);
    }
    return template;
  };
  keepCspState();
  return function cspOverride(req: IncomingMessage, res: ServerResponse, next?: Next) {
    const response = res as CspResponse;
    const enforced = response[CSP_STATE];
    const tried = response[CSP_REPORT_ONLY_STATE];
    if (standalone) {
      if (tried) {
        res.removeHeader(tried.header);
        response[CSP_REPORT_ONLY_STATE] = undefined;
      }
      // The request's nonce when it is one a policy can hold; a value with a quote or a ';'
      // would write the policy, so it gets a fresh one instead.
      setCsp(req, res, standalone, nonceOf(req));
      next?.();
      return;
    }
    if (!enforced && !tried) {
      next?.(
        new Error(
          'cspDirectives: no Content-Security-Policy was set earlier for this request; mount contentSecurityPolicy() or secure() first, or pass { replace: true }',
        ),
      );
      return;
    }
    if (enforced) setCsp(req, res, mergedInto(enforced), nonceOf(req));
    if (tried) setCsp(req, res, mergedInto(tried), nonceOf(req));
    next?.();
  };
}

export { NONCE };
