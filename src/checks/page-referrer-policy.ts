import {
  metaReferrerPolicy,
  parseReferrerPolicy,
  type ReferrerPolicyToken,
} from '../headers/referrer-policy.js';
import { scanHtml } from '../html/scan-html.js';
import { header } from '../probe/exchange.js';
import type { Exchange } from '../core/types.js';

/** The referrer policy a page's own requests use, and where it comes from. */
export interface PageReferrerPolicy {
  /** undefined when neither the header nor a `<meta name="referrer">` sets a valid one. */
  policy?: ReferrerPolicyToken;
  from?: 'header' | 'meta';
  /** The `Referrer-Policy` values as sent. */
  header: readonly string[];
  /** The `<meta name="referrer">` contents of an HTML page, in document order. */
  meta: readonly string[];
}

/**
 * Shared by the referrerPolicy check and the toHaveReferrerPolicy matcher: a `<meta
 * name="referrer">` that names one policy replaces the header's for the document (HTML's meta
 * referrer processing, as Chromium does: test/browser), so it is the effective policy when valid.
 */
export function pageReferrerPolicy(page: Exchange): PageReferrerPolicy {
  const values = header(page, 'referrer-policy');
  // Tokenizing HTML is costly: only when the word is there at all.
  const meta = page.isHtml && /referrer/i.test(page.body) ? scanHtml(page.body, page).metaReferrer : [];
  const fromMeta = metaReferrerPolicy(meta);
  if (fromMeta) return { policy: fromMeta, from: 'meta', header: values, meta };
  const fromHeader = values.length > 0 ? parseReferrerPolicy(values).policy : undefined;
  return fromHeader ? { policy: fromHeader, from: 'header', header: values, meta } : { header: values, meta };
}
