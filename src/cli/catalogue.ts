import { nearest } from '../util/edit-distance.js';
import type { Check } from '../core/types.js';
import { renderFix } from '../report/render-fix.js';
import { snippetLines } from '../report/snippet-lines.js';

/** `--list`: every check with its codes, severities and messages. */
export function formatList(checks: readonly Check[]): string {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(`${check.name}${check.description ? ` — ${check.description}` : ''}`);
    for (const [code, spec] of Object.entries(check.messages)) {
      lines.push(`  ${code.padEnd(30)} ${spec.severity.padEnd(8)} ${spec.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function explainCode(check: Check, code: string): string[] {
  const spec = check.messages[code]!;
  const lines = [`${code} (${spec.severity}, check ${check.name})`, '', spec.message];
  if (spec.explanation) lines.push('', spec.explanation);
  if (spec.fix) {
    const fix = renderFix(spec.fix);
    lines.push('', `Fix: ${fix.middleware}`, '', ...snippetLines(fix.snippet, '    '));
  }
  return lines;
}

/**
 * `--explain CODE|CHECK`: the long explanation and the fix of a code, or of every code of a
 * check, in any case (`hsts_missing`, `HSTS`); undefined when the name is neither.
 *
 * @example
 * formatExplain(defaultChecks, 'hsts_missing'); // 'HSTS_MISSING (error, check hsts)\n\n…'
 */
export function formatExplain(checks: readonly Check[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const check of checks) {
    const code = Object.keys(check.messages).find((c) => c.toLowerCase() === wanted);
    if (code) return `${explainCode(check, code).join('\n')}\n`;
  }
  const check = checks.find((c) => c.name.toLowerCase() === wanted);
  if (!check) return undefined;
  const blocks = Object.keys(check.messages).map((code) => explainCode(check, code).join('\n'));
  const head = `${check.name}${check.description ? ` — ${check.description}` : ''}`;
  // A rule between codes: each block has blank lines of its own.
  return `${head}\n\n${blocks.join('\n\n---\n\n')}\n`;
}

/** The code or check name a mistyped `--explain` most likely meant, if any is that close. */
export function nearestExplainable(checks: readonly Check[], name: string): string | undefined {
  return nearest(
    name,
    checks.flatMap((check) => [...Object.keys(check.messages), check.name]),
  );
}
