import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityEvent, toLogger } from './logger.js';
import { requestUrl } from './request-url.js';
import type { LoggerOption, Next } from './types.js';
import { fail, integer, knownKeys } from './validate.js';

export interface SessionExpiryOptions extends LoggerOption {
  /** Seconds of inactivity after which the session ends. */
  idle?: number;
  /** Seconds after the session began after which it ends, active or not. */
  absolute?: number;
}

interface ExpiringSession {
  checksecureExpiry?: { created: number; seen: number };
  destroy?: (callback?: (error?: unknown) => void) => void;
  regenerate?: (callback: (error?: unknown) => void) => void;
}

/**
 * Ends idle and overlong sessions on `req.session` (express-session or cookie-session), like
 * django-security's SessionExpiryPolicyMiddleware: the session is regenerated (or emptied) and
 * `req.sessionExpired` is set, so the app sees a logged-out user.
 *
 * @example
 * app.use(session({ ... }));
 * app.use(sessionExpiry({ idle: 30 * 60, absolute: 12 * 3600 }));
 */
export function sessionExpiry(options: SessionExpiryOptions) {
  if (options === undefined) fail('sessionExpiry', options, 'needs idle or absolute (seconds)');
  knownKeys('sessionExpiry', options, ['idle', 'absolute', 'logger']);
  const idle = options.idle === undefined ? undefined : integer('sessionExpiry: idle', options.idle, 0, 1);
  const absolute =
    options.absolute === undefined ? undefined : integer('sessionExpiry: absolute', options.absolute, 0, 1);
  if (idle === undefined && absolute === undefined)
    fail('sessionExpiry', options, 'needs idle or absolute (seconds)');
  const logger = toLogger('sessionExpiry', options.logger);
  return function checksecureSessionExpiry(req: IncomingMessage, _res: ServerResponse, next?: Next): void {
    const r = req as IncomingMessage & { session?: ExpiringSession | null; sessionExpired?: boolean };
    const session = r.session;
    if (!session || typeof session !== 'object') return next?.();
    const now = Date.now();
    const stamp = session.checksecureExpiry;
    const expired =
      stamp !== undefined &&
      ((idle !== undefined && now - stamp.seen > idle * 1000) ||
        (absolute !== undefined && now - stamp.created > absolute * 1000));
    if (!expired) {
      session.checksecureExpiry = { created: stamp?.created ?? now, seen: now };
      return next?.();
    }
    r.sessionExpired = true;
    const url = requestUrl(req);
    securityEvent(
      logger,
      'warn',
      'session.expired',
      { path: url, idle: now - stamp.seen, age: now - stamp.created },
      `session expired on ${req.method} ${url}`,
    );
    const restart = (error?: unknown) => {
      if (error) return next?.(error);
      if (r.session) r.session.checksecureExpiry = { created: now, seen: now };
      next?.();
    };
    if (typeof session.regenerate === 'function') session.regenerate(restart);
    else {
      // cookie-session: replacing the object clears it.
      r.session = {};
      restart();
    }
  };
}
