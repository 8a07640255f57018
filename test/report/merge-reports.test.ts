import { describe, expect, it } from 'vitest';
import { mergeReports } from '../../src/report/merge-reports.js';
import type { Report, Warning } from '../../src/core/types.js';

const warning = (url: string, code = 'HSTS_MISSING', severity: Warning['severity'] = 'warning'): Warning => ({
  code,
  check: 'hsts',
  severity,
  message: 'no HSTS',
  url,
});

const site = (origin: string, extra: Partial<Report> = {}): Report => ({
  version: 1,
  target: origin,
  targetKind: 'url',
  warnings: [warning(`${origin}/`)],
  checks: [
    { name: 'hsts', status: 'warned' },
    { name: 'csrf', status: 'passed' },
  ],
  assumptions: ['a TLS proxy'],
  notes: [`${origin}/ answered 404`],
  unscanned: [],
  pages: [{ url: `${origin}/`, via: 'start' }],
  durationMs: 10,
  ...extra,
});

describe('mergeReports', () => {
  it('says how many sites, keeps every finding on its own site, and every page, note and unscanned page', () => {
    const sites = Array.from({ length: 100 }, (_, i) => site(`http://127.0.0.1:${3000 + i}`));
    const merged = mergeReports(sites);
    expect(merged.target).toBe('100 sites');
    expect(merged.warnings.map((w) => w.url)).toEqual(sites.map((s) => `${s.target}/`));
    expect(merged.pages).toHaveLength(100);
    expect(merged.notes).toHaveLength(100);
    expect(merged.assumptions).toEqual(['a TLS proxy']);
  });

  it('prefixes a note that does not name its site with the site, once, and leaves one that does', () => {
    const note = 'the crawl stopped at 100 pages';
    const a = site('http://127.0.0.1:1', { notes: [note, 'http://127.0.0.1:1/ answered 404'] });
    const b = site('http://127.0.0.1:2', { notes: [note] });
    const merged = mergeReports([a, b]);
    expect(merged.notes).toEqual([
      `http://127.0.0.1:1: ${note}`,
      'http://127.0.0.1:1/ answered 404',
      `http://127.0.0.1:2: ${note}`,
    ]);
    // Merged again (a final job over shards), nothing is prefixed twice.
    expect(mergeReports([merged, site('http://127.0.0.1:3', { notes: [] })]).notes).toEqual(merged.notes);
    expect(mergeReports([a]).notes).toEqual(a.notes);
  });

  it('counts sites, not reports: two shards of one site are one site', () => {
    const a = site('http://127.0.0.1:1', { target: 'shard a' });
    const b = site('http://127.0.0.1:1', {
      target: 'shard b',
      pages: [{ url: 'http://127.0.0.1:1/x', via: 'start' }],
    });
    const c = site('http://127.0.0.1:2', {
      target: 'shard c',
      pages: [],
      unscanned: [{ url: 'http://127.0.0.1:2/', reason: 'refused' }],
    });
    expect(mergeReports([a, b, c]).target).toBe('2 sites');
  });

  it('a check errored on one site is errored, with the site named; warned outranks passed', () => {
    const ok = site('http://127.0.0.1:1');
    const broken = site('http://127.0.0.1:2', {
      checks: [
        { name: 'hsts', status: 'passed' },
        { name: 'csrf', status: 'errored', reason: 'it threw' },
      ],
    });
    expect(mergeReports([ok, broken]).checks).toEqual([
      { name: 'hsts', status: 'warned' },
      { name: 'csrf', status: 'errored', reason: 'http://127.0.0.1:2: it threw' },
    ]);
  });

  it('orders findings by severity across sites, and keeps accepted findings and the baseline’s fixed ones of each', () => {
    const a = site('http://127.0.0.1:1', {
      accepted: [{ ...warning('http://127.0.0.1:1/'), reason: 'legacy' }],
      baseline: { target: 'base.json', fixed: [warning('http://127.0.0.1:1/old')] },
    });
    const b = site('http://127.0.0.1:2', {
      warnings: [warning('http://127.0.0.1:2/', 'CORS_ANY', 'error')],
      baseline: { target: 'base.json', fixed: [warning('http://127.0.0.1:2/old')] },
    });
    const merged = mergeReports([a, b]);
    expect(merged.warnings.map((w) => w.severity)).toEqual(['error', 'warning']);
    expect(merged.accepted).toHaveLength(1);
    expect(merged.baseline).toEqual({
      target: 'base.json',
      fixed: [warning('http://127.0.0.1:1/old'), warning('http://127.0.0.1:2/old')],
    });
    expect(mergeReports([site('http://127.0.0.1:1')])).not.toHaveProperty('baseline');
  });

  it('lists the pages judged: none for no reports, and no list when no report listed its pages', () => {
    // pages: [] judged nothing; a report without pages (written before reports listed them) is
    // compared by --baseline as having judged every page, which its merge must still say.
    expect(mergeReports([]).pages).toEqual([]);
    const old = (origin: string) => {
      const { pages: _pages, ...rest } = site(origin);
      return rest;
    };
    expect(mergeReports([old('http://127.0.0.1:1'), old('http://127.0.0.1:2')])).not.toHaveProperty('pages');
  });

  it('regroups one finding split over reports of one site: the union of its pages, each once; apart on other sites', () => {
    const a = site('http://127.0.0.1:1', {
      warnings: [
        { ...warning('http://127.0.0.1:1/'), pages: ['http://127.0.0.1:1/', 'http://127.0.0.1:1/b'] },
      ],
    });
    const b = site('http://127.0.0.1:1', {
      warnings: [
        { ...warning('http://127.0.0.1:1/a'), pages: ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/'] },
      ],
      pages: [
        { url: 'http://127.0.0.1:1/a', via: 'start' },
        { url: 'http://127.0.0.1:1/', via: 'start' },
      ],
    });
    const merged = mergeReports([a, b, site('http://127.0.0.1:2')]);
    expect(merged.warnings).toEqual([
      {
        ...warning('http://127.0.0.1:1/'),
        pages: ['http://127.0.0.1:1/', 'http://127.0.0.1:1/b', 'http://127.0.0.1:1/a'],
      },
      warning('http://127.0.0.1:2/'),
    ]);
    expect(merged.pages!.map((p) => p.url)).toEqual([
      'http://127.0.0.1:1/',
      'http://127.0.0.1:1/a',
      'http://127.0.0.1:2/',
    ]);
    // The same note of the same page, from both: once.
    expect(merged.notes).toEqual(['http://127.0.0.1:1/ answered 404', 'http://127.0.0.1:2/ answered 404']);
  });

  it('two alike on one page of one report stay two; the same on that page in another report is one of them', () => {
    const twice = site('http://127.0.0.1:1', {
      warnings: [warning('http://127.0.0.1:1/'), warning('http://127.0.0.1:1/')],
    });
    expect(mergeReports([twice, site('http://127.0.0.1:1')]).warnings).toEqual(twice.warnings);
    expect(mergeReports([site('http://127.0.0.1:1'), twice]).warnings).toEqual(twice.warnings);
  });

  it('a finding new on a page one report compared is new; unchanged outranks not compared', () => {
    const marked = (url: string, baseline: Warning['baseline']) =>
      site('http://127.0.0.1:1', { warnings: [{ ...warning(url), baseline }] });
    const mark = (...reports: Report[]) => mergeReports(reports).warnings.map((w) => w.baseline);
    expect(mark(marked('http://127.0.0.1:1/', 'unchanged'), marked('http://127.0.0.1:1/a', 'new'))).toEqual([
      'new',
    ]);
    expect(
      mark(marked('http://127.0.0.1:1/', 'not-compared'), marked('http://127.0.0.1:1/a', 'unchanged')),
    ).toEqual(['unchanged']);
    expect(
      mark(marked('http://127.0.0.1:1/', 'not-compared'), marked('http://127.0.0.1:1/a', 'not-compared')),
    ).toEqual(['not-compared']);
  });

  it('keeps accepted findings one per page and a fixed one of two reports once, an unscanned page once', () => {
    const accepted = { ...warning('http://127.0.0.1:1/'), reason: 'legacy' };
    const fixed = warning('http://127.0.0.1:1/old');
    const unscanned = [{ url: 'http://127.0.0.1:1/slow', reason: 'timed out' }];
    const a = site('http://127.0.0.1:1', {
      accepted: [accepted, { ...accepted, url: 'http://127.0.0.1:1/a' }],
      baseline: { target: 'base.json', fixed: [fixed] },
      unscanned,
    });
    const b = site('http://127.0.0.1:1', {
      accepted: [accepted],
      baseline: { target: 'base.json', fixed: [fixed] },
      unscanned,
    });
    const merged = mergeReports([a, b]);
    expect(merged.accepted).toEqual(a.accepted);
    expect(merged.baseline).toEqual({ target: 'base.json', fixed: [fixed] });
    expect(merged.unscanned).toEqual(unscanned);
  });

  it('a report that judged nothing (an empty shard) is no site and takes no time', () => {
    const empty: Report = {
      version: 1,
      target: 'nothing: this shard has no URL-path pair',
      targetKind: 'url',
      warnings: [],
      checks: [],
      assumptions: [],
      notes: [],
      unscanned: [],
      pages: [],
      durationMs: 0,
    };
    const one = mergeReports([site('http://127.0.0.1:1'), empty, empty]);
    expect(one.target).toBe('http://127.0.0.1:1');
    expect(one.durationMs).toBe(10);
    expect(mergeReports([site('http://127.0.0.1:1'), site('http://127.0.0.1:2'), empty]).target).toBe(
      '2 sites',
    );
    expect(mergeReports([empty, empty]).target).toBe('0 sites');
  });

  it("names a one-site report's target before its reasons, and leaves a several-site report's as they are", () => {
    const reasoned = (origin: string) =>
      site(origin, { checks: [{ name: 'csrf', status: 'skipped', reason: 'the POST was refused' }] });
    const shard = mergeReports([reasoned('http://127.0.0.1:1'), reasoned('http://127.0.0.1:2')]);
    expect(shard.target).toBe('2 sites');
    expect(mergeReports([shard, reasoned('http://127.0.0.1:3')]).checks).toEqual([
      {
        name: 'csrf',
        status: 'skipped',
        reason:
          'http://127.0.0.1:1: the POST was refused; http://127.0.0.1:2: the POST was refused; http://127.0.0.1:3: the POST was refused',
      },
    ]);
  });
});
