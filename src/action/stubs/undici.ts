/**
 * What the Action's dependencies import from `undici` (in the Action bundle only): a ProxyAgent
 * for @actions/http-client and fetch for @actions/github. Each loads its undici module on first
 * use (esbuild keeps a bundled CommonJS module unevaluated until it is required): undici's index
 * would load fetch, WebSocket and the Web globals at start-up, before the Action knows whether
 * it will call the API or go through a proxy at all.
 */
import type * as Undici from 'undici';

export const ProxyAgent = function ProxyAgent(options: Undici.ProxyAgent.Options) {
  // A literal require: esbuild bundles the module and evaluates it on this first call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- bundled lazily, see above
  const Real = require('undici/lib/dispatcher/proxy-agent.js') as typeof Undici.ProxyAgent;
  return new Real(options);
} as unknown as typeof Undici.ProxyAgent;

export async function fetch(...args: Parameters<typeof Undici.fetch>): ReturnType<typeof Undici.fetch> {
  // A CommonJS module imported from ESM: its exports object is the default export (in Node and esbuild alike).
  const undici = ((await import('undici/index.js')) as unknown as { default: typeof Undici }).default;
  return undici.fetch(...args);
}
