import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHsts } from '../../src/headers/hsts.js';
import { PARSERS, property, SCAN, type FuzzTarget } from './targets.js';

// The short run: a few hundred cases per target on every `npm test`, from a seed that changes
// per run (fast-check prints it with the counterexample). `npm run fuzz` runs 100,000 per parser.
const RUNS = 300;

describe('fuzzing: nothing throws, nothing hangs, results are deterministic', () => {
  for (const t of PARSERS) {
    it(t.name, async () => {
      await fc.assert(property(t), { numRuns: RUNS });
    });
  }

  it(
    SCAN.name,
    async () => {
      await fc.assert(property(SCAN), { numRuns: 100 });
      // The generator reaches the checks: a typical sample finds something to warn about.
      const samples = fc.sample(SCAN.input, { numRuns: 20, seed: 1 });
      const warned = await Promise.all(
        samples.map(async (r) => ((await SCAN.parse(r)) as { warnings: unknown[] }).warnings.length),
      );
      expect(warned.some((n) => n > 0)).toBe(true);
    },
    60_000,
  );

  it('the property fails on a parser that throws, hangs or remembers (it can fail)', async () => {
    const throwing: FuzzTarget<string[]> = {
      ...(PARSERS[0] as FuzzTarget<string[]>),
      parse: (values) => {
        if (values.some((v) => v.includes(';'))) throw new Error('boom');
        return parseHsts(values);
      },
    };
    const failure = (t: FuzzTarget, numRuns: number) =>
      fc.assert(property(t), { numRuns }).then(
        () => 'held',
        (error: Error) => `${error.message} ${String((error.cause as Error | undefined)?.message)}`,
      );
    expect(await failure(throwing as FuzzTarget, RUNS)).toMatch(/Counterexample[\s\S]*boom/);
    let calls = 0;
    const stateful: FuzzTarget = { ...PARSERS[0]!, parse: () => calls++ };
    expect(await failure(stateful, 5)).toMatch(/not deterministic/);
  });
});
