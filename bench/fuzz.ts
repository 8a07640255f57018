// The long fuzzing run (`npm run fuzz`): at least 100,000 cases per parser and 20,000 scans of
// arbitrary responses, with the figures written to bench/RESULTS.md. Exits 1 on any failure.
import os from 'node:os';
import fc from 'fast-check';
import { PARSERS, property, SCAN, type FuzzTarget } from '../test/fuzz/targets.js';
import { writeKeptSection } from './kept-sections.js';

const PARSER_RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const SCAN_RUNS = Math.max(1, Math.round(PARSER_RUNS / 5));

interface Row {
  name: string;
  runs: number;
  seconds: number;
  slowestMs: number;
  outcome: string;
}

async function run(t: FuzzTarget, numRuns: number): Promise<Row> {
  const timings = { max: 0 };
  const start = performance.now();
  const details = await fc.check(property(t, timings), { numRuns });
  const seconds = (performance.now() - start) / 1000;
  const outcome = details.failed
    ? `FAILED (seed ${details.seed}, counterexample ${JSON.stringify(details.counterexample).slice(0, 200)}: ${String((details.errorInstance as Error | undefined)?.message).slice(0, 200)})`
    : 'held';
  const row = { name: t.name, runs: details.numRuns, seconds, slowestMs: timings.max, outcome };
  console.log(
    `${row.name}: ${row.runs} cases in ${seconds.toFixed(1)} s, slowest ${row.slowestMs.toFixed(1)} ms: ${outcome}`,
  );
  return row;
}

const rows: Row[] = [];
for (const t of PARSERS) rows.push(await run(t, PARSER_RUNS));
rows.push(await run(SCAN, SCAN_RUNS));

const fmt = (n: number) => Math.round(n).toLocaleString('en');
await writeKeptSection(
  'fuzz',
  [
    '## Fuzzing (npm run fuzz)',
    '',
    `fast-check ${fc.__version}, run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores. Each case is parsed twice: it must not throw, must give the same result both times, and must end within 2 s (a hang detector). Inputs mix random text of any code points (lone surrogates and controls included), real header syntax in random order, and one piece of syntax repeated up to 20,000 characters (the shape that makes backtracking regular expressions blow up). The scan runs every default check on an arbitrary captured response (status, any header map in any casing, HTML-ish body) and fails on an errored check.`,
    '',
    '| target | cases | time | cases/s | slowest case | result |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.runs)} | ${r.seconds.toFixed(1)} s | ${fmt(r.runs / r.seconds)} | ${r.slowestMs.toFixed(1)} ms | ${r.outcome} |`,
    ),
    '',
    `**${fmt(rows.reduce((sum, r) => sum + r.runs, 0))} cases, ${rows.filter((r) => r.outcome !== 'held').length} failures**`,
  ].join('\n'),
);
process.exitCode = rows.every((r) => r.outcome === 'held') ? 0 : 1;
