// Compile-only, in a fresh project: the Vitest matchers on Vitest's expect. The project adds the
// augmentation one way (tsconfig `types`, a reference directive or a side-effect import). A line
// after `// error TSnnnn: text` must fail with exactly that error.
import type { Response } from 'supertest';
import { expect } from 'vitest';

declare const res: Response;
declare const app: (req: unknown, res: unknown) => void;

expect(res).toHaveHsts();
expect(res).toHaveCsp({ strict: true });
export const pending: Promise<void> = Promise.resolve(expect(app).toDenyFraming());

// error TS2551: Property 'toHaveHstss' does not exist on type 'Assertion<Response>'. Did you mean 'toHaveHsts'?
expect(res).toHaveHstss();
// error TS2322: Type 'string' is not assignable to type 'number'.
expect(res).toHaveHsts({ maxAge: '1y' });
