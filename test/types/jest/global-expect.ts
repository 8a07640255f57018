// Compile-only: the checksecure matchers on Jest's global expect (@types/jest).
import 'checksecure/jest';
import type { Response } from 'supertest';

declare const res: Response;
declare const app: (req: unknown, res: unknown) => void;

expect(res).toHaveHsts({ maxAge: 31536000 });
expect(res).not.toDenyFraming();
expect(res).toHaveSecureSessionCookie();
expect(res).toPassSecurityChecks({ failOn: 'warning' });
expect({ home: res }).toEqual({ home: expect.toHaveHsts() });
export async function asyncUse(): Promise<void> {
  // On an app the matcher returns a promise: the types say so under Jest.
  const pending: Promise<void> = expect(app).toDenyFraming();
  await pending;
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
// @ts-expect-error a response assertion is synchronous: no promise to hold
const _notPending: Promise<void> = expect(res).toHaveNoSniff();
// @ts-expect-error not a Permissions-Policy feature
expect(res).toHavePermissionsPolicy(['camra']);
// @ts-expect-error failOn 'never' would assert nothing
expect(res).toPassSecurityChecks({ failOn: 'never' });
