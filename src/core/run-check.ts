import { describeError, SkipCheck } from './errors.js';
import type { Check, CheckContext, CheckYield } from './types.js';
import type { CheckStatus, Finding } from './types.js';
import { validateFix } from './validate-fix.js';

export interface CheckOutcome {
  status: CheckStatus;
  /** Their fixes are data, written out by the report for the app's framework and module syntax. */
  warnings: Finding[];
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  !!v &&
  (typeof v === 'object' || typeof v === 'function') &&
  typeof (v as PromiseLike<unknown>).then === 'function';

/** Turns what a check yielded into warnings, refusing codes it did not declare. */
function toWarning(check: Check, ctx: CheckContext, item: CheckYield): Finding {
  const init = typeof item === 'string' ? { code: item } : item;
  if (!init || typeof init.code !== 'string') {
    throw new Error(`check ${check.name} returned ${JSON.stringify(item)}, not a code or a { code } object`);
  }
  const spec = check.messages[init.code];
  if (!spec)
    throw new Error(`check ${check.name} returned code ${init.code}, which its messages do not declare`);
  const warning: Finding = {
    code: init.code,
    check: check.name,
    severity: spec.severity,
    message: init.message ?? spec.message,
    url: init.url ?? ctx.pages[0]?.url ?? ctx.target.url,
  };
  if (init.evidence !== undefined) warning.evidence = init.evidence;
  // The code's own fix was checked by defineCheck; one made for this finding is checked here.
  if (init.fix !== undefined) validateFix(init.fix, `check ${check.name}: yield ${init.code}.fix`);
  const fix = init.fix ?? spec.fix;
  if (fix) warning.fix = fix;
  return warning;
}

function finish(check: Check, ctx: CheckContext, items: CheckYield[]): CheckOutcome {
  // Duplicates are the same code, URL, evidence and message. Grouped by URL (one string object
  // per page, whose hash V8 keeps) and compared field by field: a joined key per warning had to
  // be built and hashed whole, evidence and all.
  const byUrl = new Map<string, Finding[]>();
  const warnings: Finding[] = [];
  for (const item of items) {
    const warning = toWarning(check, ctx, item);
    if (ctx.options.skip.has(warning.code)) continue;
    const same = byUrl.get(warning.url);
    if (same === undefined) byUrl.set(warning.url, [warning]);
    else if (same.some((w) => isDuplicate(w, warning))) continue;
    else same.push(warning);
    warnings.push(warning);
  }
  return { status: { name: check.name, status: warnings.length > 0 ? 'warned' : 'passed' }, warnings };
}

const isDuplicate = (a: Finding, b: Finding) =>
  a.code === b.code && (a.evidence ?? '') === (b.evidence ?? '') && a.message === b.message;

function failed(check: Check, error: unknown): CheckOutcome {
  if (error instanceof SkipCheck)
    return { status: { name: check.name, status: 'skipped', reason: error.message }, warnings: [] };
  return { status: { name: check.name, status: 'errored', reason: describeError(error) }, warnings: [] };
}

function skippedForHttps(check: Check, ctx: CheckContext): CheckOutcome | undefined {
  if (check.needsProbe && !ctx.target.canProbe) {
    return {
      status: {
        name: check.name,
        status: 'skipped',
        reason: 'needs an active probe, and a captured response cannot be requested again',
      },
      warnings: [],
    };
  }
  if (!check.requiresHttps || ctx.target.https) return undefined;
  const reason = ctx.target.local
    ? 'needs HTTPS: the target is plain HTTP and assumeHttps is off'
    : 'needs HTTPS: the target is an http:// URL';
  return { status: { name: check.name, status: 'skipped', reason }, warnings: [] };
}

function collectSync(result: unknown): CheckYield[] {
  if (result === undefined || result === null) return [];
  if (typeof result === 'string') return [result];
  if (typeof (result as Iterable<CheckYield>)[Symbol.iterator] === 'function')
    return [...(result as Iterable<CheckYield>)];
  return [result as CheckYield];
}

/** Runs one check; a throw becomes an `errored` status with its reason, never a rejection. */
export async function runCheck(check: Check, ctx: CheckContext): Promise<CheckOutcome> {
  const skipped = skippedForHttps(check, ctx);
  if (skipped) return skipped;
  try {
    let result: unknown = check.run(ctx);
    if (isThenable(result)) result = await result;
    let items: CheckYield[];
    if (result && typeof (result as AsyncIterable<CheckYield>)[Symbol.asyncIterator] === 'function') {
      items = [];
      for await (const item of result as AsyncIterable<CheckYield>) items.push(item);
    } else {
      items = collectSync(result);
    }
    return finish(check, ctx, items);
  } catch (error) {
    return failed(check, error);
  }
}

/**
 * Runs a check that needs no request, synchronously (for matchers on a response). A check that
 * returns a promise here is reported as errored, since its answer would come too late.
 */
export function runCheckSync(check: Check, ctx: CheckContext): CheckOutcome {
  const skipped = skippedForHttps(check, ctx);
  if (skipped) return skipped;
  try {
    const result = check.run(ctx);
    if (isThenable(result)) {
      (result as Promise<unknown>).then?.(undefined, () => {});
      throw new Error(`check ${check.name} is asynchronous; await the matcher on an app or URL instead`);
    }
    if (result && typeof (result as AsyncIterable<CheckYield>)[Symbol.asyncIterator] === 'function') {
      throw new Error(`check ${check.name} is asynchronous; await the matcher on an app or URL instead`);
    }
    return finish(check, ctx, collectSync(result));
  } catch (error) {
    return failed(check, error);
  }
}
