import type http from 'node:http';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

/** The hardened site without HSTS: HSTS_MISSING (an error) on every page, and nothing else. */
const noHsts: http.RequestListener = (req, res) => {
  const set = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === 'strict-transport-security' ? res : set(name, value);
  hardenedSite(req, res);
};

// The reason is the config's text, printed in terminals, comments and SARIF: shown, never obeyed.
const REASON = 'legacy app <img src=x> @octocat | `x` \u202eevil, retired in Q1';
const PATHS = ['/', '/legacy/a', '/legacy/b'];

let site: Served;
let dir: string;
let expiredDir: string;
beforeAll(async () => {
  site = await serve(noHsts);
  const config = (until: string) =>
    JSON.stringify({
      target: site.url,
      paths: PATHS,
      accept: [{ code: 'HSTS_MISSING', paths: ['/legacy/**'], reason: REASON, until }],
    });
  dir = await scratch({ 'checksecure.config.json': config('2999-12-31') });
  expiredDir = await scratch({ 'checksecure.config.json': config('2020-06-30') });
});
afterAll(() => site.close());

const run = (args: string[], cwd = dir) => cli(args, { cwd });
const legacy = () => [`${site.url}/legacy/a`, `${site.url}/legacy/b`];

describe('accepted findings in every report of the built CLI', () => {
  it('--fail-on never counts them: only the page outside the globs fails the run', async () => {
    const all = await scratch({
      'checksecure.config.json': JSON.stringify({
        target: site.url,
        paths: PATHS,
        accept: [{ code: 'HSTS_MISSING', reason: 'the CDN sets it' }],
      }),
    });
    const accepted = await run(['--fail-on', 'info'], all);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Found 0 errors, 0 warnings, 0 info: passes at --fail-on info');
    const partly = await run(['--fail-on', 'error']);
    expect(partly.code).toBe(1);
    expect(partly.stdout).toContain('Found 1 errors, 0 warnings, 0 info: fails at --fail-on error');
  });

  it('text: one line at -v 1, an Accepted section at -v 2 with code, pages, reason and until', async () => {
    const one = await run([]);
    // One finding (HSTS_MISSING under one acceptance) on two pages, counted as findings are.
    expect(one.stdout).toContain('\n1 finding accepted (-v 2 lists it)\n');
    const two = await run(['-v', '2']);
    expect(two.stdout).toContain(
      [
        'Accepted',
        `  HSTS_MISSING error on ${legacy().join(', ')}`,
        `    reason: legacy app <img src=x> @octocat | \`x\` \\u202eevil, retired in Q1 (until 2999-12-31)`,
        '',
      ].join('\n'),
    );
    expect(two.stdout).not.toContain('\u202e');
    // The findings that count list the page outside the globs only.
    expect(two.stdout.split('Accepted')[0]).not.toContain('/legacy/');
    expect((await run(['-v', '0'])).stdout).toBe('HSTS_MISSING\n');
  });

  it('json: accepted holds each accepted finding with its reason and until; warnings do not', async () => {
    const json = JSON.parse((await run(['-f', 'json'])).stdout);
    expect(json.warnings.map((w: { url: string }) => w.url)).toEqual([`${site.url}/`]);
    expect(json.accepted).toEqual(
      legacy().map((url) =>
        expect.objectContaining({
          code: 'HSTS_MISSING',
          url,
          reason: REASON,
          until: '2999-12-31',
          severity: 'error',
        }),
      ),
    );
  });

  it('markdown: a collapsed section after what counts, every cell escaped', async () => {
    const md = (await run(['-f', 'markdown'])).stdout;
    expect(md).toContain('1 errors, 0 warnings, 0 info.');
    const section = md.slice(md.indexOf('<details>'));
    expect(section).toMatch(
      /^<details><summary>1 finding accepted \(by the config's accept list; they do not fail the run\)<\/summary>\n/,
    );
    expect(section).toContain(
      `| \`HSTS_MISSING\` | ${legacy().join(', ')} | legacy app &lt;img src=x&gt; @&#8203;octocat &#124; &#96;x&#96; \\u202eevil, retired in Q1 | 2999-12-31 |`,
    );
    expect(section.trimEnd().endsWith('</details>')).toBe(true);
    expect(md).not.toContain('<img');
  });

  it('sarif: accepted findings are results with an external, accepted suppression and the reason (valid SARIF 2.1.0)', async () => {
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv-draft-04');
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    require('ajv-formats')(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    const sarif = JSON.parse((await run(['-f', 'sarif'])).stdout);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = sarif.runs[0].results as { properties: { url: string }; suppressions?: unknown }[];
    expect(results.map((r) => [r.properties.url, r.suppressions])).toEqual([
      [`${site.url}/`, undefined],
      ...legacy().map((url) => [url, [{ kind: 'external', status: 'accepted', justification: REASON }]]),
    ]);
  });

  it('github: no annotation for an accepted finding', async () => {
    const out = (await run(['-f', 'github'])).stdout;
    const annotations = out.split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toContain(`${site.url}/`);
    expect(annotations[0]).not.toContain('/legacy/');
  });
});

describe('an acceptance past its until date', () => {
  it('accepts nothing: its findings count and fail the run, and the reports say why', async () => {
    const text = await run(['--fail-on', 'error'], expiredDir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `  note: accept.0 (HSTS_MISSING, "legacy app <img src=x> @octocat | \`x\` \\u202eevil, retired in Q1") expired on 2020-06-30: its findings count again\n`,
    );
    // Counted again on all three pages: one finding (per site), on 3 of 3 pages.
    expect(text.stdout).toMatch(/HSTS_MISSING .* on 3 of 3 pages\n/);
    expect(text.stdout).toContain('Found 1 errors');
    expect(text.stdout).not.toContain('accepted');
    const json = JSON.parse((await run(['-f', 'json'], expiredDir)).stdout);
    expect(json.accepted).toEqual([]);
    expect(json.warnings).toHaveLength(1);
    expect(json.warnings[0].pages).toHaveLength(3);
    expect(json.notes).toEqual([
      expect.stringMatching(/^accept\.0 \(HSTS_MISSING, .* expired on 2020-06-30: its findings count again$/),
    ]);
  });
});
