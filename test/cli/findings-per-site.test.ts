import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { manyPagesSite, sitePaths } from '../helpers/many-pages-site.js';
import { serve, type Served } from '../helpers/server.js';

/**
 * A finding on many pages is reported once with its pages, in every format, by the built CLI on
 * a real server and on an in-process Express app: the site of test/helpers/many-pages-site.ts.
 */
const PER_PAGE = ['FRAMING_ALLOWED', 'NOSNIFF_MISSING', 'CSP_MISSING', 'REFERRER_POLICY_MISSING'];

interface JsonWarning {
  code: string;
  message: string;
  url: string;
  evidence?: string;
  pages?: string[];
}

let site: Served;
beforeAll(async () => {
  site = await serve(manyPagesSite);
});
afterAll(() => site.close());

const scanSite = (pages: number, ...args: string[]) =>
  cli([site.url, ...sitePaths(pages).flatMap((p) => ['--path', p]), '--fail-on', 'never', ...args]);
const count = (text: string, what: string) => text.split(what).length - 1;

describe('findings per site, not per page', () => {
  it('JSON: each per-page code once, its pages every page it holds on, url first; the first page’s evidence', async () => {
    const r = await scanSite(4, '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; pages: { url: string }[] };
    const urls = sitePaths(4).map((p) => `${site.url}${p}`);
    expect(report.pages.map((p) => p.url)).toEqual(urls);
    for (const code of PER_PAGE) {
      const found = report.warnings.filter((w) => w.code === code);
      expect(found, code).toHaveLength(1);
      expect(found[0]!.url).toBe(urls[0]);
      expect(found[0]!.pages).toEqual(urls);
    }
    // /page/1 sends HSTS: the finding holds on the other three.
    const hsts = report.warnings.filter((w) => w.code === 'HSTS_MISSING');
    expect(hsts).toHaveLength(1);
    expect(hsts[0]!.pages).toEqual([urls[0], urls[2], urls[3]]);
    // Two messages of one code are two findings; a value that differs per page is not.
    const insecure = report.warnings.filter((w) => w.code === 'COOKIE_INSECURE');
    expect(insecure.map((w) => [w.message, w.pages?.length ?? 1])).toEqual([
      ['Cookie theme is set without Secure on an HTTPS response', 4],
      ['Cookie lang is set without Secure on an HTTPS response', 1],
    ]);
    expect(insecure[0]!.evidence).toBe('Set-Cookie: theme=%2F; Path=/');
    expect(insecure[1]).not.toHaveProperty('pages');
    expect(insecure[1]!.url).toBe(urls[2]);
  });

  it('text: a finding on several pages is printed once with "on N of M pages"; at -v 2 its pages, ten and a count', async () => {
    const r = await scanSite(3);
    for (const code of PER_PAGE) {
      expect(count(r.stdout, code), code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`${code} .* on 3 of 3 pages\\n`));
    }
    expect(r.stdout).toMatch(/HSTS_MISSING .* on 2 of 3 pages\n/);
    // A finding of one page keeps showing under its URL.
    const section = r.stdout.slice(r.stdout.indexOf(`\n${site.url}/page/2\n`)).split('\n\n')[0]!;
    expect(section).toContain('  cookies\n    ▲ warning COOKIE_INSECURE  Cookie lang is set without Secure');
    expect(r.stdout).toMatch(/Found \d+ errors, \d+ warnings, 3 info/);

    const long = await scanSite(13, '--verbosity', '2');
    const block = long.stdout.slice(long.stdout.indexOf('FRAMING_ALLOWED'));
    expect(block).toMatch(/FRAMING_ALLOWED .* on 13 of 13 pages\n/);
    const listed = sitePaths(13)
      .slice(0, 10)
      .map((p) => `        - ${site.url}${p}\n`)
      .join('');
    expect(block).toContain(`pages\n${listed}        … 3 more\n        fix: frameGuard()`);
    expect(count(long.stdout, 'FRAMING_ALLOWED')).toBe(1);
    expect(long.stdout).toContain(`        seen on ${site.url}/: Set-Cookie: theme=%2F; Path=/\n`);
  });

  it('Markdown and GitHub annotations: one row and one annotation per finding, with the count', async () => {
    const md = (await scanSite(3, '--format', 'markdown')).stdout;
    for (const code of PER_PAGE) {
      expect(count(md, `\`${code}\``), code).toBe(1);
      expect(md).toContain(`| \`${code}\` | ${site.url}/ and 2 more (3 of 3 pages) |`);
    }
    expect(md).toContain(`| \`HSTS_MISSING\` | ${site.url}/ and 1 more (2 of 3 pages) |`);
    expect(md).toContain(`| \`COOKIE_INSECURE\` | ${site.url}/page/2 | Cookie lang`);

    const gh = (await scanSite(3, '--format', 'github')).stdout;
    for (const code of PER_PAGE) expect(count(gh, `title=${code} `), code).toBe(1);
    expect(gh).toContain(
      `::error title=HSTS_MISSING (hsts),file=package.json,line=1::The HTTPS response has no Strict-Transport-Security header%0ASeen on 2 of 3 pages: ${site.url}/, ${site.url}/page/2.`,
    );
  });

  it('GitHub annotations: findings of one code with other messages are named as more findings, not counted as its pages', async () => {
    const cookieOf: Record<string, string> = { '/': 'a', '/admin': 'b', '/blog/one': 'c' };
    const own = await serve((req, res) => {
      const name = cookieOf[new URL(req.url ?? '/', 'http://x').pathname];
      if (name === undefined) return void res.writeHead(404).end();
      res.setHeader('set-cookie', `${name}=1; Path=/`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>page</p>');
    });
    try {
      const paths = Object.keys(cookieOf).flatMap((p) => ['--path', p]);
      const gh = (await cli([own.url, ...paths, '--fail-on', 'never', '--format', 'github'])).stdout;
      const line = gh.split('\n').find((l) => l.includes('title=COOKIE_INSECURE '));
      expect(line).toContain(
        `::Cookie a is set without Secure on an HTTPS response%0ASeen on ${own.url}/.%0AAnd 2 more findings of this code: ${own.url}/admin, ${own.url}/blog/one.`,
      );
      expect(line).not.toContain('3 of 3 pages');
    } finally {
      await own.close();
    }
  });

  it('SARIF: still one result per page, with the fingerprints recorded before findings were grouped', async () => {
    const r = await scanSite(4, '--format', 'sarif');
    interface Result {
      ruleId: string;
      properties: { url: string };
      partialFingerprints: Record<string, string>;
      message: { text: string };
    }
    const results = (JSON.parse(r.stdout) as { runs: [{ results: Result[] }] }).runs[0].results;
    const rows = results
      .map((x) => ({
        ruleId: x.ruleId,
        path: new URL(x.properties.url).pathname,
        fingerprint: x.partialFingerprints['checksecure/v1'],
      }))
      .sort((a, b) => (a.ruleId + a.path + a.fingerprint).localeCompare(b.ruleId + b.path + b.fingerprint));
    const before = JSON.parse(
      await readFile(
        new URL('../fixtures/findings-per-site/sarif-fingerprints.json', import.meta.url),
        'utf8',
      ),
    ) as unknown;
    expect(rows).toEqual(before);
    const framing = results.filter((x) => x.ruleId === 'FRAMING_ALLOWED');
    expect(framing.map((x) => x.message.text)).toEqual(
      sitePaths(4).map((p) => expect.stringContaining(`(${site.url}${p})`) as unknown),
    );
  });

  it('an in-process Express app: grouped the same, its pages shown as paths', async () => {
    const dir = await scratch({
      'app.mjs': `import express from 'express';
export const app = express();
app.get(['/', '/a', '/b'], (req, res) => {
  if (req.path === '/a') res.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  res.type('html').send('<p>' + req.path + '</p>');
});
`,
    });
    const paths = ['--path', '/', '--path', '/a', '--path', '/b', '--fail-on', 'never'];
    const text = await cli(['--app', 'app.mjs', ...paths, '--verbosity', '2'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/HSTS_MISSING .* on 2 of 3 pages\n {8}- \/\n {8}- \/b\n/);
    expect(count(text.stdout, 'NOSNIFF_MISSING')).toBe(1);
    expect(text.stdout).toMatch(/NOSNIFF_MISSING .* on 3 of 3 pages\n {8}- \/\n {8}- \/a\n {8}- \/b\n/);
    const json = JSON.parse(
      (await cli(['--app', 'app.mjs', ...paths, '--format', 'json'], { cwd: dir })).stdout,
    ) as {
      warnings: JsonWarning[];
    };
    const nosniff = json.warnings.filter((w) => w.code === 'NOSNIFF_MISSING');
    expect(nosniff).toHaveLength(1);
    expect(nosniff[0]!.pages!.map((u) => new URL(u).pathname)).toEqual(['/', '/a', '/b']);
  });
});
