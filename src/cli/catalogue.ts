import type { Check } from '../registry.js';
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

/** `--explain CODE`: the long explanation and the fix, or undefined for an unknown code. */
export function formatExplain(checks: readonly Check[], code: string): string | undefined {
  for (const check of checks) {
    const spec = check.messages[code];
    if (!spec) continue;
    const lines = [`${code} (${spec.severity}, check ${check.name})`, '', spec.message];
    if (spec.explanation) lines.push('', spec.explanation);
    if (spec.fix)
      lines.push('', `Fix: ${spec.fix.middleware}`, '', ...snippetLines(spec.fix.snippet, '    '));
    return `${lines.join('\n')}\n`;
  }
  return undefined;
}
