import { ConfigError } from './errors.js';
import type { Check, CheckDefinition, CheckInput, MessageSpec, Severity } from './types.js';
import { validateFix } from './validate-fix.js';

const SEVERITY_SET: ReadonlySet<string> = new Set<Severity>(['error', 'warning', 'info']);

/**
 * Declares a check, validating its messages once at definition.
 *
 * @example
 * export const noDebugHeader = defineCheck({
 *   name: 'noDebugHeader',
 *   messages: { DEBUG_HEADER: { severity: 'warning', message: 'X-Debug is sent' } },
 *   *run(ctx) {
 *     for (const page of ctx.pages) if (page.headers['x-debug']) yield { code: 'DEBUG_HEADER', url: page.url };
 *   },
 * });
 */
export function defineCheck(check: CheckDefinition): Check {
  if (!check || typeof check !== 'object')
    throw new ConfigError(`check: ${String(check)} is not a check object`);
  if (typeof check.name !== 'string' || !/^[A-Za-z_$][\w$-]*$/.test(check.name)) {
    throw new ConfigError(`check.name: ${JSON.stringify(check.name)} must be an identifier`);
  }
  if (typeof check.run !== 'function') throw new ConfigError(`check ${check.name}: run must be a function`);
  const messages: Record<string, MessageSpec> = {};
  for (const [code, spec] of Object.entries(check.messages ?? {}))
    messages[code] = toSpec(check.name, code, spec);
  if (Object.keys(messages).length === 0)
    throw new ConfigError(`check ${check.name}: messages declares no code`);
  return Object.freeze({ ...check, messages: Object.freeze(messages) });
}

function toSpec(name: string, code: string, spec: unknown): MessageSpec {
  if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(code)) {
    throw new ConfigError(
      `check ${name}: code ${JSON.stringify(code)} must be letters, digits, "_", "." or "-"`,
    );
  }
  if (typeof spec === 'string') return { severity: 'warning', message: spec };
  const s = spec as Partial<MessageSpec> | null;
  if (!s || typeof s.message !== 'string')
    throw new ConfigError(`check ${name}: messages.${code} needs a message`);
  const severity = s.severity ?? 'warning';
  if (!SEVERITY_SET.has(severity)) {
    throw new ConfigError(
      `check ${name}: messages.${code}.severity ${JSON.stringify(severity)} is not error, warning or info`,
    );
  }
  if (s.fix !== undefined) validateFix(s.fix, `check ${name}: messages.${code}.fix`);
  return { ...s, severity, message: s.message };
}

/** Accepts either form of check and returns a `Check`. */
export function toCheck(input: CheckInput): Check {
  if (typeof input === 'function') {
    const fn = input;
    return defineCheck({
      name: fn.name || 'anonymousCheck',
      messages: fn.messages,
      run: fn,
    });
  }
  if (Object.isFrozen(input) && Object.isFrozen(input.messages)) return input as Check;
  return defineCheck(input);
}

/** Every code declared by a list of checks, for validating `skip` and `--explain`. */
export function codesOf(checks: readonly Check[]): Map<string, { check: Check; spec: MessageSpec }> {
  const codes = new Map<string, { check: Check; spec: MessageSpec }>();
  for (const check of checks) {
    for (const [code, spec] of Object.entries(check.messages)) {
      if (codes.has(code) && codes.get(code)!.check.name !== check.name) {
        throw new ConfigError(
          `checks: code ${code} is declared by both ${codes.get(code)!.check.name} and ${check.name}`,
        );
      }
      codes.set(code, { check, spec });
    }
  }
  return codes;
}
