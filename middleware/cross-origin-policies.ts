import { CROSS_ORIGIN_VALUES } from '../src/headers/cross-origin-values.js';
import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { fail, knownKeys, oneOf } from './validate.js';

type Coop = (typeof CROSS_ORIGIN_VALUES)['cross-origin-opener-policy'][number];
type Coep = (typeof CROSS_ORIGIN_VALUES)['cross-origin-embedder-policy'][number];
type Corp = (typeof CROSS_ORIGIN_VALUES)['cross-origin-resource-policy'][number];

export interface CrossOriginPoliciesOptions extends LoggerOption {
  /** Cross-Origin-Opener-Policy. Default 'same-origin'; false leaves it out. */
  openerPolicy?: Coop | false;
  /** Cross-Origin-Embedder-Policy. Default false (it breaks cross-origin embeds unless they opt in). */
  embedderPolicy?: Coep | false;
  /** Cross-Origin-Resource-Policy. Default 'same-origin'; false leaves it out. */
  resourcePolicy?: Corp | false;
  /** Origin-Agent-Cluster: ?1. Default true. */
  originAgentCluster?: boolean;
  /** X-Permitted-Cross-Domain-Policies: none. Default true. */
  permittedCrossDomainPolicies?: boolean;
}

/**
 * COOP, CORP and (opt-in) COEP, plus Origin-Agent-Cluster and X-Permitted-Cross-Domain-Policies.
 * Fixes COOP_MISSING, COOP_INVALID, CORP_INVALID, COEP_INVALID.
 *
 * @example
 * app.use(crossOriginPolicies({ embedderPolicy: 'credentialless' }));
 */
export function crossOriginPolicies(options: CrossOriginPoliciesOptions = {}): PartMiddleware {
  knownKeys('crossOriginPolicies', options, [
    'openerPolicy',
    'embedderPolicy',
    'resourcePolicy',
    'originAgentCluster',
    'permittedCrossDomainPolicies',
  ]);
  const headers: [string, string][] = [];
  const add = (
    header: string,
    key: keyof CrossOriginPoliciesOptions,
    allowed: readonly string[],
    fallback: string | false,
  ) => {
    // undefined alone means the default: null is a value, and is refused with the option's name.
    const value = options[key] === undefined ? fallback : options[key];
    if (value === false) return;
    headers.push([header, oneOf(`${header}: ${key}`, value, allowed, allowed[0] as string)]);
  };
  add(
    'Cross-Origin-Opener-Policy',
    'openerPolicy',
    CROSS_ORIGIN_VALUES['cross-origin-opener-policy'],
    'same-origin',
  );
  add(
    'Cross-Origin-Embedder-Policy',
    'embedderPolicy',
    CROSS_ORIGIN_VALUES['cross-origin-embedder-policy'],
    false,
  );
  add(
    'Cross-Origin-Resource-Policy',
    'resourcePolicy',
    CROSS_ORIGIN_VALUES['cross-origin-resource-policy'],
    'same-origin',
  );
  for (const key of ['originAgentCluster', 'permittedCrossDomainPolicies'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean')
      fail(`crossOriginPolicies: ${key}`, options[key], 'must be true or false');
  }
  if (options.originAgentCluster !== false) headers.push(['Origin-Agent-Cluster', '?1']);
  if (options.permittedCrossDomainPolicies !== false)
    headers.push(['X-Permitted-Cross-Domain-Policies', 'none']);
  return toMiddleware('crossOriginPolicies', [{ name: 'crossOriginPolicies', headers }]);
}
