import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { knownKeys, oneOf } from './validate.js';

export interface FrameGuardOptions extends LoggerOption {
  /** Default 'deny'. To allow chosen sites, use contentSecurityPolicy's frameAncestors. */
  action?: 'deny' | 'sameorigin';
}

/**
 * `X-Frame-Options: DENY` (or SAMEORIGIN): the page cannot be framed by other sites.
 * Fixes FRAMING_ALLOWED and FRAME_OPTIONS_INVALID.
 *
 * @example
 * app.use(frameGuard({ action: 'sameorigin' }));
 */
export function frameGuard(options: FrameGuardOptions = {}): PartMiddleware {
  knownKeys('X-Frame-Options', options, ['action']);
  const action = oneOf('X-Frame-Options: action', options.action, ['deny', 'sameorigin'], 'deny');
  return toMiddleware('frameGuard', [
    { name: 'frameGuard', headers: [['X-Frame-Options', action.toUpperCase()]] },
  ]);
}
