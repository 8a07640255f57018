import { hostMatcher, parseHost } from './hosts.js';
import { securityEvent, toLogger } from './logger.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import type { Answer, LoggerOption } from './types.js';
import { fail, hostList, hostPattern, knownKeys } from './validate.js';

export interface AllowedHostsOptions extends LoggerOption {
  /** The hosts this site answers to: "example.com", ".example.com" (and subdomains), "host:port". */
  hosts: string[];
}

const REFUSED: Answer = {
  status: 400,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  body: 'Bad Request: unknown host\n',
};

/**
 * Answers 400 to a request whose `Host` (or `X-Forwarded-Host`, when present) is not one of
 * yours, like Django's ALLOWED_HOSTS: links and redirects built from the request can then never
 * point at an attacker's host. Fixes HOST_HEADER_REFLECTED.
 *
 * @example
 * app.use(allowedHosts(['example.com', '.example.com']));
 */
export function allowedHosts(hostsOrOptions: string[] | AllowedHostsOptions): PartMiddleware {
  if (hostsOrOptions === undefined)
    fail('allowedHosts', hostsOrOptions, "needs your hosts: allowedHosts(['example.com'])");
  const options = Array.isArray(hostsOrOptions) ? { hosts: hostsOrOptions } : hostsOrOptions;
  knownKeys('allowedHosts', options, ['hosts', 'logger']);
  const allowed = hostMatcher(
    hostList('allowedHosts: hosts', options.hosts).map((h) =>
      h === '*' ? '*' : hostPattern('allowedHosts: hosts', h),
    ),
  );
  const logger = toLogger('allowedHosts', options.logger);
  return toMiddleware('allowedHosts', [
    {
      name: 'allowedHosts',
      gate(view) {
        for (const name of ['host', 'x-forwarded-host']) {
          const value = view.header(name);
          if (value === undefined && name === 'x-forwarded-host') continue;
          // A proxy chain lists several forwarded hosts; each must be ours.
          for (const entry of (value ?? '').split(',')) {
            const host = parseHost(entry);
            if (host && allowed(host)) continue;
            securityEvent(
              logger,
              'warn',
              'host.rejected',
              { header: name, value: String(value).slice(0, 200), path: view.path },
              `refused ${name} ${JSON.stringify(String(value).slice(0, 100))}`,
            );
            return REFUSED;
          }
        }
        return undefined;
      },
    },
  ]);
}
