import { describe, expect, it } from 'vitest';
import { createLimit } from '../../src/probe/limit.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createLimit', () => {
  it('runs at most `concurrency` tasks at once, in arrival order', async () => {
    const limit = createLimit(3);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          started.push(i);
          peak = Math.max(peak, ++active);
          await tick();
          active--;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('passes a rejection on and frees the slot', async () => {
    const limit = createLimit(1);
    await expect(limit(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await limit(async () => 'next')).toBe('next');
  });

  it('frees the slot of a task that throws before it returns a promise', async () => {
    const limit = createLimit(1);
    const blocked = limit(async () => {
      await tick();
      return 'first';
    });
    const thrower = limit((): Promise<string> => {
      throw new Error('synchronous');
    });
    const after = limit(async () => 'after');
    await expect(thrower).rejects.toThrow('synchronous');
    expect(await Promise.all([blocked, after])).toEqual(['first', 'after']);
    await expect(limit(() => Promise.resolve('still running'))).resolves.toBe('still running');
  });
});
