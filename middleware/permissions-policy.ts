import type { LoggerOption } from './types.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import { fail, knownKeys, nearest } from './validate.js';

/** Features of the Permissions Policy registry that browsers ship or have shipped. */
export const PERMISSIONS_FEATURES = [
  'accelerometer',
  'ambient-light-sensor',
  'attribution-reporting',
  'autoplay',
  'bluetooth',
  'browsing-topics',
  'camera',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-write',
  'compute-pressure',
  'cross-origin-isolated',
  'deferred-fetch',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'gamepad',
  'geolocation',
  'gyroscope',
  'hid',
  'identity-credentials-get',
  'idle-detection',
  'interest-cohort',
  'keyboard-map',
  'local-fonts',
  'magnetometer',
  'microphone',
  'midi',
  'otp-credentials',
  'payment',
  'picture-in-picture',
  'publickey-credentials-create',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'speaker-selection',
  'storage-access',
  'sync-xhr',
  'unload',
  'usb',
  'web-share',
  'window-management',
  'xr-spatial-tracking',
] as const;

export type PermissionsFeature = (typeof PERMISSIONS_FEATURES)[number];

/** `[]` denies a feature; `['self']`, `['*']`, `['src']` or origins allow it. */
export type PermissionsAllowlist = ('self' | '*' | 'src' | `https://${string}` | `http://${string}`)[];

export interface PermissionsPolicyOptions extends LoggerOption {
  /** Default: the powerful features denied (camera, microphone, geolocation, payment, usb, serial, hid, midi, display-capture, motion sensors). */
  features?: Partial<Record<PermissionsFeature, PermissionsAllowlist>>;
}

/**
 * What secure() denies by default: features that reach the user's devices or surroundings. Only
 * features current Chromium recognises, since an unknown one logs a console error on every page.
 */
export const DEFAULT_DENIED_FEATURES: readonly PermissionsFeature[] = [
  'camera',
  'microphone',
  'geolocation',
  'payment',
  'usb',
  'serial',
  'hid',
  'midi',
  'display-capture',
  'accelerometer',
  'gyroscope',
  'magnetometer',
];

const KNOWN: ReadonlySet<string> = new Set(PERMISSIONS_FEATURES);

function member(feature: string, allowlist: unknown): string {
  if (!Array.isArray(allowlist))
    fail(
      `Permissions-Policy: ${feature}`,
      allowlist,
      'must be an array: [] to deny, or self, *, src or origins',
    );
  if (allowlist.includes('*')) {
    if (allowlist.length > 1) fail(`Permissions-Policy: ${feature}`, allowlist, 'mixes * with other entries');
    return `${feature}=*`;
  }
  const items = allowlist.map((entry: unknown) => {
    if (entry === 'self' || entry === 'src') return entry;
    if (typeof entry === 'string' && /^https?:\/\/[a-z0-9.-]+(:\d+)?$/i.test(entry))
      return `"${entry.toLowerCase()}"`;
    return fail(
      `Permissions-Policy: ${feature}`,
      entry,
      'is not self, *, src or an origin such as "https://maps.example.com"',
    );
  });
  return `${feature}=(${items.join(' ')})`;
}

/**
 * `Permissions-Policy` as an RFC 8941 dictionary, from typed feature names. Fixes
 * PERMISSIONS_POLICY_MISSING and PERMISSIONS_POLICY_INVALID.
 *
 * @example
 * app.use(permissionsPolicy({ features: { camera: [], geolocation: ['self'] } }));
 */
export function permissionsPolicy(options: PermissionsPolicyOptions = {}): PartMiddleware {
  knownKeys('Permissions-Policy', options, ['features']);
  const features = options.features ?? Object.fromEntries(DEFAULT_DENIED_FEATURES.map((f) => [f, []]));
  if (!features || typeof features !== 'object')
    fail('Permissions-Policy: features', features, 'must be an object of feature names');
  const members = Object.entries(features).map(([feature, allowlist]) => {
    if (!KNOWN.has(feature)) {
      const kebab = feature.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');
      const near = KNOWN.has(kebab) ? kebab : nearest(kebab, KNOWN);
      fail(
        'Permissions-Policy: features',
        feature,
        `is not a known feature${near ? ` (did you mean "${near}"?)` : ''}`,
      );
    }
    return member(feature, allowlist);
  });
  if (members.length === 0) fail('Permissions-Policy: features', features, 'names no feature');
  return toMiddleware('permissionsPolicy', [
    { name: 'permissionsPolicy', headers: [['Permissions-Policy', members.join(', ')]] },
  ]);
}
