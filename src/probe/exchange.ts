import { parseSetCookie } from '../headers/set-cookie.js';
import type { Exchange, ProbeRequest, RedirectHop } from '../core/types.js';
import type { RawResponse } from './transport.js';

/** Builds the normalised `Exchange` that checks read, from any transport's response. */
export function toExchange(
  request: ProbeRequest,
  url: string,
  raw: RawResponse,
  https: boolean,
  redirects: RedirectHop[] = [],
): Exchange {
  const contentType = (raw.headers['content-type']?.[0] ?? '').split(';')[0]!.trim().toLowerCase();
  return {
    request,
    url,
    status: raw.status,
    headers: raw.headers,
    cookies: (raw.headers['set-cookie'] ?? []).map((line) => parseSetCookie(line)),
    body: raw.body,
    bodyTruncated: raw.bodyTruncated,
    redirects,
    https,
    contentType,
    isHtml: contentType === 'text/html' || contentType === 'application/xhtml+xml',
  };
}

const NONE: readonly string[] = Object.freeze([]);

/** Every value of a header in an exchange (empty when absent: one shared array, never written). */
export function header(exchange: Exchange, name: string): readonly string[] {
  return exchange.headers[name] ?? NONE;
}
