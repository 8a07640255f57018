import { TargetError } from '../errors.js';
import type { Exchange } from '../types.js';
import { toExchange } from './exchange.js';
import { toHeaderMap } from './header-map.js';
import { isLocalUrl } from './local.js';

/** A response the caller already has, in the plain form every other shape is reduced to. */
export interface PlainResponse {
  url?: string;
  status: number;
  headers: Record<string, string | string[] | undefined> | Headers;
  body?: string;
}

const DEFAULT_URL = 'https://localhost/';

/** True for values `fromCaptured` understands. */
export function isCapturedResponse(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  const status = v.status ?? v.statusCode;
  return typeof status === 'number' && v.headers !== null && typeof v.headers === 'object';
}

/**
 * Turns a captured response (a supertest response, a fetch `Response`, a plain
 * `{ url, status, headers, body? }`) into an exchange, synchronously so matchers can stay sync.
 * A fetch `Response` body is not read here (that would be async); its `url` is used when set.
 */
export function fromCaptured(value: unknown, assumeHttps?: boolean): Exchange {
  if (!isCapturedResponse(value)) {
    throw new TargetError(
      'target: expected a URL, an app, a fetch handler or a response with status and headers',
    );
  }
  const v = value as Record<string, unknown>;
  const status = (v.status ?? v.statusCode) as number;
  const request = v.request as { url?: unknown } | undefined;
  const urlCandidate = [v.url, request?.url, (v.req as { path?: unknown } | undefined)?.path].find(
    (u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u),
  );
  const url = urlCandidate ?? DEFAULT_URL;
  const res = v.res as { rawHeaders?: unknown } | undefined;
  const headers = toHeaderMap(Array.isArray(res?.rawHeaders) ? res.rawHeaders : v.headers);
  const body = typeof v.text === 'string' ? v.text : typeof v.body === 'string' ? v.body : '';
  const https = url.startsWith('https:') || (isLocalUrl(url) && assumeHttps !== false);
  return toExchange(
    { method: 'GET', url, headers: {} },
    url,
    { status, headers, body, bodyTruncated: false },
    https,
  );
}
