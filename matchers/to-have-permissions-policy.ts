import { permissionsPolicyCheck } from '../src/checks/permissions-policy.js';
import { parsePermissionsPolicy } from '../src/headers/permissions-policy.js';
import { PERMISSIONS_FEATURES } from '../middleware/permissions-policy.js';
import { evaluate } from './evaluate.js';
import type { MatcherContext } from './types.js';
import { didYouMean, noMoreArguments, optionFail } from './validate-options.js';

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS_FEATURES);

function validFeatures(features: unknown): string[] {
  if (features === undefined) return [];
  if (!Array.isArray(features))
    optionFail(
      'toHavePermissionsPolicy: features',
      features,
      `must be an array of feature names${typeof features === 'string' ? `: [${JSON.stringify(features)}]` : ", e.g. ['camera', 'microphone']"}`,
    );
  for (const feature of features) {
    if (typeof feature === 'string' && KNOWN.has(feature)) continue;
    optionFail(
      'toHavePermissionsPolicy: features',
      feature,
      `is not a known feature${didYouMean(feature, KNOWN)}`,
    );
  }
  return features as string[];
}

/**
 * The response sends a valid Permissions-Policy that restricts each of `features` (denies it,
 * or allows only listed origins: anything but `*`).
 *
 * @example
 * expect(res).toHavePermissionsPolicy(['camera', 'microphone', 'geolocation']);
 */
export function toHavePermissionsPolicy(
  this: MatcherContext,
  received: unknown,
  expected?: string[],
  ...extra: unknown[]
) {
  noMoreArguments('toHavePermissionsPolicy', extra, 'one array of features');
  const features = validFeatures(expected);
  return evaluate(this, received, {
    name: 'toHavePermissionsPolicy',
    expected: features.length ? JSON.stringify(features) : '',
    claim: `send a valid Permissions-Policy${features.length ? ` restricting ${features.join(', ')}` : ''}`,
    checks: [permissionsPolicyCheck],
    fails: () => true,
    headers: ['permissions-policy'],
    extra: (ctx) =>
      ctx.pages.flatMap((page) => {
        if (!page.headers['permissions-policy']) return [];
        const policy = parsePermissionsPolicy(page.headers['permissions-policy']);
        return features.flatMap((feature) => {
          const allow = policy.features.get(feature);
          if (allow === undefined) return [`${feature} is not restricted (absent from the policy)`];
          return allow.includes('*') ? [`${feature} is allowed for every origin (*)`] : [];
        });
      }),
    fix: {
      part: 'permissionsPolicy',
      options: {
        features: Object.fromEntries((features.length ? features : ['camera']).map((f) => [f, []])),
      },
    },
  });
}
