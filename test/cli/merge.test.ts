import { execFileSync } from 'node:child_process';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch } from '../helpers/cli.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

// The JSON reports of three scans (as a matrix's shards write them), combined by the built CLI
// into one report in each format, and files that are not such reports refused with their name.

let bare: Served;
let hardened: Served;
let other: Served;
let dir: string;

beforeAll(async () => {
  bare = await serve((_req, res) => {
    res.setHeader('X-Powered-By', 'Express');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
  });
  hardened = await serve(hardenedSite);
  other = await serve((_req, res) => {
    res.setHeader('Server', 'nginx/1.2.3');
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>other</p>');
  });
  dir = await scratch({ 'package.json': '{"name":"sites","private":true}' });
  for (const [i, site] of [bare, hardened, other].entries()) {
    const r = await cli([site.url, '-f', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    await writeFile(path.join(dir, `shard-${i + 1}.json`), r.stdout);
  }
}, 120_000);
afterAll(() => Promise.all([bare.close(), hardened.close(), other.close()]));

const SHARDS = ['shard-1.json', 'shard-2.json', 'shard-3.json'];

describe('checksecure merge', () => {
  it('json: one report of every site, each finding on its own site, exit as a scan of them all', async () => {
    const r = await cli(['merge', ...SHARDS, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.target).toBe('3 sites');
    expect(report.pages.map((p: { url: string }) => p.url)).toEqual([
      `${bare.url}/`,
      `${hardened.url}/`,
      `${other.url}/`,
    ]);
    const byCode = (code: string) =>
      report.warnings.filter((w: { code: string }) => w.code === code).map((w: { url: string }) => w.url);
    expect(byCode('POWERED_BY_EXPOSED')).toEqual([`${bare.url}/`]);
    expect(report.warnings.some((w: { url: string }) => w.url.startsWith(hardened.url))).toBe(false);
    expect((await cli(['merge', ...SHARDS, '--fail-on', 'never'], { cwd: dir })).code).toBe(0);
    expect((await cli(['merge', 'shard-2.json', '--fail-on', 'warning'], { cwd: dir })).code).toBe(0);
  }, 60_000);

  it('text and sarif: the merged report as a scan writes it', async () => {
    const text = await cli(['merge', ...SHARDS, '-v', '0', '--fail-on', 'never'], { cwd: dir });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('POWERED_BY_EXPOSED\n');
    const full = await cli(['merge', ...SHARDS], { cwd: dir });
    expect(full.stdout.split('\n')[0]).toBe('checksecure 3 sites');
    expect(full.stdout).toContain(`${bare.url}/`);
    const sarif = await cli(['merge', ...SHARDS, '-f', 'sarif'], { cwd: dir });
    const run = JSON.parse(sarif.stdout).runs[0];
    const urls = run.results.map((res: { properties: { url: string } }) => res.properties.url);
    expect(new Set(urls)).toEqual(new Set([`${bare.url}/`, `${other.url}/`]));
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('package.json');
    expect(run.tool.driver.rules.length).toBeGreaterThan(10);
  }, 60_000);

  it("says how long the shards' scans took, added up, and no '(0 ms)' for reports that do not say", async () => {
    const times = await Promise.all(
      SHARDS.map(
        async (file) =>
          (JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { durationMs: number }).durationMs,
      ),
    );
    expect(times.every((ms) => Number.isInteger(ms) && ms > 0)).toBe(true);
    const merged = await cli(['merge', ...SHARDS, '--fail-on', 'never'], { cwd: dir });
    expect(merged.stdout).toContain(`(${times.reduce((a, b) => a + b, 0)} ms)`);
    expect(JSON.parse((await cli(['merge', ...SHARDS, '-f', 'json'], { cwd: dir })).stdout).durationMs).toBe(
      times.reduce((a, b) => a + b, 0),
    );
    // A report written before reports carried their time.
    const old = JSON.parse(await readFile(path.join(dir, 'shard-1.json'), 'utf8')) as Record<string, unknown>;
    delete old.durationMs;
    await writeFile(path.join(dir, 'untimed.json'), JSON.stringify(old));
    for (const files of [['untimed.json'], ['shard-2.json', 'untimed.json']]) {
      // One report without its time: the total is not known, so none is printed or written.
      const untimed = await cli(['merge', ...files, '--fail-on', 'never'], { cwd: dir });
      expect(untimed.code, untimed.stderr).toBe(0);
      expect(untimed.stdout).not.toContain('ms)');
      expect(untimed.stdout).toMatch(/\nFound .*: passes at --fail-on never\n/);
      const json = await cli(['merge', ...files, '-f', 'json', '--fail-on', 'never'], { cwd: dir });
      expect(JSON.parse(json.stdout).durationMs).toBe(0);
    }
  }, 60_000);

  it('a page not scanned in one shard fails the merged run and is named', async () => {
    const report = JSON.parse(await readFile(path.join(dir, 'shard-2.json'), 'utf8'));
    report.unscanned = [{ url: 'http://127.0.0.1:9/', reason: 'connection refused' }];
    await writeFile(path.join(dir, 'down.json'), JSON.stringify(report));
    const r = await cli(['merge', 'shard-2.json', 'down.json', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('checksecure: GET http://127.0.0.1:9/ was not scanned: connection refused\n');
  }, 60_000);

  it('refuses a file that is not a report (not JSON, another version, a wrong field, too large, missing), naming it', async () => {
    await writeFile(path.join(dir, 'log.txt'), 'npm ERR! something\n');
    await writeFile(path.join(dir, 'v2.json'), JSON.stringify({ version: 2, target: 'x', warnings: [] }));
    await writeFile(path.join(dir, 'sarif.json'), JSON.stringify({ version: '2.1.0', runs: [] }));
    await writeFile(
      path.join(dir, 'bad.json'),
      JSON.stringify({
        version: 1,
        target: 'x',
        warnings: [{ code: 'A', check: 'a', severity: 'fatal', message: 'm', url: 'u' }],
        checks: [],
      }),
    );
    await writeFile(path.join(dir, 'huge.json'), '');
    await truncate(path.join(dir, 'huge.json'), 65 * 1024 * 1024);
    const cases: [string, RegExp][] = [
      ['log.txt', /^checksecure: merge: log\.txt is not JSON: give a report written with --format json\n$/],
      [
        'v2.json',
        /^checksecure: merge: v2\.json is a report of version 2; this checksecure reads version 1\n$/,
      ],
      [
        'sarif.json',
        /^checksecure: merge: sarif\.json is not a checksecure JSON report \(written by --format json\)\n$/,
      ],
      [
        'bad.json',
        /^checksecure: merge: bad\.json is not a checksecure JSON report: report\.warnings\[0\]\.severity is not one of error, warning, info\n$/,
      ],
      ['huge.json', /^checksecure: merge: huge\.json is 65 MiB, more than the 64 MiB a report may be\n$/],
      ['missing.json', /^checksecure: merge: missing\.json does not exist\n$/],
    ];
    for (const [file, message] of cases) {
      const r = await cli(['merge', 'shard-1.json', file], { cwd: dir });
      expect(r.code, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
    const none = await cli(['merge'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^checksecure: merge: name the JSON reports to combine/);
    expect((await cli(['merge', 'shard-1.json', '--formt', 'json'], { cwd: dir })).stderr).toBe(
      "checksecure: merge: Unknown option '--formt' (did you mean --format?)\n",
    );
    expect((await cli(['merge', 'shard-1.json', '--fial-on', 'error'], { cwd: dir })).stderr).toBe(
      "checksecure: merge: Unknown option '--fial-on' (did you mean --fail-on?)\n",
    );
    expect((await cli(['merge', 'shard-1.json', '-f', 'xml'], { cwd: dir })).stderr).toMatch(
      /^checksecure: merge --format: "xml" is not one of text, json, sarif, github, markdown\n$/,
    );
  }, 60_000);

  it('refuses a report with a URL field that is not an absolute http(s) URL, naming the field', async () => {
    const shard = JSON.parse(await readFile(path.join(dir, 'shard-1.json'), 'utf8')) as {
      warnings: { url: string; pages?: string[] }[];
      pages: { url: string; from?: string }[];
    };
    const finding = shard.warnings[0]!;
    const page = `${bare.url}/`;
    // Each case changes one field of a report the scanner wrote, which itself merges.
    const cases: [string, (report: Record<string, unknown>) => void][] = [
      ['report.pages[0].url', (r) => (r.pages = [{ url: 'not a url', via: 'start' }])],
      ['report.pages[1].from', (r) => (r.pages = [...shard.pages, { url: page, via: 'link', from: '/' }])],
      ['report.warnings[0].url', (r) => (r.warnings = [{ ...finding, url: 'javascript:alert(1)' }])],
      [
        'report.warnings[0].pages[1]',
        (r) => (r.warnings = [{ ...finding, url: page, pages: [page, 'file:///etc/passwd'] }]),
      ],
      ['report.unscanned[0].url', (r) => (r.unscanned = [{ url: '127.0.0.1:9/', reason: 'refused' }])],
      ['report.accepted[0].url', (r) => (r.accepted = [{ ...finding, url: '/b', reason: 'legacy' }])],
      [
        'report.accepted[0].pages[0]',
        (r) => (r.accepted = [{ ...finding, url: page, pages: ['', page], reason: 'legacy' }]),
      ],
      [
        'report.baseline.fixed[0].url',
        (r) => (r.baseline = { target: 'base.json', fixed: [{ ...finding, url: 'ftp://a.example/' }] }),
      ],
      [
        'report.baseline.fixed[0].pages[1]',
        (r) => (r.baseline = { target: 'base.json', fixed: [{ ...finding, url: page, pages: [page, 'b'] }] }),
      ],
    ];
    const valid = await cli(['merge', 'shard-1.json', '-f', 'json', '--fail-on', 'never'], { cwd: dir });
    expect(valid.code, valid.stderr).toBe(0);
    for (const [field, change] of cases) {
      const report = JSON.parse(await readFile(path.join(dir, 'shard-1.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      change(report);
      await writeFile(path.join(dir, 'urls.json'), JSON.stringify(report));
      const r = await cli(['merge', 'shard-2.json', 'urls.json'], { cwd: dir });
      expect(r.code, field).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `checksecure: merge: urls.json is not a checksecure JSON report: ${field} is not an http(s) URL\n`,
      );
    }
  }, 60_000);

  it('refuses a report given twice, or two files of the same content, naming them: merged, everything would count twice', async () => {
    const twice = await cli(['merge', 'shard-1.json', 'shard-2.json', './shard-1.json'], { cwd: dir });
    expect(twice.code).toBe(2);
    expect(twice.stdout).toBe('');
    expect(twice.stderr).toBe(
      'checksecure: merge: ./shard-1.json is shard-1.json again; give each report once\n',
    );
    await writeFile(path.join(dir, 'copy.json'), await readFile(path.join(dir, 'shard-2.json')));
    const copy = await cli(['merge', 'shard-2.json', 'copy.json'], { cwd: dir });
    expect(copy.code).toBe(2);
    expect(copy.stderr).toBe(
      "checksecure: merge: copy.json has the same content as shard-2.json, so its sites would be counted twice; give each shard's report once\n",
    );
  }, 60_000);

  it('refuses a FIFO without waiting for a writer (as --baseline does: one reader of report files)', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const r = await cli(['merge', 'shard-1.json', 'pipe.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('checksecure: merge: pipe.json is not a file\n');
  }, 30_000);

  it('is in --help', async () => {
    const r = await cli(['merge', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('checksecure merge REPORT.json...');
  });
});

describe('checksecure merge of reports that share a site', () => {
  // One site's pages split between reports (a shard's slice of its paths), or scanned twice
  // (overlapping runs): merged, each finding, page and count is as one scan of them all has it.
  // HSTS is sent on /a and /c only, X-Powered-By everywhere.
  let site: Served;
  let shared: string;
  const scanned = async (file: string, paths: string[]) => {
    const r = await cli([site.url, ...paths.flatMap((p) => ['-p', p]), '-f', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    await writeFile(path.join(shared, file), r.stdout);
  };
  interface Finding {
    code: string;
    message: string;
    url: string;
    pages?: string[];
  }
  const read = async (file: string) =>
    JSON.parse(await readFile(path.join(shared, file), 'utf8')) as {
      warnings: Finding[];
      pages: { url: string }[];
    };
  const pagesOf = (w: Finding) => w.pages ?? [w.url];
  /** Each finding as code, message and its pages in order of URL: what must match, whatever the order. */
  const findings = (warnings: Finding[], withPages = true) =>
    warnings
      .map((w) => `${w.code} ${w.message}${withPages ? ` on ${[...pagesOf(w)].sort().join(' ')}` : ''}`)
      .sort();
  const found = (text: string) => /\nFound (.*?)(: | \()/.exec(text)?.[1];

  beforeAll(async () => {
    site = await serve((req, res) => {
      if (req.url === '/a' || req.url === '/c')
        res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
      res.setHeader('X-Powered-By', 'Express');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
    });
    shared = await scratch({ 'package.json': '{"name":"site","private":true}' });
    await scanned('all.json', ['/', '/a', '/b', '/c']);
    // What `shard: 1/2` and `2/2` take of the four URL-path pairs, dealt round-robin.
    await scanned('shard-1.json', ['/', '/b']);
    await scanned('shard-2.json', ['/a', '/c']);
    await scanned('three.json', ['/', '/a', '/b']);
    await scanned('one-a.json', ['/', '/a']);
    await scanned('one-b.json', ['/', '/b']);
  }, 120_000);
  afterAll(() => site.close());

  it("shards of one site's pages: each finding once, on the union of its pages, counted as the scan of them all", async () => {
    const all = await read('all.json');
    const r = await cli(['merge', 'shard-1.json', 'shard-2.json', '-f', 'json', '--fail-on', 'never'], {
      cwd: shared,
    });
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(r.stdout) as Awaited<ReturnType<typeof read>> & { target: string };
    expect(merged.target).toBe(`${site.url}/`);
    expect(merged.pages.map((p) => p.url).sort()).toEqual(all.pages.map((p) => p.url).sort());
    // Site-wide probes go to each shard's first page, so only which pages those hold on may
    // differ from the single scan; every finding is there once.
    expect(findings(merged.warnings, false)).toEqual(findings(all.warnings, false));
    const hsts = merged.warnings.filter((w) => w.code === 'HSTS_MISSING');
    expect(hsts.map((w) => [...pagesOf(w)].sort())).toEqual([[`${site.url}/`, `${site.url}/b`]]);
    const powered = merged.warnings.filter((w) => w.code === 'POWERED_BY_EXPOSED');
    expect(powered.map((w) => [...pagesOf(w)].sort())).toEqual([
      ['/', '/a', '/b', '/c'].map((p) => `${site.url}${p}`),
    ]);
    for (const w of merged.warnings) expect(new Set(pagesOf(w)).size, w.code).toBe(pagesOf(w).length);

    const text = await cli(['merge', 'shard-1.json', 'shard-2.json', '--fail-on', 'never'], { cwd: shared });
    const single = await cli([site.url, '-p', '/', '-p', '/a', '-p', '/b', '-p', '/c', '--fail-on', 'never']);
    expect(found(text.stdout)).toBe(found(single.stdout));
    expect(text.stdout.match(/HSTS_MISSING .* on 2 of 4 pages\n/g)).toHaveLength(1);
    expect(text.stdout.match(/POWERED_BY_EXPOSED .* on 4 of 4 pages\n/g)).toHaveLength(1);
  }, 60_000);

  it('overlapping reports of one site: a page judged by both is listed once, and its findings are one each', async () => {
    const three = await read('three.json');
    const r = await cli(['merge', 'one-a.json', 'one-b.json', '-f', 'json', '--fail-on', 'never'], {
      cwd: shared,
    });
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(r.stdout) as Awaited<ReturnType<typeof read>>;
    expect(merged.pages.map((p) => p.url)).toEqual(['/', '/a', '/b'].map((p) => `${site.url}${p}`));
    // Each shard probed / for the site-wide checks: the same findings, so one each.
    expect(findings(merged.warnings)).toEqual(findings(three.warnings));
    const text = await cli(['merge', 'one-a.json', 'one-b.json', '--fail-on', 'never'], { cwd: shared });
    const single = await cli([site.url, '-p', '/', '-p', '/a', '-p', '/b', '--fail-on', 'never']);
    expect(found(text.stdout)).toBe(found(single.stdout));
    expect(text.stdout.match(/HTTPS_REDIRECT_MISSING/g)).toHaveLength(1);
    expect(text.stdout.match(/HSTS_MISSING .* on 2 of 3 pages\n/g)).toHaveLength(1);
    // Merged again with a report of the union, nothing changes.
    const again = await cli(
      ['merge', 'one-a.json', 'one-b.json', 'three.json', '-f', 'json', '--fail-on', 'never'],
      {
        cwd: shared,
      },
    );
    expect(findings((JSON.parse(again.stdout) as typeof merged).warnings)).toEqual(findings(three.warnings));
  }, 60_000);
});

describe('checksecure merge of a report of several sites with reports of one', () => {
  // Four sites that refuse every POST, so csrf is skipped on each with the same reason: one
  // report of two of them (as a shard of a multi-site matrix, or --targets, writes it), and one
  // of each of the others.
  let sites: Served[];
  let many: string;

  beforeAll(async () => {
    sites = await Promise.all(
      [1, 2, 3, 4].map(() =>
        serve((req, res) => {
          if (req.method === 'POST') res.writeHead(405, { allow: 'GET' }).end();
          else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>');
        }),
      ),
    );
    many = await scratch({ 'sites.txt': `${sites[0]!.url}\n${sites[1]!.url}\n` });
    const write = async (file: string, args: string[]) => {
      const r = await cli([...args, '-f', 'json', '--fail-on', 'never'], { cwd: many });
      expect(r.code, r.stderr).toBe(0);
      await writeFile(path.join(many, file), r.stdout);
    };
    await write('two.json', ['--targets', 'sites.txt']);
    await write('third.json', [sites[2]!.url]);
    await write('fourth.json', [sites[3]!.url]);
  }, 120_000);
  afterAll(() => Promise.all(sites.map((s) => s.close())));

  it('names each site once before its own reason, never the report\'s "2 sites"', async () => {
    const alone = JSON.parse(await readFile(path.join(many, 'third.json'), 'utf8')) as {
      checks: { name: string; reason?: string }[];
    };
    const reason = alone.checks.find((c) => c.name === 'csrf')!.reason!;
    expect(reason).toContain('refused');
    const r = await cli(
      ['merge', 'two.json', 'third.json', 'fourth.json', '-f', 'json', '--fail-on', 'never'],
      {
        cwd: many,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(r.stdout) as typeof alone & { target: string };
    expect(merged.target).toBe('4 sites');
    expect(merged.checks.find((c) => c.name === 'csrf')).toEqual({
      name: 'csrf',
      status: 'skipped',
      reason: sites.map((s) => `${s.url}/: ${reason}`).join('; '),
    });
    const text = await cli(['merge', 'two.json', 'third.json', 'fourth.json', '--fail-on', 'never'], {
      cwd: many,
    });
    expect(text.stdout).toContain(`skipped csrf: ${sites.map((s) => `${s.url}/: ${reason}`).join('; ')}\n`);
  }, 60_000);
});
