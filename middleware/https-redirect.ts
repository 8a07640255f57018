import { hostMatcher, isLocalHostname, parseHost } from './hosts.js';
import { securityEvent, toLogger } from './logger.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { forwardedProto } from './part.js';
import type { Answer, RequestView, LoggerOption } from './types.js';
import { bool, fail, hostList, hostPattern, integer, knownKeys } from './validate.js';

export interface HttpsRedirectOptions extends LoggerOption {
  /** Hosts to redirect to: the request's Host when it is one of them, else the first. Strongly advised. */
  hosts?: string[];
  /** Believe `X-Forwarded-Proto` from a TLS-terminating proxy. Default true. */
  trustProxy?: boolean;
  /** The HTTPS port when it is not 443. */
  httpsPort?: number;
}

const BAD_HOST: Answer = {
  status: 400,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Bad Request: unknown host\n',
};

function viaPlainHttp(view: RequestView, trustProxy: boolean): boolean {
  const forwarded = trustProxy ? forwardedProto(view.header('x-forwarded-proto')) : undefined;
  // The proxy's word first: reading the socket (a missing property looked up along
  // net.Socket's prototype chain) is for the other cases.
  if (forwarded === 'https') return false;
  if (view.encrypted) return false;
  if (forwarded !== undefined) return forwarded === 'http';
  // A direct plain-HTTP connection: redirect, except in development on this machine.
  const host = parseHost(view.header('host'));
  return host !== undefined && !isLocalHostname(host.hostname);
}

/**
 * Redirects plain-HTTP requests to HTTPS on the same host: 301 for GET and HEAD, 308 otherwise
 * (so a POST stays a POST). It acts when a trusted proxy says `X-Forwarded-Proto: http`, or on a
 * direct plain-HTTP connection to a non-local host. The target host is validated and, with
 * `hosts`, taken from your list: never an open redirect.
 * Fixes HTTPS_REDIRECT_MISSING, HTTPS_REDIRECT_OFF_HOST, HTTPS_REDIRECT_NOT_PERMANENT.
 *
 * @example
 * app.use(httpsRedirect({ hosts: ['example.com', 'www.example.com'] }));
 */
export function httpsRedirect(options: HttpsRedirectOptions = {}): PartMiddleware {
  knownKeys('httpsRedirect', options, ['hosts', 'trustProxy', 'httpsPort']);
  const trustProxy = bool('httpsRedirect: trustProxy', options.trustProxy, true);
  const logger = toLogger('httpsRedirect', options.logger);
  const port =
    options.httpsPort === undefined || options.httpsPort === 443
      ? ''
      : `:${integer('httpsRedirect: httpsPort', options.httpsPort, 443, 1, 65535)}`;
  let allowed: ((host: { hostname: string; port: string | undefined }) => boolean) | undefined;
  let fallback: string | undefined;
  if (options.hosts !== undefined) {
    const patterns = hostList('httpsRedirect: hosts', options.hosts).map((h) =>
      hostPattern('httpsRedirect: hosts', h),
    );
    allowed = hostMatcher(patterns);
    fallback = patterns.find((p) => !p.startsWith('.'))?.replace(/:\d+$/, '');
    if (!fallback)
      fail(
        'httpsRedirect: hosts',
        options.hosts,
        'needs one concrete host (not only ".example.com") to redirect unknown hosts to',
      );
  }
  return toMiddleware('httpsRedirect', [
    {
      name: 'httpsRedirect',
      trustProxy,
      gate(view) {
        if (!viaPlainHttp(view, trustProxy)) return undefined;
        const host = parseHost(view.header('host'));
        let hostname: string;
        if (allowed) {
          if (host && allowed(host)) hostname = host.hostname;
          else {
            hostname = fallback as string;
            securityEvent(
              logger,
              'warn',
              'host.rejected',
              { header: 'host', value: String(view.header('host')).slice(0, 200), path: view.path },
              `redirected a request for unknown host ${JSON.stringify(String(view.header('host')).slice(0, 100))} to ${hostname}`,
            );
          }
        } else if (host) hostname = host.hostname;
        else return BAD_HOST;
        // The path as received; a leading "//" would read as another host in some clients.
        const path = view.url.startsWith('/') ? view.url.replace(/^\/{2,}/, '/') : `/${view.url}`;
        const status = view.method === 'GET' || view.method === 'HEAD' ? 301 : 308;
        return {
          status,
          headers: {
            Location: `https://${hostname}${port}${path}`,
            'Content-Type': 'text/plain; charset=utf-8',
          },
          body: `Redirecting to HTTPS\n`,
        };
      },
    },
  ]);
}
