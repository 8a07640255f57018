import { ConfigError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Probe } from './probe/probe.js';
import type { Exchange, Fix, MessageSpec, Severity, TargetInfo } from './types.js';

/** A finding as a check yields it; the registry adds the check name, severity and fix. */
export interface WarningInit {
  code: string;
  /** Defaults to the URL of the first probed page. */
  url?: string;
  /** Specific to this finding; defaults to the code's message. */
  message?: string;
  evidence?: string;
  /** Specific to this finding (the cookie it names); defaults to the code's fix. */
  fix?: Fix;
}

export type CheckYield = string | WarningInit;
type Yields = void | undefined | null | CheckYield | Iterable<CheckYield> | AsyncIterable<CheckYield>;
/** What `run` may return: codes or warning objects, as an array, a generator, or a promise of either. */
export type CheckResult = Yields | PromiseLike<Yields>;

/** What every check receives. */
export interface CheckContext {
  target: TargetInfo;
  /** The GET of every probed path, after redirects. */
  pages: Exchange[];
  /** Active probes (plain HTTP, cross-site POST, foreign Origin/Host...), each sent once per scan. */
  probe: Probe;
  options: ResolvedOptions;
  /** `options.checkOptions[check.name]`. */
  checkOptions: unknown;
  /** Ends the check as skipped, with the reason shown in the report. */
  skip(reason: string): never;
  /** Whether a cookie is a session cookie, by `sessionCookies` or by the default name rule. */
  isSessionCookie(name: string): boolean;
}

/** A check: a name, the codes it may return with their explanations, and `run`. */
export interface Check {
  name: string;
  messages: Readonly<Record<string, MessageSpec>>;
  run(ctx: CheckContext): CheckResult;
  /** One line for `--list`. */
  description?: string;
  /** Judges HTTPS-only properties: reported as skipped when the target is not served over HTTPS. */
  requiresHttps?: boolean;
  /** Needs active probes: reported as skipped on a captured response. */
  needsProbe?: boolean;
  /**
   * Checks this check's `checkOptions` entry before any request; throws a `ConfigError` whose
   * message starts with `where` (`checkOptions.<name>`). Without it, any value is passed on.
   */
  validateOptions?(value: unknown, where: string): void;
}

/**
 * The original `checksecure` form: a function with a `messages` attribute mapping each code to
 * its message (severity `warning`) or to a full `MessageSpec`.
 */
export type FunctionCheck = ((ctx: CheckContext) => CheckResult) & {
  messages: Record<string, string | MessageSpec>;
};

/** What `defineCheck` accepts: a `Check` whose messages may also be plain strings (severity `warning`). */
export interface CheckDefinition extends Omit<Check, 'messages'> {
  messages: Readonly<Record<string, MessageSpec | string>>;
}

export type CheckInput = Check | CheckDefinition | FunctionCheck;

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
  return { ...s, severity, message: s.message } as MessageSpec;
}

/** Accepts either form of check and returns a `Check`. */
export function toCheck(input: CheckInput): Check {
  if (typeof input === 'function') {
    const fn = input as FunctionCheck;
    return defineCheck({
      name: fn.name || 'anonymousCheck',
      messages: fn.messages as Record<string, MessageSpec>,
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
