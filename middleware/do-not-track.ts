import { noOptions } from './validate.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Next, SecureRequest } from './types.js';

/**
 * Sets `req.doNotTrack` when the browser sends `DNT: 1` or `Sec-GPC: 1` (Global Privacy
 * Control), like django-security's DoNotTrackMiddleware, so the app can skip analytics.
 *
 * @example
 * app.use(doNotTrack());
 * app.get('/', (req, res) => res.render('home', { analytics: !req.doNotTrack }));
 */
export function doNotTrack(options?: never) {
  noOptions('doNotTrack', options, 'it reads DNT and Sec-GPC into req.doNotTrack');
  return function checksecureDoNotTrack(req: IncomingMessage, _res: ServerResponse, next?: Next): void {
    (req as SecureRequest).doNotTrack = req.headers.dnt === '1' || req.headers['sec-gpc'] === '1';
    next?.();
  };
}
