// undici's index also loads fetch, WebSocket, the cache and cookie helpers, and those touch the
// Web globals, which makes Node load its own bundled copy of undici too: a cost at every cold
// start (bench/startup.ts measures it), for code a scan never runs. These are the only two
// pieces a probe uses.
import AgentClass from 'undici/lib/dispatcher/agent.js';
import dispatchRequest from 'undici/lib/api/api-request.js';
import type { Dispatcher } from 'undici';

export const Agent = AgentClass;
export type Agent = InstanceType<typeof AgentClass>;

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'>;

/**
 * undici's `request(url, options)` on a given dispatcher, without loading undici's index.
 *
 * @example
 * const res = await request(new Agent(), 'http://127.0.0.1:3000/', { method: 'GET' });
 */
export function request(
  dispatcher: Dispatcher,
  url: string | URL,
  options: RequestOptions = { method: 'GET' },
): Promise<Dispatcher.ResponseData> {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return dispatchRequest.call(dispatcher, {
    ...options,
    origin: parsed.origin,
    path: `${parsed.pathname}${parsed.search}`,
  });
}
