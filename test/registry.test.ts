import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { defaultChecks } from '../src/checks/index.js';
import { CheckError, ConfigError } from '../src/core/errors.js';
import { codesOf, defineCheck } from '../src/core/registry.js';
import type { CheckContext } from '../src/core/types.js';
import { renderFix } from '../src/report/render-fix.js';
import { runChecks, scan } from '../src/core/scan.js';

const response = { response: { url: 'https://example.com/', status: 200, headers: { 'x-test': 'yes' } } };

describe('defineCheck', () => {
  it.each([
    [{ name: 'bad name', messages: { A: 'a' }, run() {} }, /check.name/],
    [{ name: 'ok', messages: { A: 'a' } }, /run must be a function/],
    [{ name: 'ok', messages: {}, run() {} }, /declares no code/],
    [
      { name: 'ok', messages: { A: { severity: 'fatal', message: 'x' } }, run() {} },
      /severity "fatal" is not error, warning or info/,
    ],
    [{ name: 'ok', messages: { A: { severity: 'error' } }, run() {} }, /messages.A needs a message/],
    [{ name: 'ok', messages: { 'A B': 'x' }, run() {} }, /code "A B"/],
    // A fix names a part of secure() (the reports write it as secure()'s option) with JSON options.
    [
      { name: 'ok', messages: { A: { message: 'x', fix: { part: 'hstss' } } }, run() {} },
      /^check ok: messages\.A\.fix\.part "hstss" is not a part of secure\(\) \(did you mean hsts\?\)$/,
    ],
    [
      { name: 'ok', messages: { A: { message: 'x', fix: { part: 'errorHandler' } } }, run() {} },
      /^check ok: messages\.A\.fix\.part "errorHandler" is not a part of secure\(\) \(one of hsts, contentSecurityPolicy, /,
    ],
    [
      {
        name: 'ok',
        messages: { A: { message: 'x', fix: { part: 'hsts', options: { maxAge: NaN } } } },
        run() {},
      },
      /^check ok: messages\.A\.fix\.options\.maxAge is NaN: fix options must be JSON$/,
    ],
    [
      {
        name: 'ok',
        messages: { A: { message: 'x', fix: { part: 'noCache', options: { paths: [/a/] } } } },
        run() {},
      },
      /^check ok: messages\.A\.fix\.options\.paths\[0\] is .*, not a plain object: fix options must be JSON$/,
    ],
    [
      { name: 'ok', messages: { A: { message: 'x', fix: { middleware: 'config' } } }, run() {} },
      /^check ok: messages\.A\.fix\.snippet must be a string, not undefined$/,
    ],
    [
      { name: 'ok', messages: { A: { message: 'x', fix: 'use hsts()' } }, run() {} },
      /^check ok: messages\.A\.fix must be \{ part, options \} or \{ middleware, snippet \}, not "use hsts\(\)"$/,
    ],
    [
      {
        name: 'ok',
        messages: {
          A: {
            message: 'x',
            fix: { middleware: 'x', snippet: 'y', imports: [{ from: 'm', names: ['a b'] }] },
          },
        },
        run() {},
      },
      /^check ok: messages\.A\.fix\.imports\[0\]: default and names must be identifiers$/,
    ],
  ])('refuses %j', (check, error) => {
    expect(() => defineCheck(check as never)).toThrow(ConfigError);
    expect(() => defineCheck(check as never)).toThrow(error);
  });

  it('takes a fix as a part of secure() with JSON options, or as a manual fix (the form of 0.1)', () => {
    const check = defineCheck({
      name: 'ok',
      messages: {
        A: { severity: 'info', message: 'a', fix: { part: 'allowedHosts', options: ['example.com'] } },
        B: { severity: 'info', message: 'b', fix: { middleware: 'config', snippet: 'unset X-Debug' } },
      },
      run() {},
    });
    expect(check.messages.A!.fix).toEqual({ part: 'allowedHosts', options: ['example.com'] });
  });

  it('errors a check that yields a fix of its own that is not one', async () => {
    const check = defineCheck({
      name: 'c',
      messages: { X: 'x' },
      run: () => [{ code: 'X', fix: { part: 'hstss' } as never }],
    });
    const report = await scan(response, { checks: [check] });
    expect(report.checks).toEqual([
      {
        name: 'c',
        status: 'errored',
        reason: 'check c: yield X.fix.part "hstss" is not a part of secure() (did you mean hsts?)',
      },
    ]);
  });

  it('refuses two checks that declare the same code', () => {
    const a = defineCheck({ name: 'a', messages: { SAME: 'x' }, run() {} });
    const b = defineCheck({ name: 'b', messages: { SAME: 'y' }, run() {} });
    expect(() => codesOf([a, b])).toThrow(/SAME is declared by both a and b/);
  });
});

describe('running checks', () => {
  it('accepts the original checksecure form: a function with a messages attribute', async () => {
    function checkDontLetTheBadGuysIn(ctx: CheckContext) {
      return ctx.pages[0]?.headers['x-test']?.[0] === 'yes' ? ['BAD_GUYS_LET_IN'] : [];
    }
    checkDontLetTheBadGuysIn.messages = { BAD_GUYS_LET_IN: 'Bad guys can get in if you do that!' };
    const report = await scan(response, { checks: [checkDontLetTheBadGuysIn] });
    expect(report.checks).toEqual([{ name: 'checkDontLetTheBadGuysIn', status: 'warned' }]);
    expect(report.warnings).toEqual([
      {
        code: 'BAD_GUYS_LET_IN',
        check: 'checkDontLetTheBadGuysIn',
        severity: 'warning',
        message: 'Bad guys can get in if you do that!',
        url: 'https://example.com/',
      },
    ]);
  });

  it.each([
    ['an array of codes', () => ['X']],
    ['a single code', () => 'X'],
    [
      'a generator',
      function* () {
        yield { code: 'X', evidence: 'seen' };
      },
    ],
    [
      'an async generator',
      async function* () {
        yield 'X';
      },
    ],
    [
      'a promise of warning objects',
      async () => [{ code: 'X', url: 'https://example.com/other', message: 'specific' }],
    ],
  ])('collects what run returns as %s', async (_, run) => {
    const check = defineCheck({
      name: 'c',
      messages: { X: { severity: 'info', message: 'x' } },
      run: run as never,
    });
    const [warning] = await runChecks(response, { checks: [check] });
    expect(warning).toMatchObject({ code: 'X', check: 'c', severity: 'info' });
  });

  it('keeps one of each warning a check repeats: the same code, URL, evidence and message', async () => {
    const other = 'https://example.com/other';
    const check = defineCheck({
      name: 'repeats',
      messages: { X: 'default x', Y: 'default y' },
      run: () => [
        'X',
        { code: 'X' },
        { code: 'X', evidence: '' },
        { code: 'X', message: 'default x' },
        { code: 'X', url: other },
        { code: 'X', url: other },
        { code: 'X', evidence: 'a' },
        { code: 'X', evidence: 'a' },
        { code: 'X', evidence: 'b' },
        { code: 'X', message: 'specific' },
        { code: 'X', message: 'specific' },
        { code: 'X', evidence: 'a', message: 'specific' },
        'Y',
        'Y',
      ],
    });
    const warnings = await runChecks(response, { checks: [check] });
    const at = (url: string) => (url === other ? 'other' : '/');
    // The same finding on another page is the same finding, with its pages (findings per site).
    expect(warnings.map((w) => [w.code, at(w.url), w.evidence, w.message, w.pages?.map(at)])).toEqual([
      ['X', '/', undefined, 'default x', ['/', 'other']],
      ['X', '/', 'a', 'default x', undefined],
      ['X', '/', 'b', 'default x', undefined],
      ['X', '/', undefined, 'specific', undefined],
      ['X', '/', 'a', 'specific', undefined],
      ['Y', '/', undefined, 'default y', undefined],
    ]);
    expect(await runChecks(response, { checks: [check], skip: ['X'] })).toEqual([
      expect.objectContaining({ code: 'Y' }),
    ]);
  });

  it('reports a check that throws as errored, and still runs the others', async () => {
    const boom = defineCheck({
      name: 'boom',
      messages: { B: 'b' },
      run() {
        throw new TypeError('cannot read x of undefined');
      },
    });
    const fine = defineCheck({ name: 'fine', messages: { F: 'f' }, run: () => ['F'] });
    const report = await scan(response, { checks: [boom, fine] });
    expect(report.checks).toEqual([
      { name: 'boom', status: 'errored', reason: 'cannot read x of undefined' },
      { name: 'fine', status: 'warned' },
    ]);
    expect(report.warnings.map((w) => w.code)).toEqual(['F']);
  });

  it('runChecks rejects rather than return a misleading empty list when a check errored', async () => {
    const boom = defineCheck({
      name: 'boom',
      messages: { B: 'b' },
      run: () => Promise.reject(new Error('nope')),
    });
    await expect(runChecks(response, { checks: [boom] })).rejects.toThrow(CheckError);
    await expect(runChecks(response, { checks: [boom] })).rejects.toThrow(/boom \(nope\)/);
  });

  it('errors a check that returns a code it did not declare, naming the check', async () => {
    const sloppy = defineCheck({ name: 'sloppy', messages: { KNOWN: 'k' }, run: () => ['UNKNOWN'] });
    const report = await scan(response, { checks: [sloppy] });
    expect(report.checks[0]).toEqual({
      name: 'sloppy',
      status: 'errored',
      reason: 'check sloppy returned code UNKNOWN, which its messages do not declare',
    });
  });

  it('reports ctx.skip() as skipped with the reason', async () => {
    const picky = defineCheck({ name: 'picky', messages: { P: 'p' }, run: (ctx) => ctx.skip('not today') });
    expect((await scan(response, { checks: [picky] })).checks).toEqual([
      { name: 'picky', status: 'skipped', reason: 'not today' },
    ]);
  });

  it('skips the active probes on a captured response', async () => {
    const report = await scan(response);
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    for (const name of ['httpsRedirect', 'csrf', 'hostHeader']) {
      expect(byName[name]).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(/captured response/),
      });
    }
    expect(byName.hsts).toMatchObject({ status: 'warned' });
  });

  it('leaves skipped codes out', async () => {
    const codes = (await runChecks(response, { skip: ['HSTS_MISSING', 'NOSNIFF_MISSING'] })).map(
      (w) => w.code,
    );
    expect(codes).not.toContain('HSTS_MISSING');
    expect(codes).not.toContain('NOSNIFF_MISSING');
    expect(codes).toContain('PERMISSIONS_POLICY_MISSING');
  });

  it('passes per-check options', async () => {
    let seen: unknown;
    const check = defineCheck({
      name: 'configurable',
      messages: { C: 'c' },
      run(ctx) {
        seen = ctx.checkOptions;
      },
    });
    await scan(response, { checks: [check], checkOptions: { configurable: { level: 3 } } });
    expect(seen).toEqual({ level: 3 });
  });

  it('orders warnings by severity', async () => {
    const severities = (await runChecks(response)).map((w) => w.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
  });
});

describe('options are validated before any request', () => {
  it.each([
    [{ skip: ['NOT_A_CODE'] }, /^skip\.0: "NOT_A_CODE" is not a code/],
    [
      { headers: { Cookie: 'a=1\r\nX-Injected: 1' } },
      /^headers\.Cookie: the value must be a string without CR, LF, NUL or other control characters \(it is not shown, as it may hold a secret\)$/,
    ],
    [
      { headers: { 'Bad Header': 'x' } },
      /^headers #1: the name is not a valid header name \([^)]*it is not shown, as it may hold a secret\)$/,
    ],
    [{ paths: ['admin'] }, /^paths\.0: "admin" must be a path that starts with "\/"/],
    [{ paths: ['/a\nb'] }, /^paths\.0:/],
    [{ paths: [] }, /^paths:/],
    [{ timeout: 0 }, /^timeout: 0 must be a number from/],
    [{ timeout: 'soon' }, /^timeout:/],
    [{ concurrency: 0 }, /^concurrency:/],
    [{ assumeHttps: 'yes' }, /^assumeHttps:/],
    [{ sessionCookies: 'sid' }, /^sessionCookies:/],
    [{ confidentialPaths: ['account'] }, /^confidentialPaths\.0:/],
    [{ csrf: { paths: ['x'] } }, /^csrf\.paths\.0:/],
  ])('%j', async (options, message) => {
    await expect(scan('http://127.0.0.1:9/', options as never)).rejects.toThrow(ConfigError);
    await expect(scan('http://127.0.0.1:9/', options as never)).rejects.toThrow(message);
  });
});

/**
 * The repository's catalogue, docs/checks.md. Its table is generated from the registry
 * (test/docs/generated.test.ts holds it fresh); its hand-written "What each code means" section is
 * held here to name exactly the registry's checks and codes, in order, so a new code cannot ship
 * without the rule it stands for. The founding copy beside the checkout (shared/CHECKS.md) is not
 * read: DESIGN.md says no test may read that one.
 */
const CATALOGUE = new URL('../docs/checks.md', import.meta.url);

/** The hand-written section: each `### check` heading and its `- \`CODE\`: …` bullets. */
function describedCodes(text: string) {
  const start = text.indexOf('\n## What each code means\n');
  const section = text.slice(start, text.indexOf('\n## ', start + 1));
  const rows: { check: string; code: string; fixedBy?: string }[] = [];
  let check = '';
  for (const line of section.split('\n')) {
    const heading = /^### ([a-zA-Z]+)$/.exec(line);
    if (heading) check = heading[1]!;
    const bullet = /^- `([A-Z_]+)`: (.*)$/.exec(line);
    if (bullet) {
      // A fix with options, where the table's bare factory would not say enough.
      const fixedBy = /; fixed by `([^`]+)`$/.exec(bullet[2]!)?.[1];
      rows.push({ check, code: bullet[1]!, ...(fixedBy === undefined ? {} : { fixedBy }) });
    }
  }
  return rows;
}

describe('the catalogue', () => {
  it('docs/checks.md describes exactly the codes every default check declares, with their fixes', async () => {
    const rows = describedCodes(await readFile(CATALOGUE, 'utf8'));
    const declared = defaultChecks.flatMap((check) =>
      Object.entries(check.messages).map(([code, spec]) => ({
        check: check.name,
        code,
        fixedBy: spec.fix ? renderFix(spec.fix).middleware : '',
      })),
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.map(({ check, code }) => ({ check, code }))).toEqual(
      declared.map(({ check, code }) => ({ check, code })),
    );
    for (const row of rows) {
      if (row.fixedBy === undefined) continue;
      // The factory a fix with options names must be the registry's own.
      const mine = declared.find((d) => d.code === row.code)!;
      expect(row.fixedBy.startsWith(mine.fixedBy.replace(/\(\)$/, '('))).toBe(true);
    }
  });
});
