import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCsp } from '../../src/headers/csp.js';
import { ROOT } from '../helpers/cli.js';
import { typecheck } from '../helpers/doc-blocks/typecheck.js';
import { GENERATED_POLICY, reportLine, writeReportFile } from '../helpers/report-file.js';

/** Runs `checksecure ARGS` in-process. */
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: {},
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

let dir: string;
/** 2,000 generated reports: every kind of noise at 100 each (test/helpers/report-file.ts). */
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reports-propose-'));
  file = path.join(dir, 'csp.jsonl');
  await writeReportFile(file, 2000);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const PROPOSED =
  "default-src 'self'; script-src 'self' 'nonce-r4nd0mr4nd0mr4nd0mr4nd0m' https://cdn.example.com/lib/; img-src 'self' data: https://images.example; object-src 'none'; base-uri 'none'; report-uri /csp-reports; connect-src 'self' https://api.example/v1/items/; font-src 'self' https://fonts.example/f/inter.woff2";

describe('checksecure reports FILE --propose', () => {
  it('says what it dropped and why, which site and policy it used, and proposes the smallest change', async () => {
    const { code, stdout } = await run(['reports', file, '--propose']);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      `2,000 CSP violation reports in ${file}`,
      'site: https://shop.example (the most common page origin; --site chooses another)',
      'dropped 500 of 2,000: 100 browser extensions (chrome-extension:, moz-extension:, safari-web-extension:…), 100 injected by the browser or user scripts (sourceFile of an extension, in-app browser bridges), 100 from pages outside the site, 100 about:/data:/blob: loads the policy already allows, 100 duplicates (the same report again within 10 s)',
    ]);
    expect(stdout).toContain(
      `current policy: the most common originalPolicy of the reports (anyone can send a report: --policy gives the one you deploy)\n  ${GENERATED_POLICY}\n`,
    );
    expect(stdout).toContain(
      '  script-src: add https://cdn.example.com/lib/ — covers 400 reports on 18 pages (https://shop.example/, https://shop.example/cart, https://shop.example/checkout, +15)\n',
    );
    expect(stdout).toContain(
      '  connect-src (new, copied from default-src): add https://api.example/v1/items/ — covers 100 reports',
    );
    expect(stdout).toMatch(
      /Needs a nonce or hash \(never 'unsafe-inline'\):\n {2}script-src-elem inline — 100 reports on 1 page \(https:\/\/shop.example\/\)/,
    );
    expect(stdout).toMatch(
      /Must change in the app[^\n]*\n {2}script-src eval — 100 reports on 1 page \(https:\/\/shop.example\/legacy\)/,
    );
    expect(stdout).toContain(`Proposed policy:\n  ${PROPOSED}\n`);
    expect(stdout).not.toMatch(/unsafe-(inline|eval)'[^\n]*;/);
    expect(parseCsp([PROPOSED], 'header')[0]!.problems).toEqual([]);
  });

  it('--preview: the pages that would still break under the proposal, and what they would lose', async () => {
    const { stdout } = await run(['reports', file, '--propose', '--preview']);
    expect(stdout).toContain(
      [
        'If the proposed policy were enforced: 2 pages would break (200 reports still blocked, 1,300 allowed):',
        '  https://shop.example/: 100 reports',
        '    script-src-elem inline (100)',
        '  https://shop.example/legacy: 100 reports',
        '    script-src eval (100)',
      ].join('\n'),
    );
    // The current policy, previewed, breaks every page the reports came from.
    const current = await run(['reports', file, '--preview', '--policy', GENERATED_POLICY]);
    expect(current.stdout).toMatch(
      /If this policy were enforced: \d\d pages would break \(1,500 reports still blocked, 0 allowed\):/,
    );
    const fixed = await run([
      'reports',
      file,
      '--preview',
      '--policy',
      PROPOSED.replace("'self' 'nonce", "'self' 'unsafe-eval' 'nonce"),
    ]);
    expect(fixed.stdout).toContain(
      'If this policy were enforced: 1 page would break (100 reports still blocked, 1,400 allowed):',
    );
  });

  it('--site chooses the site and --policy the current policy, and says so', async () => {
    const { stdout } = await run([
      'reports',
      file,
      '--propose',
      '--site',
      'https://mirror.example/anything',
      '--policy',
      "script-src 'self'; object-src 'none'",
    ]);
    expect(stdout).toContain('site: https://mirror.example (given (--site))');
    // The mirror's page repeat within 10 s of each other: the generator's mirror sends the same report.
    expect(stdout).toContain('dropped 1,993 of 2,000: 1,700 from pages outside the site, 100 browser');
    expect(stdout).toContain("current policy: given (--policy)\n  script-src 'self'; object-src 'none'\n");
    expect(stdout).toContain(
      "Proposed policy:\n  script-src 'self' https://cdn.example.com/lib/a.js; object-src 'none'\n",
    );
  });

  it('--format json has every figure, --format ts a secure() call that compiles', async () => {
    const json = JSON.parse(
      (await run(['reports', file, '--propose', '--preview', '--format', 'json'])).stdout,
    );
    expect(json).toMatchObject({
      reports: 2000,
      skipped: 0,
      dropped: { extension: 100, injected: 100, outside: 100, allowed: 100, duplicate: 100 },
      kept: 1500,
      site: 'https://shop.example',
      siteFrom: 'most common page origin',
      currentPolicy: GENERATED_POLICY,
      policyFrom: 'most common originalPolicy',
      proposal: { policy: PROPOSED, created: ['connect-src', 'font-src'] },
      preview: { blocked: 200, allowed: 1300 },
    });
    const ts = (await run(['reports', file, '--propose', '--format', 'ts'])).stdout;
    expect(ts).toContain(`"script-src": ["'self'", "'nonce'", "https://cdn.example.com/lib/"],`);
    const where = (line: number) => `proposal.ts:${line}`;
    expect(typecheck(ROOT, [{ path: path.join(ROOT, '.doc-blocks/proposal.ts'), text: ts, where }])).toEqual(
      [],
    );
  });

  it('prints hostile values inert: control characters, bidi overrides, forged lines', async () => {
    const hostile = path.join(dir, 'hostile.jsonl');
    const page = 'https://shop.example/\u202egnp.exe';
    await writeFile(
      hostile,
      [
        reportLine({
          documentUrl: page,
          blockedUrl: 'https://cdn.example/\u001b[31mred\n::error::forged.js',
          effectiveDirective: 'script-src-elem',
        }),
        reportLine({ documentUrl: page, blockedUrl: 'x\u0000\u202e\u2028', effectiveDirective: 'img-src' }),
      ].join(''),
    );
    for (const argv of [['--propose', '--preview'], ['--propose', '--format', 'json'], []]) {
      const { stdout } = await run(['reports', hostile, ...argv]);
      // eslint-disable-next-line no-control-regex
      expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e\u2028]|\n::error/);
    }
  });

  it('skips garbage, torn and endless lines, reads an empty file, and names a missing one', async () => {
    const messy = path.join(dir, 'messy.jsonl');
    await writeFile(
      messy,
      [
        'not json',
        '[1,2]',
        'null',
        reportLine({
          documentUrl: 'https://shop.example/',
          blockedUrl: 'https://cdn.example/a.js',
          effectiveDirective: 'script-src-elem',
        }).trim(),
        `{"blockedUrl":"${'x'.repeat(10 * 1024 * 1024)}"}`,
        '{"torn',
      ].join('\n'),
    );
    const messyRun = await run(['reports', messy, '--propose']);
    expect(messyRun.code).toBe(0);
    expect(messyRun.stdout).toContain(`1 CSP violation report in ${messy} (5 unreadable lines skipped)`);
    expect(messyRun.stdout).toContain('script-src: add https://cdn.example/a.js — covers 1 report on 1 page');
    expect((await run(['reports', messy])).stdout).toContain(
      `1 CSP violation reports in ${messy} (5 unreadable lines skipped)`,
    );

    const empty = path.join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    expect(await run(['reports', empty, '--propose'])).toMatchObject({
      code: 0,
      stdout: `0 CSP violation reports in ${empty}: none from a page with an origin; nothing to propose\n`,
    });
    expect(await run(['reports', path.join(dir, 'missing.jsonl'), '--propose'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/missing.jsonl cannot be read \(ENOENT\)/),
    });
  });

  it.each([
    [['--format', 'ts'], /--format: ts prints the proposed policy alone/],
    [['--propose', '--preview', '--format', 'ts'], /--format: ts/],
    [['--format', 'yaml'], /--format: "yaml" is not one of text, json, ts/],
    [['--policy', "script-src 'self'"], /--policy: only with --propose or --preview/],
    [['--site', 'https://a.example'], /--site: only with --propose or --preview/],
    [['--preview'], /--preview: give --policy/],
    [['--propose', '--policy', "script-src 'slef'"], /--policy: script-src: 'slef' is not a CSP keyword/],
    [['--propose', '--policy', "script-src 'self', img-src *"], /--policy: one policy/],
    [['--propose', '--site', 'ftp://a.example'], /--site: "ftp:\/\/a.example" is not an http\(s\) origin/],
    [['--propose', '--top', '0'], /--top: "0" is not a positive whole number/],
    [
      ['--propose', '--top', '-5'],
      /^checksecure: reports: --top -5: a value that starts with "-" is written --top=-5\n$/,
    ],
    [
      ['--propose', '--propse'],
      /^checksecure: reports: Unknown option '--propse' \(did you mean --propose\?\)\n$/,
    ],
  ])('refuses %j with a message naming the flag', async (flags, message) => {
    const { code, stderr } = await run(['reports', file, ...flags]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("counts a nonce policy as one policy whatever each request's nonce", async () => {
    const nonces = path.join(dir, 'nonces.jsonl');
    const lines = Array.from({ length: 100 }, (_, i) =>
      reportLine({
        documentUrl: 'https://shop.example/',
        blockedUrl: 'https://cdn.example/a.js',
        effectiveDirective: 'script-src-elem',
        originalPolicy: `script-src 'nonce-${String(i).padStart(22, 'n')}'; object-src 'none'`,
      }),
    );
    lines.push(
      reportLine({
        documentUrl: 'https://shop.example/',
        blockedUrl: 'https://cdn.example/a.js',
        effectiveDirective: 'script-src-elem',
        originalPolicy: "script-src 'self'",
      }),
    );
    await writeFile(nonces, lines.join(''));
    const { stdout } = await run(['reports', nonces, '--propose']);
    expect(stdout).not.toContain('bounded memory');
    expect(stdout).toContain(
      `current policy: the most common originalPolicy of the reports (anyone can send a report: --policy gives the one you deploy)\n  script-src 'nonce-${'n'.repeat(21)}0'; object-src 'none'`,
    );
  });

  it('--help names the new flags', async () => {
    const { stdout } = await run(['--help']);
    expect(stdout).toContain('checksecure reports FILE --propose [--policy P] [--site ORIGIN] [--preview]');
    expect(stdout).toContain('[--format text|json|ts] [--top N]');
  });

  it('asks for --policy when the reports carry none', async () => {
    const bare = path.join(dir, 'bare.jsonl');
    await writeFile(
      bare,
      `${JSON.stringify({ documentUrl: 'https://shop.example/', blockedUrl: 'inline', effectiveDirective: 'script-src-elem' })}\n`,
    );
    expect(await run(['reports', bare, '--propose'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--policy: the reports carry no originalPolicy/),
    });
  });
});
