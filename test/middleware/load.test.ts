import { describe, expect, it } from 'vitest';
import { loadExpress } from '../helpers/load.js';

// The short run of the load test; `npm run load` sends a million requests and records the heap.
describe('Express with secure() under load', () => {
  it('serves 20,000 requests, each with its headers and a nonce of its own', async () => {
    const r = await loadExpress(20_000, 2);
    expect({ non2xx: r.non2xx, errors: r.errors, missingHeaders: r.missingHeaders }).toEqual({
      non2xx: 0,
      errors: 0,
      missingHeaders: 0,
    });
    expect(r.distinctNonces).toBe(20_000);
  }, 120_000);
});
