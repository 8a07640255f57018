import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT } from '../helpers/cli.js';
import { generatedReport, writeReportFile } from '../helpers/report-file.js';

// The result of `reports --propose --preview` on a seeded file, recorded from the code before it
// was made faster: a shortcut on the per-report path (a duplicate decided from the line's text, a
// cache per distinct string) must never change what is dropped, grouped or proposed.
const GOLDEN = path.join(ROOT, 'test/fixtures/reports-golden/propose-preview.json');
const REPORTS = 20_000;

/**
 * The generated stream (every noise kind, in jsonlSink's field order) with lines that a shortcut
 * keyed on that order must still read exactly: the same report with its fields in another order
 * or spaced out (so that a duplicate of it is only found by parsing), receivedAt missing or not
 * first, escaped characters, nonces that differ per request, a policy with escapes or none, and
 * lines that are not reports at all.
 */
function variedReport(i: number): string {
  const line = generatedReport(i);
  const report = JSON.parse(line) as Record<string, unknown>;
  switch (i % 53) {
    case 13:
    case 14:
      // Both halves of a duplicate pair written in another field order, one of them spaced.
      return i % 2 === 0
        ? `${JSON.stringify(Object.fromEntries(Object.entries(report).reverse()))}\n`
        : `${JSON.stringify(report, null, 1).replaceAll('\n', '')}\n`;
    case 33:
    case 34: {
      // A duplicate pair whose first copy comes in jsonlSink's order and the second in another.
      const { receivedAt, ...rest } = report;
      return i % 2 === 0 ? line : `${JSON.stringify({ ...rest, receivedAt })}\n`;
    }
    case 40:
    case 41:
    case 42:
    case 43: {
      // Report 40 again at +10 s (a duplicate at the window's edge), at +20.002 s (10.002 s after
      // the last sighting: not one), and 3 s before its first sighting.
      const first = JSON.parse(generatedReport(i - (i % 53) + 40)) as Record<string, unknown>;
      const at = Date.parse(first.receivedAt as string) + [0, 10_000, 20_002, -3000][(i % 53) - 40]!;
      return `${JSON.stringify({ ...first, receivedAt: new Date(at).toISOString() })}\n`;
    }
    case 44:
    case 45:
    case 46:
    case 47: {
      // Report 44 under its own request's nonce, sent again (a duplicate), then the same report
      // under another request's nonce twice (not one, then one).
      const first = JSON.parse(generatedReport(i - (i % 53) + 44)) as Record<string, unknown>;
      const nonce = `n${i - (i % 53)}${i % 53 >= 46 ? 'b' : 'a'}`;
      const at = Date.parse(first.receivedAt as string) + ((i % 53) - 44) * 1000;
      return `${JSON.stringify({
        ...first,
        receivedAt: new Date(at).toISOString(),
        originalPolicy: (first.originalPolicy as string).replace(/'nonce-[^']*'/, `'nonce-${nonce}'`),
      })}\n`;
    }
    case 48:
    case 49: {
      // A policy with a quote and a backslash in its JSON text, and the same report without one.
      const first = JSON.parse(generatedReport(i - (i % 53) + 48)) as Record<string, unknown>;
      const at = Date.parse(first.receivedAt as string) + ((i % 53) - 48) * 500;
      const { originalPolicy, ...rest } = first;
      return `${JSON.stringify(
        i % 53 === 48
          ? { ...first, receivedAt: new Date(at).toISOString(), originalPolicy: `${originalPolicy as string}; x "\\y"` }
          : { ...rest, receivedAt: new Date(at).toISOString() },
      )}\n`;
    }
    case 20:
      return `${line.slice(0, -1).replaceAll('/', '\\/')}\n`;
    case 21: {
      const { receivedAt: _, ...rest } = report;
      return `${JSON.stringify(rest)}\n`;
    }
    case 22:
      return 'not json\n';
    case 23:
      return '[1,2]\n';
    case 24:
      return `${line.slice(0, 40)}\n`;
    default:
      return line;
  }
}

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reports-golden-'));
  file = path.join(dir, 'csp.jsonl');
  await writeReportFile(file, REPORTS, variedReport);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: () => {}, isTTY: false },
    env: {},
    cwd: ROOT,
  });
  return { code, stdout: stdout.replaceAll(file, 'FILE') };
}

describe('reports --propose --preview on a seeded file', () => {
  it('gives the recorded result, byte for byte', async () => {
    const { code, stdout } = await run(['reports', file, '--propose', '--preview', '--format', 'json']);
    expect(code).toBe(0);
    if (process.env.RECORD_GOLDEN === '1') await writeFile(GOLDEN, stdout);
    expect(stdout).toBe(await readFile(GOLDEN, 'utf8'));
  }, 60_000);

  it('gives the recorded result with the policy and site given', async () => {
    const { code, stdout } = await run([
      'reports',
      file,
      '--propose',
      '--preview',
      '--format',
      'json',
      '--site',
      'https://shop.example',
      '--policy',
      "default-src 'self'; img-src 'self' data:; script-src 'self'",
    ]);
    expect(code).toBe(0);
    const golden = GOLDEN.replace('.json', '-given.json');
    if (process.env.RECORD_GOLDEN === '1') await writeFile(golden, stdout);
    expect(stdout).toBe(await readFile(golden, 'utf8'));
  }, 60_000);
});
