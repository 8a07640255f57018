import { checkExchange } from '../src/core/check-exchange.js';
import { fromCaptured, isCapturedResponse } from '../src/probe/captured.js';
import { isAppObject } from '../src/probe/target.js';
import { defineCheck } from '../src/core/registry.js';
import type {
  Check,
  CheckContext,
  Exchange,
  Finding,
  FixSpec,
  ScanOptions,
  Severity,
} from '../src/core/types.js';
import { scan } from '../src/core/scan.js';
import { renderFix } from '../src/report/render-fix.js';
import { snippetLines } from '../src/report/snippet-lines.js';
import type { CheckOutcome } from '../src/core/run-check.js';
import type { MatcherContext, MatcherResult } from './types.js';

/** How one matcher uses the registry: which checks, which codes fail it, what it adds. */
export interface MatcherSpec {
  name: string;
  /** The arguments as shown in the hint, e.g. `{ maxAge: 31536000 }`. */
  expected?: string;
  /** What a passing response does: "send a valid Strict-Transport-Security header". */
  claim: string;
  checks: readonly Check[];
  /** Whether a warning of this code fails the matcher. Default: severity warning or error. */
  fails?: (code: string, severity: Severity) => boolean;
  /** Headers to show as received. */
  headers: readonly string[];
  options?: ScanOptions;
  /** Judge the response as an HTML page (framing and CSP are HTML-only in the scanner). */
  asPage?: boolean;
  /** Requirements the options add beyond the checks' codes, from the same parsed exchange. */
  extra?: (ctx: CheckContext) => string[] | Promise<string[]>;
  /** The fix shown when only `extra` failed. */
  fix?: FixSpec;
  /** Needs active probes: an app, URL or handler, never a response. */
  targetOnly?: boolean;
  /** Skipped checks are expected (the whole registry on a response) rather than failures. */
  ignoreSkipped?: boolean;
}

const defaultFails = (_code: string, severity: Severity) => severity !== 'info';

const RESPONSE_SHAPES =
  'a response (supertest, fetch or undici Response, undici request() result, axios, Playwright APIResponse, IncomingMessage, or { status, headers })';
const TARGET_SHAPES =
  'an app (Express, Connect, node:http listener, Fastify, Koa, hapi, Hono), a URL, or a fetch handler';

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 60))}`;
  if (typeof value === 'object')
    return `an object with keys ${Object.keys(value).slice(0, 6).join(', ') || '(none)'}`;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a number, boolean, bigint, symbol or function here
  return `${typeof value} ${String(value).slice(0, 60)}`;
}

/** True for what a matcher scans (an app, URL, handler, or one with its headers), not a response. */
export function isTargetInput(value: unknown): boolean {
  return isTarget(unwrapHeaders(value)[0]);
}

function isTarget(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value === 'string') return /^https?:\/\//i.test(value);
  if (value instanceof URL) return true;
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.fetch === 'function' ||
    typeof v.listen === 'function' ||
    isAppObject(v) ||
    ('app' in v && Object.keys(v).length === 1) ||
    ('url' in v && Object.keys(v).length === 1)
  );
}

/**
 * `{ app, headers }` or `{ url, headers }`: a target whose requests carry these headers (the Host
 * an app with allowedHosts answers, a session cookie). The scan validates them as its option.
 */
function unwrapHeaders(received: unknown): [unknown, Record<string, string> | undefined] {
  if (!received || typeof received !== 'object' || !('headers' in received)) return [received, undefined];
  const keys = Object.keys(received);
  const key = keys.find((k) => k === 'app' || k === 'url');
  if (keys.length !== 2 || key === undefined) return [received, undefined];
  const r = received as Record<string, unknown>;
  return [{ [key]: r[key] }, r.headers as Record<string, string>];
}

interface Verdict {
  problems: string[];
  pages: Exchange[];
  fix?: FixSpec;
}

/** A check that carries the matcher's own requirements and keeps the pages for the message. */
function extraCheck(spec: MatcherSpec, sink: { pages: Exchange[]; problems: string[] }): Check {
  return defineCheck({
    name: `${spec.name}Expectations`,
    messages: { CHECKSECURE_MATCHER: { severity: 'info', message: 'matcher expectations' } },
    async run(ctx) {
      sink.pages = ctx.pages;
      sink.problems.push(...((await spec.extra?.(ctx)) ?? []));
    },
  });
}

function extraCheckSync(spec: MatcherSpec, sink: { pages: Exchange[]; problems: string[] }): Check {
  return defineCheck({
    name: `${spec.name}Expectations`,
    messages: { CHECKSECURE_MATCHER: { severity: 'info', message: 'matcher expectations' } },
    run(ctx) {
      sink.pages = ctx.pages;
      const extra = spec.extra?.(ctx) ?? [];
      if (extra instanceof Promise)
        throw new Error(`${spec.name} needs an app, URL or handler for this expectation`);
      sink.problems.push(...extra);
    },
  });
}

function verdict(
  spec: MatcherSpec,
  outcomes: { warnings: Finding[]; checks: CheckOutcome['status'][] },
  sink: { pages: Exchange[]; problems: string[] },
): Verdict {
  const fails = spec.fails ?? defaultFails;
  const failing = outcomes.warnings.filter((w) => fails(w.code, w.severity));
  const problems = failing.map((w) => `${w.code}: ${w.message}`);
  for (const status of outcomes.checks) {
    if (status.name === `${spec.name}Expectations` && status.status === 'passed') continue;
    if (status.status === 'errored') problems.push(`the ${status.name} check errored: ${status.reason}`);
    if (status.status === 'skipped' && !spec.ignoreSkipped && !status.name.endsWith('Expectations'))
      problems.push(`the ${status.name} check could not run: ${status.reason}`);
  }
  problems.push(...sink.problems);
  return { problems, pages: sink.pages, fix: failing.find((w) => w.fix)?.fix ?? spec.fix };
}

function result(ctx: MatcherContext, spec: MatcherSpec, v: Verdict): MatcherResult {
  // pass never looks at isNot: the runner inverts it for .not.
  const pass = v.problems.length === 0;
  return {
    pass,
    message: () => {
      const received = ctx.utils.RECEIVED_COLOR ?? ((s: string) => s);
      const hint = ctx.utils.matcherHint(spec.name, 'received', spec.expected ?? '', {
        isNot: ctx.isNot,
        promise: ctx.promise,
      });
      const lines = [hint, ''];
      if (pass) lines.push(`Expected the response not to ${spec.claim}, but it does.`);
      else lines.push(`Expected the response to ${spec.claim}, but:`, ...v.problems.map((p) => `  - ${p}`));
      const shown = v.pages.flatMap((page) =>
        spec.headers.flatMap((name) => (page.headers[name] ?? []).map((value) => `  ${name}: ${value}`)),
      );
      if (spec.headers.length > 0) {
        lines.push(
          '',
          'Received:',
          ...(shown.length > 0
            ? shown.map((line) => received(line))
            : [received(`  (no ${spec.headers.join(', ')} header)`)]),
        );
      }
      if (!pass && v.fix) {
        // A scan's warnings carry their fix written out already, which renders as itself.
        const fix = renderFix(v.fix);
        lines.push('', `Fix with ${fix.middleware}:`, ...snippetLines(fix.snippet, '  '));
      }
      return lines.join('\n');
    },
  };
}

/**
 * Runs a matcher: synchronously on a response in hand, asynchronously (a promise the test
 * awaits) on an app, URL or handler, in both cases through the registry's own checks.
 */
export function evaluate(
  ctx: MatcherContext,
  received: unknown,
  spec: MatcherSpec,
): MatcherResult | Promise<MatcherResult> {
  if (isCapturedResponse(received) && !isTargetInput(received)) {
    if (spec.targetOnly) {
      throw new TypeError(
        `${spec.name}: needs ${TARGET_SHAPES} so it can send requests; received ${describe(received)}`,
      );
    }
    let exchange = fromCaptured(received);
    if (spec.asPage && !exchange.isHtml) exchange = { ...exchange, isHtml: true };
    const sink = { pages: [exchange], problems: [] as string[] };
    const outcomes = checkExchange(exchange, [...spec.checks, extraCheckSync(spec, sink)], spec.options);
    return result(
      ctx,
      spec,
      verdict(
        spec,
        { warnings: outcomes.flatMap((o) => o.warnings), checks: outcomes.map((o) => o.status) },
        sink,
      ),
    );
  }
  const [target, headers] = unwrapHeaders(received);
  if (!isTarget(target)) {
    throw new TypeError(
      `${spec.name}: expected ${RESPONSE_SHAPES} or ${TARGET_SHAPES}; received ${describe(received)}`,
    );
  }
  const sink = { pages: [] as Exchange[], problems: [] as string[] };
  const options = {
    ...spec.options,
    ...(headers ? { headers } : {}),
    checks: [...spec.checks, extraCheck(spec, sink)],
  };
  return scan(target as never, options).then((report) => {
    const v = verdict(spec, { warnings: report.warnings, checks: report.checks }, sink);
    // The 400 an app that answers only its own hosts gives the scan's 127.0.0.1: its headers
    // are not the app's, and a matcher passing on them would pass on nothing.
    for (const page of sink.pages)
      if (page.status === 400 && page.request.headers.host === undefined)
        v.problems.push(
          `GET ${new URL(page.url).pathname} answered 400, so the app's own page was never judged; if it answers only its own hosts (allowedHosts), send one: expect({ app, headers: { Host: 'example.com' } })`,
        );
    return result(ctx, spec, v);
  });
}
