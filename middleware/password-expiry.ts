import type { IncomingMessage, ServerResponse } from 'node:http';
import { wantsJson } from './login-required.js';
import { securityEvent, toLogger } from './logger.js';
import { pathMatcher } from './path-match.js';
import type { LoggerOption, Next } from './types.js';
import { pathOf, requestUrl } from './request-url.js';
import { fail, headerText, knownKeys, pathList } from './validate.js';

export interface PasswordExpiryOptions extends LoggerOption {
  /** Whether the user of this request must change their password now. */
  isExpired: (req: IncomingMessage) => boolean;
  /** The password-change page. Default '/password/change'. */
  changeUrl?: string;
  /** Paths that stay reachable (log out, static assets). */
  exempt?: (string | RegExp)[];
}

/**
 * While `isExpired(req)` says so, every page redirects to the password-change page (JSON
 * clients get 403), like django-security's PasswordExpiryMiddleware.
 *
 * @example
 * app.use(passwordExpiry({ isExpired: (req) => req.user?.passwordExpiresAt < Date.now(), exempt: ['/logout', '/static/'] }));
 */
export function passwordExpiry(options: PasswordExpiryOptions) {
  knownKeys('passwordExpiry', options, ['isExpired', 'changeUrl', 'exempt', 'logger']);
  if (typeof options?.isExpired !== 'function')
    fail('passwordExpiry: isExpired', options?.isExpired, 'must be a function (req) => boolean');
  const changeUrl = headerText('passwordExpiry: changeUrl', options.changeUrl ?? '/password/change');
  if (!changeUrl.startsWith('/') || changeUrl.startsWith('//'))
    fail('passwordExpiry: changeUrl', changeUrl, 'must be a path on this site');
  const exempt = pathMatcher(
    [...pathList('passwordExpiry: exempt', options.exempt ?? []), changeUrl.split('?')[0] as string],
    { grants: 'exemption' },
  );
  const logger = toLogger('passwordExpiry', options.logger);
  return function checksecurePasswordExpiry(req: IncomingMessage, res: ServerResponse, next?: Next): void {
    const path = pathOf(requestUrl(req));
    if (exempt(path) || !options.isExpired(req)) return next?.();
    securityEvent(
      logger,
      'warn',
      'password.expired',
      { path },
      `password change required before ${req.method} ${path}`,
    );
    if (wantsJson(req)) {
      res
        .writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' })
        .end('{"error":"password expired"}');
      return;
    }
    res.writeHead(302, { Location: changeUrl, 'Cache-Control': 'no-store' }).end();
  };
}
