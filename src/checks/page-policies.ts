import { parseCsp, type CspPolicy, type CspSource } from '../headers/csp.js';
import { scanHtml } from '../html/scan-html.js';
import { header } from '../probe/exchange.js';
import type { Exchange } from '../core/types.js';

/** The CSP policies a page carries, parsed once and shared by the csp and framing checks. */
export interface PagePolicies {
  /** Enforced policies from headers. */
  headers: CspPolicy[];
  /** Enforced policies from `<meta http-equiv>`, which cannot set frame-ancestors or reporting. */
  meta: CspPolicy[];
  reportOnly: CspPolicy[];
  /** Headers and meta together: every policy the browser enforces for scripts. */
  enforced: CspPolicy[];
}

const cache = new WeakMap<Exchange, PagePolicies>();

/**
 * Policies parsed by their text: a site sends the same policy on every page, and a crawl of a
 * thousand pages parsed it a thousand times. Read-only once parsed (no check changes a policy);
 * bounded, since pages with per-request nonces never repeat one.
 */
const parsed = new Map<string, CspPolicy[]>();
function parseOnce(values: readonly string[], source: CspSource): CspPolicy[] {
  if (values.length === 0) return [];
  const key = `${source}\0${JSON.stringify(values)}`;
  let policies = parsed.get(key);
  if (!policies) {
    if (parsed.size >= 500) parsed.clear();
    parsed.set(key, (policies = parseCsp(values, source)));
  }
  return policies;
}

/** Parses the CSP headers and `<meta>` policies of an exchange, once. */
export function pagePolicies(exchange: Exchange): PagePolicies {
  let policies = cache.get(exchange);
  if (!policies) {
    const headers = parseOnce(header(exchange, 'content-security-policy'), 'header');
    // Tokenizing HTML is the scanner's main cost per page: only when a <meta http-equiv> may be there.
    const meta =
      exchange.isHtml && /http-equiv/i.test(exchange.body)
        ? parseOnce(scanHtml(exchange.body, exchange).metaCsp, 'meta')
        : [];
    policies = {
      headers,
      meta,
      reportOnly: parseOnce(header(exchange, 'content-security-policy-report-only'), 'report-only'),
      enforced: [...headers, ...meta],
    };
    cache.set(exchange, policies);
  }
  return policies;
}
