import { describe, expect, it } from 'vitest';
import { scan } from '../../src/core/scan.js';
import { serve } from '../helpers/server.js';

describe('requests in flight', () => {
  it.each([1, 3])('never exceed concurrency=%i, over a URL', async (concurrency) => {
    let active = 0;
    let peak = 0;
    const site = await serve((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }, 15);
    });
    const paths = Array.from({ length: 12 }, (_, i) => `/p${i}`);
    await scan(site.url, { paths, concurrency });
    expect(peak).toBe(concurrency);
    expect(site.requests.length).toBeGreaterThan(12);
    await site.close();
  });

  it('never exceed concurrency in-process', async () => {
    let active = 0;
    let peak = 0;
    const app = (_req: unknown, res: import('node:http').ServerResponse) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        res.end('ok');
      }, 10);
    };
    await scan(app, { paths: Array.from({ length: 10 }, (_, i) => `/p${i}`), concurrency: 2 });
    expect(peak).toBe(2);
  });
});
