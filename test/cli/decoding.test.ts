import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { HOSTILE, startHostile } from '../helpers/hostile-servers.js';

let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await startHostile(HOSTILE.find((h) => h.name === 'a body gzipped 8,000 times')!);
});
afterAll(() => server.close());

describe('a body with thousands of content codings', () => {
  it('is judged as it came, with a note, and the CLI ends near its --timeout', async () => {
    const r = await cli([server.url, '--timeout', '1']);
    // A hang bound, not a speed test: every request of the scan decoded 8,000 layers before.
    expect(r.ms).toBeLessThan(5000);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      `note: GET ${server.url}/ came with 8000 content codings, more than the 5 undone (as curl and fetch): the checks read its body as it came`,
    );
    expect(r.stdout).toMatch(/^Found \d+ errors/m);
  }, 60_000);
});
