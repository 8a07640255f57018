import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityEvent, toLogger } from './logger.js';
import { pathMatcher } from './path-match.js';
import type { LoggerOption, Next } from './types.js';
import { pathOf, requestUrl } from './request-url.js';
import { fail, headerText, knownKeys, pathList } from './validate.js';

export interface LoginRequiredOptions extends LoggerOption {
  /** Whether the request is from a logged-in user. */
  isAuthenticated: (req: IncomingMessage) => boolean;
  /** Paths anyone may see (the login page itself is always public). Strings cover their sub-paths. */
  publicPaths?: (string | RegExp)[];
  /** Where browsers are sent, with ?next= the page they asked for. Default '/login'. */
  loginUrl?: string;
}

/** JSON or script clients get 401; browsers get the login page. */
export function wantsJson(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  return (
    req.headers['x-requested-with'] === 'XMLHttpRequest' || (/json/i.test(accept) && !/html/i.test(accept))
  );
}

/**
 * Everything needs a login except an allow-list of public paths, like django-security's
 * LoginRequiredMiddleware: browsers are redirected to the login page, JSON and XHR clients get 401.
 *
 * @example
 * app.use(loginRequired({ isAuthenticated: (req) => !!req.session?.user, publicPaths: ['/', '/about', '/static/'] }));
 */
export function loginRequired(options: LoginRequiredOptions) {
  knownKeys('loginRequired', options, ['isAuthenticated', 'publicPaths', 'loginUrl', 'logger']);
  if (typeof options?.isAuthenticated !== 'function')
    fail('loginRequired: isAuthenticated', options?.isAuthenticated, 'must be a function (req) => boolean');
  const loginUrl = headerText('loginRequired: loginUrl', options.loginUrl ?? '/login');
  if (!loginUrl.startsWith('/') || loginUrl.startsWith('//'))
    fail('loginRequired: loginUrl', loginUrl, 'must be a path on this site');
  // A path that cannot be made canonical (an encoded slash, an invalid escape) is not public.
  const isPublic = pathMatcher(
    [...pathList('loginRequired: publicPaths', options.publicPaths ?? []), loginUrl.split('?')[0] as string],
    { grants: 'exemption' },
  );
  const logger = toLogger('loginRequired', options.logger);
  return function checksecureLoginRequired(req: IncomingMessage, res: ServerResponse, next?: Next): void {
    // Under a mount (app.use('/portal', ...)) req.url is cut: the browser asked for originalUrl.
    const url = requestUrl(req);
    const path = pathOf(url);
    if (isPublic(path) || options.isAuthenticated(req)) return next?.();
    securityEvent(logger, 'warn', 'login.required', { path }, `login required for ${req.method} ${path}`);
    if (wantsJson(req)) {
      res
        .writeHead(401, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
        .end('{"error":"login required"}');
      return;
    }
    const target = `${loginUrl}${loginUrl.includes('?') ? '&' : '?'}next=${encodeURIComponent(url)}`;
    res.writeHead(302, { Location: target, 'Cache-Control': 'no-store' }).end();
  };
}
