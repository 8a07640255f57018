/**
 * helmet's behavioural cases for Permissions-Policy (helmetjs/helmet,
 * test/permissions-policy.test.ts)
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get } from './peer-helpers.js';

describe('helmet: Permissions-Policy (permissionsPolicy())', () => {
  const sent = async (options?: mw.PermissionsPolicyOptions) =>
    (await get(mw.permissionsPolicy(options))).headers['permissions-policy'];

  // differs: helmet's permissionsPolicy has no defaults and throws without features; ours
  // denies the powerful features (camera, microphone, geolocation...) when given none.
  it('differs: helmet permissions-policy: with no options the default denials are sent instead of throwing', async () => {
    const value = await sent();
    for (const feature of mw.DEFAULT_DENIED_FEATURES) expect(value).toContain(`${feature}=()`);
  });

  it('helmet permissions-policy: an empty features object throws at setup', () => {
    expectOptionError(() => mw.permissionsPolicy({ features: {} }), 'Permissions-Policy: features');
  });

  it('helmet permissions-policy: one feature with self and an origin', async () => {
    expect(await sent({ features: { geolocation: ['self', 'https://example.com'] } })).toBe(
      'geolocation=(self "https://example.com")',
    );
  });

  it('helmet permissions-policy: several features, in order', async () => {
    expect(await sent({ features: { geolocation: ['self'], camera: ['*'], microphone: [] } })).toBe(
      'geolocation=(self), camera=*, microphone=()',
    );
  });

  it('helmet permissions-policy: an empty allowlist is sent as ()', async () => {
    expect(await sent({ features: { payment: [] } })).toBe('payment=()');
  });

  it('helmet permissions-policy: * is sent bare', async () => {
    expect(await sent({ features: { usb: ['*'] } })).toBe('usb=*');
  });

  it('helmet permissions-policy: self and src are sent unquoted', async () => {
    expect(await sent({ features: { midi: ['self', 'src'] } })).toBe('midi=(self src)');
  });

  it('helmet permissions-policy: origins are sent quoted', async () => {
    expect(await sent({ features: { 'sync-xhr': ['https://example.com'] } })).toBe(
      'sync-xhr=("https://example.com")',
    );
  });
});
