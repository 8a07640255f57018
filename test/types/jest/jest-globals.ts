// Compile-only: the checksecure matchers on `import { expect } from '@jest/globals'`.
import { expect } from '@jest/globals';
import 'checksecure/jest';
import type { Response } from 'supertest';

declare const res: Response;
declare const app: (req: unknown, res: unknown) => void;

expect(res).toHaveHsts({ includeSubDomains: true });
expect(res).toHaveCsp({ strict: true });
expect(res).not.toHideServerInfo();
export async function asyncUse(): Promise<void> {
  await expect(app).toRedirectToHttps();
}

// @ts-expect-error not a referrer policy
expect(res).toHaveReferrerPolicy('no-referer');
// @ts-expect-error an unsafe policy, which toHaveReferrerPolicy can never pass on
expect(res).toHaveReferrerPolicy('unsafe-url');
