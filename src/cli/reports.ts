import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { inertJson, terminalText } from '../report/escape.js';
import { UsageError } from './args.js';

/** What `checksecure reports FILE` counts. */
export interface ReportSummary {
  total: number;
  /** Lines that were not a JSON report (a torn last line, garbage). */
  skipped: number;
  byDirective: [string, number][];
  byBlocked: [string, number][];
  byPage: [string, number][];
}

function top(counts: Map<string, number>, n: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
}

/**
 * Summarises a JSON Lines file of CSP violations (as `jsonlSink` writes) by directive, blocked
 * URI and page: the analysis django-security offered in its admin.
 */
export function summariseReports(text: string, n = 10): ReportSummary {
  const directive = new Map<string, number>();
  const blocked = new Map<string, number>();
  const page = new Map<string, number>();
  let total = 0;
  let skipped = 0;
  const bump = (map: Map<string, number>, key: unknown) => {
    const k = typeof key === 'string' && key !== '' ? key.slice(0, 300) : '(unknown)';
    map.set(k, (map.get(k) ?? 0) + 1);
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let report: Record<string, unknown>;
    try {
      report = JSON.parse(line) as Record<string, unknown>;
    } catch {
      skipped++;
      continue;
    }
    if (!report || typeof report !== 'object') {
      skipped++;
      continue;
    }
    total++;
    bump(directive, report.effectiveDirective);
    bump(blocked, report.blockedUrl);
    let pageUrl = report.documentUrl;
    // Query strings make every page unique; the path is what a fix targets.
    if (typeof pageUrl === 'string') pageUrl = pageUrl.split(/[?#]/)[0];
    bump(page, pageUrl);
  }
  return { total, skipped, byDirective: top(directive, n), byBlocked: top(blocked, n), byPage: top(page, n) };
}

function table(title: string, rows: [string, number][]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([, count]) => String(count).length));
  return [
    '',
    title,
    // Every key is text a client sent: a newline in it would print a forged row, an escape
    // sequence would restyle the terminal, U+202E would show the row reversed.
    ...rows.map(([key, count]) => `  ${String(count).padStart(width)}  ${terminalText(key)}`),
  ];
}

/** `checksecure reports`' arguments, checked. */
export interface ReportsArgs {
  file: string;
  top: number;
  format: 'text' | 'json';
}

/**
 * Parses `checksecure reports FILE [--top N] [--format text|json]` (without `reports`): a wrong
 * flag or value is a usage error that says which.
 *
 * @example
 * parseReportsArgs(['csp.jsonl', '--top', '5']); // { file: 'csp.jsonl', top: 5, format: 'text' }
 */
export function parseReportsArgs(argv: readonly string[]): ReportsArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { top: { type: 'string' }, format: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`reports: ${(error as Error).message.split('\n')[0]}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0)
    throw new UsageError('reports: usage: checksecure reports FILE [--top N] [--format text|json]');
  const top = parsed.values.top === undefined ? 10 : Number(parsed.values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError(`reports: --top: "${parsed.values.top}" is not a positive whole number`);
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`reports: --format: "${format}" is not one of text, json`);
  return { file, top, format };
}

/** `checksecure reports FILE [--top N] [--format text|json]`. */
export async function reportsCommand(
  argv: readonly string[],
  write: (text: string) => void,
): Promise<number> {
  const { file, top: n, format } = parseReportsArgs(argv);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `reports: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const summary = summariseReports(text, n);
  if (format === 'json') {
    write(`${inertJson(JSON.stringify(summary, null, 2))}\n`);
    return 0;
  }
  const lines = [
    `${summary.total} CSP violation reports in ${file}${summary.skipped ? ` (${summary.skipped} unreadable lines skipped)` : ''}`,
  ];
  lines.push(
    ...table('By directive:', summary.byDirective),
    ...table('By blocked URI:', summary.byBlocked),
    ...table('By page:', summary.byPage),
  );
  write(`${lines.join('\n')}\n`);
  return 0;
}
