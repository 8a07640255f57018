/**
 * The host a request was sent to. On HTTP/2 that is `:authority` (a browser sends no `host`);
 * a request carrying both with different values is answered as having no valid host at all
 * (allowedHosts and httpsRedirect refuse it, csrf matches no Origin to it), since the app and a
 * proxy may each believe a different one: link and password-reset poisoning.
 *
 * @example
 * authority({ ':authority': 'example.com', host: 'evil.com' }) // CONFLICTING_HOSTS
 */
export function authority(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const pseudo = headers[':authority'];
  const host = headers.host;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  if (pseudo === undefined) return first(host);
  if (host !== undefined && first(host)!.trim().toLowerCase() !== first(pseudo)!.trim().toLowerCase())
    return CONFLICTING_HOSTS;
  return first(pseudo);
}

/** Not a host: every host parser refuses it. */
export const CONFLICTING_HOSTS = ':authority and host disagree';

/** What requestHost() reads of a Node request (also @hono/node-server's `incoming`). */
export interface NodeRequestLike {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  httpVersionMajor?: number;
  url?: string;
  rawHeaders?: readonly string[];
}

/**
 * The host a Node request was sent to, as HTTP defines it: `:authority` on HTTP/2 (above); on
 * HTTP/1 the authority of an absolute-form target (`GET https://evil.com/ HTTP/1.1`), which
 * RFC 9112 puts before `Host` and from which Koa and @hono/node-server build the request's URL;
 * else `Host`. Two `Host` fields (Node keeps the first, a proxy may route by the other) are no
 * valid host, as RFC 9112 asks.
 *
 * @example
 * requestHost({ url: 'http://evil.com/x', headers: { host: 'example.com' } }) // 'evil.com'
 * requestHost(req, req.originalUrl) // under an Express mount, which cuts req.url
 */
export function requestHost(req: NodeRequestLike, target = req.url): string | undefined {
  if (req.httpVersionMajor === 2) return authority(req.headers);
  if (target !== undefined && target.charCodeAt(0) !== 47 /* / */) {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(target);
    if (absolute) return absolute[1]!.includes('@') ? CONFLICTING_HOSTS : absolute[1];
  }
  const host = req.headers.host;
  if (host === undefined) return undefined;
  const raw = req.rawHeaders;
  if (raw !== undefined) {
    let seen = 0;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.length === 4 && name.toLowerCase() === 'host' && ++seen > 1) return CONFLICTING_HOSTS;
    }
  }
  return Array.isArray(host) ? host[0] : host;
}
