import http from 'node:http';
import { TargetError } from '../core/errors.js';
import type { Exchange } from '../core/types.js';
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

/**
 * The responses a target may be, as types: the shapes `fromCaptured` reads. A supertest or axios
 * response and a plain object have `status` and `headers`; a fetch `Response` too, with a stream
 * for a body; an undici `request()` result and a node `IncomingMessage` have `statusCode`; a
 * Playwright `APIResponse` has methods.
 */
export type CapturedResponse =
  | { status: number; headers: object; url?: string; body?: unknown; text?: unknown; data?: unknown }
  | { statusCode: number; headers: object }
  | http.IncomingMessage
  | { status(): number; url(): string; headersArray(): { name: string; value: string }[] };

const DEFAULT_URL = 'https://localhost/';

type Shape = { status: number; headers: unknown; url?: unknown; body?: unknown };

const fn = (v: unknown): v is (...args: unknown[]) => unknown => typeof v === 'function';

/**
 * Reads the status, headers, URL and (when already in memory) body of every response shape
 * users have in tests: a supertest response, a fetch/undici `Response`, an undici `request()`
 * result, an axios response, a Playwright `APIResponse`, a node `IncomingMessage`, or a plain
 * `{ status, headers }`. Undefined for anything else.
 */
function shapeOf(value: unknown): Shape | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  // Playwright APIResponse: everything is a method.
  if (fn(v.headersArray) && fn(v.status) && fn(v.url)) {
    const pairs = (v.headersArray as () => { name: string; value: string }[])();
    return {
      status: (v.status as () => number)(),
      headers: pairs.flatMap((h) => [h.name, h.value]),
      url: (v.url as () => string)(),
    };
  }
  if (value instanceof http.IncomingMessage) {
    const req = (value as { req?: { protocol?: string; host?: string; path?: string } }).req;
    const url = req?.host ? `${req.protocol ?? 'http:'}//${req.host}${req.path ?? '/'}` : undefined;
    return { status: value.statusCode ?? 0, headers: value.rawHeaders, url };
  }
  const status =
    typeof v.status === 'number' ? v.status : typeof v.statusCode === 'number' ? v.statusCode : undefined;
  if (status === undefined || !v.headers || typeof v.headers !== 'object') return undefined;
  // supertest keeps node's raw header list, which preserves repeated headers.
  const res = v.res as { rawHeaders?: unknown } | undefined;
  let headers: unknown = Array.isArray(res?.rawHeaders) ? res.rawHeaders : v.headers;
  // axios: an AxiosHeaders instance serialises to a plain object (Set-Cookie stays an array).
  if (
    !Array.isArray(headers) &&
    fn((headers as { toJSON?: unknown }).toJSON) &&
    !fn((headers as { getSetCookie?: unknown }).getSetCookie)
  ) {
    headers = (headers as { toJSON(): unknown }).toJSON();
  }
  const request = v.request as { url?: unknown; res?: { responseUrl?: unknown } } | undefined;
  const config = v.config as { url?: unknown; baseURL?: unknown } | undefined;
  const url = [v.url, request?.url, request?.res?.responseUrl, config?.url].find(
    (u) => typeof u === 'string' && /^https?:\/\//i.test(u),
  );
  const body =
    typeof v.text === 'string'
      ? v.text
      : typeof v.body === 'string'
        ? v.body
        : typeof v.data === 'string'
          ? v.data
          : undefined;
  return { status, headers, url, body };
}

/** True for values `fromCaptured` understands. */
export function isCapturedResponse(value: unknown): boolean {
  return shapeOf(value) !== undefined;
}

/**
 * Turns a captured response into an exchange, synchronously so matchers can stay sync. A fetch
 * `Response` body is not read here (that would be async); its `url` is used when set.
 */
export function fromCaptured(value: unknown, assumeHttps?: boolean): Exchange {
  const shape = shapeOf(value);
  if (!shape) {
    throw new TargetError(
      'target: expected a URL, an app, a fetch handler or a response with status and headers',
    );
  }
  const url = typeof shape.url === 'string' && shape.url !== '' ? shape.url : DEFAULT_URL;
  const headers = toHeaderMap(shape.headers);
  const body = typeof shape.body === 'string' ? shape.body : '';
  const https = url.startsWith('https:') || (isLocalUrl(url) && assumeHttps !== false);
  return toExchange(
    { method: 'GET', url, headers: {} },
    url,
    { status: shape.status, headers, body, bodyTruncated: false },
    https,
  );
}
