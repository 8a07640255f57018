import type { IncomingMessage } from 'node:http';

/**
 * The path and query the browser asked for: Express and Connect cut `req.url` under a mount
 * (`app.use('/portal', mw)` sees `/home`) and keep the whole in `originalUrl`.
 *
 * @example
 * requestUrl(req) // '/portal/home?x=1' under app.use('/portal', ...)
 */
export function requestUrl(req: IncomingMessage): string {
  const original = (req as IncomingMessage & { originalUrl?: unknown }).originalUrl;
  return typeof original === 'string' ? original : (req.url ?? '/');
}
