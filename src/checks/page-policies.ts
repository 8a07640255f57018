import { parseCsp, type CspPolicy } from '../headers/csp.js';
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

/** Parses the CSP headers and `<meta>` policies of an exchange, once. */
export function pagePolicies(exchange: Exchange): PagePolicies {
  let policies = cache.get(exchange);
  if (!policies) {
    const headers = parseCsp(header(exchange, 'content-security-policy'), 'header');
    // Tokenizing HTML is the scanner's main cost per page: only when a <meta http-equiv> may be there.
    const meta =
      exchange.isHtml && /http-equiv/i.test(exchange.body)
        ? parseCsp(scanHtml(exchange.body, exchange).metaCsp, 'meta')
        : [];
    policies = {
      headers,
      meta,
      reportOnly: parseCsp(header(exchange, 'content-security-policy-report-only'), 'report-only'),
      enforced: [...headers, ...meta],
    };
    cache.set(exchange, policies);
  }
  return policies;
}
