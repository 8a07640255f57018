// Compile-only: the checksecure matchers as a Vitest project sees them, checked once against
// Vitest 4 (test/types/vitest4) and once against Vitest 5 (test/types/vitest5).
import 'checksecure/vitest';
import type { Response } from 'supertest';
import { expect } from 'vitest';

declare const res: Response;
declare const app: (req: unknown, res: unknown) => void;

expect(res).toHaveHsts();
expect(res).toHaveHsts({ maxAge: 31536000, includeSubDomains: true, preload: false });
expect(res).not.toDenyFraming();
expect(res).toHaveSecureSessionCookie('connect.sid');
expect(res).toHaveCsp({ strict: true, directives: { 'object-src': ["'none'"] } });
expect(res).toHaveReferrerPolicy('no-referrer');
expect(res).toHavePermissionsPolicy(['camera']);
expect(res).toPassSecurityChecks({ skip: ['CSP_NO_REPORTING'], failOn: 'error' });
expect({ home: res }).toEqual({ home: expect.toHaveHsts() });
export async function asyncUse(): Promise<void> {
  await expect(app).toRedirectToHttps();
  await expect(app).toBeProtectedFromCsrf('/transfer');
  await expect(app).toBeProtectedFromCsrf('/transfer', { sameOrigin: { form: { _csrf: 'token' } } });
  await expect(app).toBeProtectedFromCsrf('/transfer', {
    sameOrigin: async ({ get, path }) => ({
      headers: { 'X-CSRF-Token': (await get(path)).body.slice(0, 32) },
    }),
  });
  // @ts-expect-error a form field's value is a string
  await expect(app).toBeProtectedFromCsrf('/transfer', { sameOrigin: { form: { _csrf: 1 } } });
}

// @ts-expect-error maxAge is a number of seconds
expect(res).toHaveHsts({ maxAge: '1y' });
// @ts-expect-error not a referrer policy
expect(res).toHaveReferrerPolicy('no-referer');
// @ts-expect-error failOn is a severity
expect(res).toPassSecurityChecks({ failOn: 'fatal' });
// @ts-expect-error no such matcher
expect(res).toHaveHstss();
// @ts-expect-error not a Permissions-Policy feature
expect(res).toHavePermissionsPolicy(['camra']);
// @ts-expect-error an unsafe policy, which toHaveReferrerPolicy can never pass on
expect(res).toHaveReferrerPolicy('unsafe-url');
// @ts-expect-error failOn 'never' would assert nothing
expect(res).toPassSecurityChecks({ failOn: 'never' });
