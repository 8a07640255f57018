import { hostMatcher, isInternalHostname, isLocalHostname, parseHost, type ParsedHost } from './hosts.js';
import { securityEvent, toLogger } from './logger.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { forwardedProto } from './part.js';
import { originForm } from './request-url.js';
import type { Answer, RequestView, LoggerOption } from './types.js';
import { bool, fail, hostList, hostPattern, integer, knownKeys } from './validate.js';

export interface HttpsRedirectOptions extends LoggerOption {
  /**
   * The hosts to redirect: the request's Host when it is one of them, else the first. Without
   * a list a request for a public host is refused with 400, never redirected to a host taken
   * from the request. Listing an internal host (`api`, `192.168.1.5`) asks for it to be
   * redirected too.
   */
  hosts?: string[];
  /** Believe `X-Forwarded-Proto` from a TLS-terminating proxy. Default true. */
  trustProxy?: boolean;
  /** The HTTPS port. Default: the port the request named (none, or 80, means 443). */
  httpsPort?: number;
}

const BAD_HOST: Answer = {
  status: 400,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Bad Request: unknown host\n',
};

const NOT_SERVED: Answer = {
  status: 400,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Bad Request: this site is served over HTTPS only\n',
};

/** How a request arrived: over TLS, plain HTTP through a trusted proxy, or plain HTTP direct. */
function arrival(view: RequestView, trustProxy: boolean): 'https' | 'proxied' | 'direct' {
  const forwarded = trustProxy ? forwardedProto(view.header('x-forwarded-proto')) : undefined;
  // The proxy's word first: reading the socket (a missing property looked up along
  // net.Socket's prototype chain) is for the other cases.
  if (forwarded === 'https') return 'https';
  if (view.encrypted) return 'https';
  if (forwarded === undefined) return 'direct';
  // A proxy that names another scheme (ws, a typo) is not telling us the visitor used http:.
  return forwarded === 'http' ? 'proxied' : 'https';
}

/**
 * Redirects plain-HTTP requests to HTTPS on the same host and port: 301 for GET and HEAD, 308
 * otherwise (so a POST stays a POST). It acts when a trusted proxy says
 * `X-Forwarded-Proto: http`, or on a direct plain-HTTP connection. It never sends a client to a
 * host taken from the request unless `hosts` lists it: an unlisted public host is redirected to
 * your first host, or refused with 400 when there is no list. Internal hosts (this machine, a
 * private address, a single-label name such as a container's) are served as they are unless
 * listed; this machine behind a proxy of its own (a test, a local TLS proxy) is redirected to
 * itself. Fixes HTTPS_REDIRECT_MISSING, HTTPS_REDIRECT_OFF_HOST, HTTPS_REDIRECT_NOT_PERMANENT.
 *
 * @example
 * app.use(httpsRedirect({ hosts: ['example.com', 'www.example.com'] }));
 */
export function httpsRedirect(options: HttpsRedirectOptions = {}): PartMiddleware {
  knownKeys('httpsRedirect', options, ['hosts', 'trustProxy', 'httpsPort']);
  const trustProxy = bool('httpsRedirect: trustProxy', options.trustProxy, true);
  const logger = toLogger('httpsRedirect', options.logger);
  const fixedPort =
    options.httpsPort === undefined
      ? undefined
      : integer('httpsRedirect: httpsPort', options.httpsPort, 443, 1, 65535);
  // The request's port, as Django keeps it: a site on :8443 stays on :8443. 80 is plain
  // HTTP's own, whose HTTPS twin is 443.
  const portFor = (requested: string | undefined) => {
    const port = fixedPort ?? (requested === undefined ? 443 : Number(requested));
    return port === 443 || (fixedPort === undefined && port === 80) ? '' : `:${port}`;
  };
  let allowed: ((host: ParsedHost) => boolean) | undefined;
  let fallback: ParsedHost | undefined;
  // '*' (secure()'s allowedHosts may say it): every public host goes to itself; an internal one
  // is still only redirected when named.
  let anyPublic = false;
  if (options.hosts !== undefined) {
    const patterns = hostList('httpsRedirect: hosts', options.hosts).filter((h) => {
      if (h !== '*') return true;
      anyPublic = true;
      return false;
    });
    const named = patterns.map((h) => hostPattern('httpsRedirect: hosts', h));
    allowed = hostMatcher(named);
    const first = named.find((p) => !p.startsWith('.'));
    if (!first && !anyPublic)
      fail(
        'httpsRedirect: hosts',
        options.hosts,
        'needs one concrete host (not only ".example.com") to redirect unknown hosts to',
      );
    if (first) fallback = parseHost(first);
  }
  const rawHost = (view: RequestView) => JSON.stringify(String(view.header('host')).slice(0, 100));
  return toMiddleware('httpsRedirect', [
    {
      name: 'httpsRedirect',
      trustProxy,
      gate(view) {
        const how = arrival(view, trustProxy);
        if (how === 'https') return undefined;
        const host = parseHost(view.header('host'));
        if (!host) return BAD_HOST;
        let target: string;
        if (allowed?.(host)) target = host.hostname + portFor(host.port);
        else if (isInternalHostname(host.hostname)) {
          if (how === 'direct' || !isLocalHostname(host.hostname)) return undefined;
          target = host.hostname + portFor(host.port);
        } else if (anyPublic) target = host.hostname + portFor(host.port);
        else if (fallback) {
          target =
            fallback.hostname + (fallback.port === undefined ? portFor(undefined) : portFor(fallback.port));
          securityEvent(
            logger,
            'warn',
            'host.rejected',
            { header: 'host', value: String(view.header('host')).slice(0, 200), path: view.path },
            `redirected a request for unknown host ${rawHost(view)} to ${fallback.hostname}`,
          );
        } else {
          securityEvent(
            logger,
            'warn',
            'host.rejected',
            { header: 'host', value: String(view.header('host')).slice(0, 200), path: view.path },
            `refused a plain-HTTP request for ${rawHost(view)}: give httpsRedirect hosts (or secure() allowedHosts) to redirect it`,
          );
          return NOT_SERVED;
        }
        // The path as received; a leading "//" would read as another host in some clients.
        const path = originForm(view.url).replace(/^\/{2,}/, '/');
        const status = view.method === 'GET' || view.method === 'HEAD' ? 301 : 308;
        return {
          status,
          headers: {
            Location: `https://${target}${path}`,
            'Content-Type': 'text/plain; charset=utf-8',
          },
          body: `Redirecting to HTTPS\n`,
        };
      },
    },
  ]);
}
