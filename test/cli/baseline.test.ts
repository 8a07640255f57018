import { execFileSync } from 'node:child_process';
import { mkdir, readFile, truncate, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// --baseline as a user runs it: the built CLI writes the base branch's JSON report, then the
// pull request's scan is compared with it. The site changes between the two as a pull request
// would change it: X-Powered-By gone from / (fixed), nosniff dropped on / (new), X-Powered-By
// kept on /b (unchanged) and HSTS's max-age on /b tuned from 300 to 600 (still too low: the same
// finding with another message).

interface Phase {
  poweredBy: string[];
  noSniffOff: string[];
  hsts: Record<string, number>;
}
const BASE: Phase = { poweredBy: ['/', '/b'], noSniffOff: [], hsts: { '/b': 300 } };
const HEAD: Phase = { poweredBy: ['/b'], noSniffOff: ['/'], hsts: { '/b': 600 } };

/** The hardened site with the phase's changes. */
function phased(phase: () => Phase): http.RequestListener {
  return (req, res) => {
    const p = phase();
    const at = req.url ?? '';
    const set = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      const lower = name.toLowerCase();
      if (lower === 'x-content-type-options' && p.noSniffOff.includes(at)) return res;
      const age = p.hsts[at];
      return set(name, lower === 'strict-transport-security' && age ? `max-age=${age}` : value);
    };
    if (p.poweredBy.includes(at)) set('x-powered-by', 'Express');
    hardenedSite(req, res);
  };
}

let phase = BASE;
let site: Served;
let moved: Served;
let dir: string;
const PAGES = ['-p', '/', '-p', '/b'];

interface JsonWarning {
  code: string;
  url: string;
  message: string;
  baseline?: string;
}

beforeAll(async () => {
  site = await serve(phased(() => phase));
  // The same pull request deployed at another address, as a preview of each branch is.
  moved = await serve(phased(() => HEAD));
  dir = await scratch();
  phase = BASE;
  const base = await cli([site.url, ...PAGES, '-f', 'json']);
  expect(base.code, base.stderr).toBe(1);
  await writeFile(path.join(dir, 'base.json'), base.stdout);
  phase = HEAD;
  const head = await cli([site.url, ...PAGES, '-f', 'json']);
  await writeFile(path.join(dir, 'head.json'), head.stdout);
}, 60_000);
afterAll(() => Promise.all([site.close(), moved.close()]));

describe('--baseline: one new finding and one fixed', () => {
  it('text: the new finding is marked, the fixed one listed, and the run fails on the new one', async () => {
    const r = await cli([site.url, ...PAGES, '--baseline', 'base.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/NOSNIFF_MISSING new {2}/);
    expect(r.stdout).toMatch(/POWERED_BY_EXPOSED {2}X-Powered-By is sent/);
    expect(r.stdout).not.toMatch(/(POWERED_BY_EXPOSED|HSTS_MAX_AGE_LOW) new/);
    expect(r.stdout).toContain(
      `Fixed since the baseline (${site.url}/):\n  ✔ POWERED_BY_EXPOSED  infoLeak on ${site.url}/\n`,
    );
    expect(r.stdout).toMatch(/\(1 new, 1 fixed since the baseline\): fails at --fail-on warning/);
  }, 30_000);

  it('json: each warning says new or unchanged, and baseline lists the fixed one', async () => {
    const r = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as {
      warnings: JsonWarning[];
      baseline: { target: string; fixed: JsonWarning[] };
    };
    expect(report.warnings.map((w) => [w.code, w.url, w.baseline])).toEqual(
      expect.arrayContaining([
        ['NOSNIFF_MISSING', `${site.url}/`, 'new'],
        ['POWERED_BY_EXPOSED', `${site.url}/b`, 'unchanged'],
        ['HSTS_MAX_AGE_LOW', `${site.url}/b`, 'unchanged'],
      ]),
    );
    expect(report.warnings.filter((w) => w.baseline === 'new')).toHaveLength(1);
    expect(report.baseline.target).toBe(`${site.url}/`);
    expect(report.baseline.fixed.map((w) => [w.code, w.url])).toEqual([
      ['POWERED_BY_EXPOSED', `${site.url}/`],
    ]);
  }, 30_000);

  it('a changed message is the same finding: max-age 300 → 600 on the same page is unchanged', async () => {
    const read = async (name: string) =>
      (
        JSON.parse(
          await import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, name), 'utf8')),
        ) as {
          warnings: JsonWarning[];
        }
      ).warnings.find((w) => w.code === 'HSTS_MAX_AGE_LOW')!.message;
    expect(await read('base.json')).toContain('max-age=300');
    expect(await read('head.json')).toContain('max-age=600');
    const r = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'json'], { cwd: dir });
    const hsts = (JSON.parse(r.stdout) as { warnings: JsonWarning[] }).warnings.find(
      (w) => w.code === 'HSTS_MAX_AGE_LOW',
    )!;
    expect(hsts).toMatchObject({ baseline: 'unchanged', message: expect.stringContaining('max-age=600') });
  }, 30_000);

  it('markdown: what the change introduced and what it fixed, with counts; github: only the new one; sarif: all', async () => {
    const md = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'markdown'], { cwd: dir });
    expect(md.stdout).toContain('1 introduced, 1 fixed, 3 unchanged.');
    expect(md.stdout).toContain(`**Introduced (1):**\n- 🟠 \`NOSNIFF_MISSING\` on ${site.url}/: `);
    expect(md.stdout).toContain(`**Fixed (1):**\n- ✅ \`POWERED_BY_EXPOSED\` (infoLeak) on ${site.url}/\n`);
    expect(md.stdout).toContain('| `NOSNIFF_MISSING` 🆕 |');
    const gh = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'github'], { cwd: dir });
    expect([...gh.stdout.matchAll(/title=([A-Z_]+)/g)].map((m) => m[1])).toEqual(['NOSNIFF_MISSING']);
    // SARIF keeps every result: code scanning diffs uploads itself, and closes what one leaves out.
    const sarif = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'sarif'], { cwd: dir });
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs[0]!
      .results;
    expect(results.map((x) => x.ruleId).sort()).toEqual([
      'HSTS_MAX_AGE_LOW',
      'HSTS_NO_SUBDOMAINS',
      'NOSNIFF_MISSING',
      'POWERED_BY_EXPOSED',
    ]);
  }, 30_000);
});

describe('--baseline and the exit status', () => {
  it('fails on new findings only: the same findings as the baseline pass, and pass without it fail', async () => {
    expect((await cli([site.url, ...PAGES], { cwd: dir })).code).toBe(1);
    expect((await cli([site.url, ...PAGES, '--baseline', 'head.json'], { cwd: dir })).code).toBe(0);
    // The new finding is a warning: below --fail-on error.
    expect(
      (await cli([site.url, ...PAGES, '--baseline', 'base.json', '--fail-on', 'error'], { cwd: dir })).code,
    ).toBe(0);
  }, 30_000);

  it('a page that could not be read still fails: it judged nothing, baseline or not', async () => {
    const silent = await serve((req, res) =>
      req.url === '/slow' ? undefined : phased(() => HEAD)(req, res),
    );
    try {
      const r = await cli([silent.url, ...PAGES, '-p', '/slow', '-t', '1', '--baseline', 'head.json'], {
        cwd: dir,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('(0 new, 0 fixed since the baseline): fails: 1 page could not be scanned');
    } finally {
      await silent.close();
    }
  }, 30_000);

  it('a preview at another origin (another port) is compared by path: nothing new, nothing fixed', async () => {
    const r = await cli([moved.url, ...PAGES, '--baseline', 'head.json', '-f', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; baseline: { fixed: unknown[] } };
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.warnings.every((w) => w.baseline === 'unchanged' && w.url.startsWith(moved.url))).toBe(
      true,
    );
    expect(report.baseline.fixed).toEqual([]);
  }, 30_000);
});

describe('--baseline and the accept list', () => {
  it('a finding accepted since the baseline is not fixed, nor new: it is listed as accepted', async () => {
    const accepting = await scratch({
      'checksecure.config.json': JSON.stringify({
        accept: [{ code: 'HSTS_MAX_AGE_LOW', reason: 'set by the CDN' }],
      }),
    });
    await writeFile(path.join(accepting, 'base.json'), await readFile(path.join(dir, 'base.json')));
    const text = await cli([site.url, ...PAGES, '--baseline', 'base.json'], { cwd: accepting });
    expect(text.stdout).toContain(
      `Fixed since the baseline (${site.url}/):\n  ✔ POWERED_BY_EXPOSED  infoLeak on ${site.url}/\n\n`,
    );
    expect(text.stdout).not.toMatch(/✔ HSTS_MAX_AGE_LOW/);
    expect(text.stdout).toMatch(/\(1 new, 1 fixed since the baseline\): fails at --fail-on warning/);
    const json = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'json'], {
      cwd: accepting,
    });
    const report = JSON.parse(json.stdout) as {
      warnings: JsonWarning[];
      accepted: JsonWarning[];
      baseline: { fixed: JsonWarning[] };
    };
    expect(report.baseline.fixed.map((w) => [w.code, w.url])).toEqual([
      ['POWERED_BY_EXPOSED', `${site.url}/`],
    ]);
    expect(report.warnings.filter((w) => w.baseline === 'new').map((w) => w.code)).toEqual([
      'NOSNIFF_MISSING',
    ]);
    expect(report.warnings.map((w) => w.code)).not.toContain('HSTS_MAX_AGE_LOW');
    expect(report.accepted.map((w) => [w.code, w.url])).toEqual([['HSTS_MAX_AGE_LOW', `${site.url}/b`]]);
    const md = await cli([site.url, ...PAGES, '--baseline', 'base.json', '-f', 'markdown'], {
      cwd: accepting,
    });
    expect(md.stdout).toContain('1 introduced, 1 fixed, ');
  }, 30_000);
});

describe('--baseline with an in-process app', () => {
  it('marks the new finding and lists the fixed one, by path', async () => {
    const app = await scratch({
      'app.mjs': [
        'export default (req, res) => {',
        "  if (process.env.PHASE === 'base' && req.url === '/') res.setHeader('x-powered-by', 'Express');",
        "  if (process.env.PHASE === 'head') res.setHeader('server', 'nginx/1.25.3');",
        "  res.setHeader('content-type', 'text/html');",
        "  res.end('<p>hi</p>');",
        '};',
      ].join('\n'),
    });
    const base = await cli(['--app', 'app.mjs', ...PAGES, '-f', 'json'], {
      cwd: app,
      env: { PHASE: 'base' },
    });
    await writeFile(path.join(app, 'base.json'), base.stdout);
    const r = await cli(
      ['--app', 'app.mjs', ...PAGES, '--baseline', 'base.json', '-f', 'json', '--fail-on', 'info'],
      {
        cwd: app,
        env: { PHASE: 'head' },
      },
    );
    // The new finding is of severity info: it fails at --fail-on info only.
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; baseline: { fixed: JsonWarning[] } };
    const fresh = report.warnings.filter((w) => w.baseline === 'new');
    expect(fresh.length).toBeGreaterThan(0);
    expect(new Set(fresh.map((w) => w.code))).toEqual(new Set(['SERVER_VERSION_EXPOSED']));
    expect(report.baseline.fixed.map((w) => [w.code, new URL(w.url).pathname])).toEqual([
      ['POWERED_BY_EXPOSED', '/'],
    ]);
    // The app listens on another loopback port each run: everything else is unchanged.
    expect(report.warnings.filter((w) => w.baseline === 'unchanged').length).toBeGreaterThan(3);
    const text = await cli(['--app', 'app.mjs', ...PAGES, '--baseline', 'base.json'], {
      cwd: app,
      env: { PHASE: 'head' },
    });
    // Every warning-level finding was there before: nothing fails at the default --fail-on.
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('Fixed since the baseline');
    expect(text.stdout).toContain('  ✔ POWERED_BY_EXPOSED  infoLeak on /\n');
  }, 60_000);
});

describe('--baseline with grouped findings and several sites', () => {
  const warning = (code: string, check: string, url: string, pages?: string[]) => ({
    code,
    check,
    severity: 'warning',
    message: 'as the earlier version worded it',
    url,
    ...(pages ? { pages } : {}),
  });

  it('a finding grouped over several pages is compared page by page: the pages it left are fixed', async () => {
    const elsewhere = 'https://base-preview.example';
    const grouped = {
      version: 1,
      target: `${elsewhere}/`,
      warnings: [
        warning('POWERED_BY_EXPOSED', 'infoLeak', `${elsewhere}/`, [
          `${elsewhere}/`,
          `${elsewhere}/b`,
          `${elsewhere}/c`,
        ]),
        warning('HSTS_MAX_AGE_LOW', 'hsts', `${elsewhere}/b`),
      ],
      checks: [],
      assumptions: [],
      pages: [`${elsewhere}/`, `${elsewhere}/b`, `${elsewhere}/c`].map((url) => ({ url, via: 'start' })),
    };
    await writeFile(path.join(dir, 'grouped.json'), JSON.stringify(grouped));
    // /c is judged now too: a page today's run did not judge would not be compared.
    const r = await cli([site.url, ...PAGES, '-p', '/c', '--baseline', 'grouped.json', '-f', 'json'], {
      cwd: dir,
    });
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; baseline: { fixed: unknown[] } };
    expect(report.warnings.find((w) => w.code === 'POWERED_BY_EXPOSED')).toMatchObject({
      url: `${site.url}/b`,
      baseline: 'unchanged',
    });
    expect(report.baseline.fixed).toEqual([
      {
        code: 'POWERED_BY_EXPOSED',
        check: 'infoLeak',
        severity: 'warning',
        message: 'as the earlier version worded it',
        url: `${elsewhere}/`,
        pages: [`${elsewhere}/`, `${elsewhere}/c`],
      },
    ]);
    expect(r.stdout).not.toContain(`${elsewhere}/b`);
  }, 30_000);

  it('markdown: a finding fixed on two pages is on its page "and 1 more page", on three "and 2 more pages"', async () => {
    const elsewhere = 'https://base-preview.example';
    const at = (p: string) => `${elsewhere}${p}`;
    const earlier = {
      version: 1,
      target: at('/'),
      warnings: [
        warning('POWERED_BY_EXPOSED', 'infoLeak', at('/'), [at('/'), at('/c'), at('/d')]),
        warning('HSTS_MISSING', 'hsts', at('/c'), [at('/c'), at('/d')]),
      ],
      checks: [],
      assumptions: [],
      pages: ['/', '/b', '/c', '/d'].map((p) => ({ url: at(p), via: 'start' })),
    };
    await writeFile(path.join(dir, 'fixed-on-pages.json'), JSON.stringify(earlier));
    const r = await cli(
      [site.url, ...PAGES, '-p', '/c', '-p', '/d', '--baseline', 'fixed-on-pages.json', '-f', 'markdown'],
      { cwd: dir },
    );
    expect(r.stdout).toContain(`- ✅ \`HSTS_MISSING\` (hsts) on ${elsewhere}/c and 1 more page\n`);
    expect(r.stdout).toContain(`- ✅ \`POWERED_BY_EXPOSED\` (infoLeak) on ${elsewhere}/ and 2 more pages\n`);
  }, 30_000);

  it('with several sites in a report, the host tells their findings apart', async () => {
    const sites = {
      version: 1,
      target: '2 sites',
      warnings: [
        warning('POWERED_BY_EXPOSED', 'infoLeak', 'https://a.example/b'),
        warning('HSTS_MAX_AGE_LOW', 'hsts', `${site.url}/b`),
        warning('CSP_MISSING', 'csp', `${site.url}/`),
      ],
      pages: ['https://a.example/', 'https://a.example/b', `${site.url}/`, `${site.url}/b`].map((url) => ({
        url,
        via: 'start',
      })),
    };
    await writeFile(path.join(dir, 'sites.json'), JSON.stringify(sites));
    const r = await cli([site.url, ...PAGES, '--baseline', 'sites.json', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; baseline: { fixed: JsonWarning[] } };
    const marks = Object.fromEntries(report.warnings.map((w) => [w.code, w.baseline]));
    // The same path on another site is another finding; the same site's finding is unchanged.
    expect(marks).toMatchObject({ POWERED_BY_EXPOSED: 'new', HSTS_MAX_AGE_LOW: 'unchanged' });
    // Fixed on a page this run judged; a.example, not scanned now, has nothing fixed.
    expect(report.baseline.fixed.map((w) => [w.code, w.url])).toEqual([['CSP_MISSING', `${site.url}/`]]);
  }, 30_000);
});

describe('--baseline and the pages the baseline judged', () => {
  const base = (extra: object) => ({
    version: 1,
    target: 'https://base-preview.example/',
    warnings: [
      {
        code: 'POWERED_BY_EXPOSED',
        check: 'infoLeak',
        severity: 'warning',
        message: 'X-Powered-By is sent',
        url: 'https://base-preview.example/',
      },
    ],
    ...extra,
  });

  it('a report without pages (written before reports listed them) judged every page', async () => {
    await writeFile(path.join(dir, 'old.json'), JSON.stringify(base({})));
    const r = await cli([site.url, ...PAGES, '--baseline', 'old.json', '-f', 'json'], { cwd: dir });
    const report = JSON.parse(r.stdout) as { warnings: JsonWarning[]; baseline: { fixed: JsonWarning[] } };
    expect(report.warnings.every((w) => w.baseline !== 'not-compared')).toBe(true);
    expect(report.warnings.find((w) => w.code === 'POWERED_BY_EXPOSED')).toMatchObject({
      url: `${site.url}/b`,
      baseline: 'new',
    });
    expect(report.baseline.fixed.map((w) => w.code)).toEqual(['POWERED_BY_EXPOSED']);
  }, 30_000);

  it('a report with pages: [] judged none (a shard with nothing to scan): nothing is compared, nothing is new', async () => {
    await writeFile(path.join(dir, 'none.json'), JSON.stringify(base({ warnings: [], pages: [] })));
    const r = await cli([site.url, ...PAGES, '--baseline', 'none.json'], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\(0 new, 0 fixed since the baseline; \d+ on pages the baseline did not judge/);
  }, 30_000);
});

describe('a baseline file is hostile input: one line naming it, exit 2, nothing scanned', () => {
  const cases: [string, (file: string) => Promise<unknown>, RegExp][] = [
    ['missing', async () => {}, /^checksecure: --baseline: bad\.json does not exist\n$/],
    [
      'not JSON, and none of it quoted',
      (file) => writeFile(file, 'API_TOKEN=hunter2-secret\n'),
      /^checksecure: --baseline: bad\.json is not JSON: give a report written with --format json\n$/,
    ],
    [
      'foreign JSON (a package.json)',
      (file) => writeFile(file, JSON.stringify({ name: 'x', version: '1.0.0' })),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report \(written by --format json\)\n$/,
    ],
    [
      'JSON that is not an object',
      (file) => writeFile(file, '[1, 2]'),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report \(written by --format json\)\n$/,
    ],
    [
      'a SARIF log (it has a version: "2.1.0")',
      (file) => writeFile(file, JSON.stringify({ version: '2.1.0', runs: [] })),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report \(written by --format json\)\n$/,
    ],
    [
      'a report without its version',
      (file) => writeFile(file, JSON.stringify({ target: 'x', warnings: [] })),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report \(it has no version\)\n$/,
    ],
    [
      'a later version',
      (file) => writeFile(file, JSON.stringify({ version: 2, target: 'x', warnings: [] })),
      /^checksecure: --baseline: bad\.json is a report of version 2; this checksecure reads version 1\n$/,
    ],
    [
      'a warning missing a field',
      (file) =>
        writeFile(
          file,
          JSON.stringify({
            version: 1,
            target: 'x',
            warnings: [{ code: 'A', check: 'a', severity: 'error', message: 'm' }],
          }),
        ),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report: report\.warnings\[0\]\.url is not a string\n$/,
    ],
    // Read as judging no page of this run, it would mark every finding not compared: a pass.
    [
      'a page that is not a URL',
      (file) =>
        writeFile(
          file,
          JSON.stringify({
            version: 1,
            target: 'x',
            warnings: [],
            pages: [{ url: 'not a url', via: 'start' }],
          }),
        ),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report: report\.pages\[0\]\.url is not an http\(s\) URL\n$/,
    ],
    [
      "a finding's URL without a scheme",
      (file) =>
        writeFile(
          file,
          JSON.stringify({
            version: 1,
            target: 'x',
            warnings: [{ code: 'A', check: 'a', severity: 'error', message: 'm', url: 'example.com/' }],
          }),
        ),
      /^checksecure: --baseline: bad\.json is not a checksecure JSON report: report\.warnings\[0\]\.url is not an http\(s\) URL\n$/,
    ],
    [
      'a 1 GB file',
      async (file) => {
        await writeFile(file, '');
        await truncate(file, 1024 ** 3);
      },
      /^checksecure: --baseline: bad\.json is 1024 MiB, more than the 64 MiB a report may be\n$/,
    ],
    ['a folder', (file) => mkdir(file), /^checksecure: --baseline: bad\.json is not a file\n$/],
    // Opening a FIFO for reading waits for a writer: it must be refused, not wait for ever.
    [
      'a FIFO with no writer',
      async (file) => execFileSync('mkfifo', [file]),
      /^checksecure: --baseline: bad\.json is not a file\n$/,
    ],
  ];
  for (const [name, make, message] of cases)
    it(
      name,
      async () => {
        const folder = await scratch();
        await make(path.join(folder, 'bad.json'));
        const before = site.requests.length;
        const r = await cli([site.url, '--baseline', 'bad.json'], { cwd: folder });
        expect(r).toMatchObject({ code: 2, stdout: '' });
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toContain('hunter2');
        expect(site.requests.length).toBe(before);
      },
      30_000,
    );
});
