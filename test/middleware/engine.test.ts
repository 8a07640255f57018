import { describe, expect, it } from 'vitest';
import { compile } from '../../middleware/engine.js';

describe('compile', () => {
  it('lists the HTTPS-only headers after the others, the HTTPS value winning a name both give', () => {
    const engine = compile([
      {
        name: 'a',
        headers: [
          ['X-Frame-Options', 'DENY'],
          ['Cache-Control', 'no-cache'],
        ],
      },
      {
        name: 'b',
        httpsHeaders: [
          ['Strict-Transport-Security', 'max-age=1'],
          ['cache-control', 'no-store'],
        ],
      },
    ]);
    expect(engine.headers).toEqual([
      ['x-frame-options', 'DENY'],
      ['cache-control', 'no-cache'],
    ]);
    expect(engine.headersOverHttps).toEqual([
      ['x-frame-options', 'DENY'],
      ['cache-control', 'no-store'],
      ['strict-transport-security', 'max-age=1'],
    ]);
  });

  it('shares the plain list when no part sends a header over HTTPS only', () => {
    const engine = compile([{ name: 'a', headers: [['X-Frame-Options', 'DENY']] }]);
    expect(engine.headersOverHttps).toBe(engine.headers);
  });
});
