// Compile-only, in a fresh project: the Jest matchers on the global expect (@types/jest) and on
// @jest/globals' expect. The project adds the augmentation one way (tsconfig `types`, a reference
// directive or a side-effect import). A line after `// error TSnnnn: text` must fail with exactly
// that error.
import { expect as jestExpect } from '@jest/globals';
import type { Response } from 'supertest';

declare const res: Response;
declare const app: (req: unknown, res: unknown) => void;

expect(res).toHaveHsts();
jestExpect(res).toHaveHsts({ maxAge: 31536000 });
jestExpect(res).toHaveCsp({ strict: true });
export const pending: Promise<void> = expect(app).toDenyFraming();

// error TS2551: Property 'toHaveHstss' does not exist on type 'JestMatchers<Response>'. Did you mean 'toHaveHsts'?
expect(res).toHaveHstss();
// error TS2551: Property 'toHaveHstss' does not exist on type 'Matchers<void, Response> & SnapshotMatchers<void, Response> & Inverse<JestMatchers<void, Response>> & PromiseMatchers<...>'. Did you mean 'toHaveHsts'?
jestExpect(res).toHaveHstss();
// error TS2322: Type 'string' is not assignable to type 'number'.
jestExpect(res).toHaveHsts({ maxAge: '1y' });
