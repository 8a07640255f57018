import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan, runChecks } from '../../src/index.js';
import { applyAcceptances } from '../../src/core/accept.js';
import { scanFor } from '../../src/core/scan.js';
import type { Warning } from '../../src/core/types.js';
import { hardenedSite, serve, type Served } from '../helpers/server.js';

/** The hardened site without HSTS: HSTS_MISSING (an error) on every page, and nothing else. */
const noHsts: http.RequestListener = (req, res) => {
  const set = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    name.toLowerCase() === 'strict-transport-security' ? res : set(name, value);
  hardenedSite(req, res);
};

const PATHS = ['/', '/legacy/a', '/legacy/b', '/admin'];
const pathOf = (url: string) => new URL(url).pathname;
/** A report's findings one per page: a finding on several pages is one warning with `pages`. */
const perPage = <W extends Warning>(list: readonly W[]): W[] =>
  list.flatMap((w) => (w.pages ?? [w.url]).map((url) => ({ ...w, url })));

let site: Served;
beforeAll(async () => {
  site = await serve(noHsts);
});
afterAll(() => site.close());

describe('accept: findings the team accepted are reported apart (local server)', () => {
  it('without accept, HSTS_MISSING holds on every page and no accepted list is reported', async () => {
    const report = await scan(site.url, { paths: PATHS });
    expect(
      perPage(report.warnings)
        .filter((w) => w.code === 'HSTS_MISSING')
        .map((w) => pathOf(w.url)),
    ).toEqual(PATHS);
    expect(report.accepted).toBeUndefined();
  });

  it('an acceptance without paths accepts the code on every page, with its reason', async () => {
    const report = await scan(site.url, {
      paths: PATHS,
      accept: [{ code: 'HSTS_MISSING', reason: 'the CDN sets HSTS' }],
    });
    expect(report.warnings.map((w) => w.code)).not.toContain('HSTS_MISSING');
    expect(perPage(report.accepted!).map((w) => [w.code, pathOf(w.url), w.reason])).toEqual(
      PATHS.map((p) => ['HSTS_MISSING', p, 'the CDN sets HSTS']),
    );
    expect(report.accepted!.every((w) => w.until === undefined && w.severity === 'error')).toBe(true);
  });

  it('runChecks() returns the warnings without the accepted ones', async () => {
    const warnings = await runChecks(site.url, {
      paths: PATHS,
      accept: [{ code: 'HSTS_MISSING', reason: 'the CDN sets HSTS' }],
    });
    expect(warnings).toEqual([]);
  });

  it('an acceptance with paths accepts the code only on the pages its globs match', async () => {
    const report = await scan(site.url, {
      paths: PATHS,
      accept: [
        {
          code: 'HSTS_MISSING',
          paths: ['/legacy/**'],
          reason: 'legacy app, retired in Q1',
          until: '2999-12-31',
        },
      ],
    });
    expect(perPage(report.warnings).map((w) => pathOf(w.url))).toEqual(['/', '/admin']);
    expect(perPage(report.accepted!).map((w) => [pathOf(w.url), w.reason, w.until])).toEqual([
      ['/legacy/a', 'legacy app, retired in Q1', '2999-12-31'],
      ['/legacy/b', 'legacy app, retired in Q1', '2999-12-31'],
    ]);
  });

  it('an acceptance past its until date accepts nothing, and a note says its findings count again', async () => {
    const report = await scan(site.url, {
      paths: ['/'],
      accept: [
        { code: 'CSP_NO_REPORTING', reason: 'unrelated' },
        { code: 'HSTS_MISSING', reason: 'the CDN sets HSTS', until: '2020-01-31' },
      ],
    });
    expect(report.warnings.map((w) => w.code)).toContain('HSTS_MISSING');
    expect(report.accepted).toEqual([]);
    expect(report.notes).toContain(
      'accept.1 (HSTS_MISSING, "the CDN sets HSTS") expired on 2020-01-31: its findings count again',
    );
  });

  it('until is the last day accepted: the finding counts from the next day on (UTC)', async () => {
    const options = {
      paths: ['/'],
      accept: [{ code: 'HSTS_MISSING', reason: 'r', until: '2026-11-30' }],
    };
    const onTheDay = await scanFor(site.url, options, 'esm', '2026-11-30');
    expect(onTheDay.warnings.map((w) => w.code)).not.toContain('HSTS_MISSING');
    expect(onTheDay.accepted).toHaveLength(1);
    const dayAfter = await scanFor(site.url, options, 'esm', '2026-12-01');
    expect(dayAfter.warnings.map((w) => w.code)).toContain('HSTS_MISSING');
    expect(dayAfter.notes).toContain(
      'accept.0 (HSTS_MISSING, "r") expired on 2026-11-30: its findings count again',
    );
  });

  it('pages asked by paths that leave /legacy/ are not accepted by /legacy/**', async () => {
    const report = await scan(site.url, {
      paths: ['/legacy/%2e%2e/admin', '//legacy/a', '/LEGACY/a', '/legacy/ok'],
      accept: [{ code: 'HSTS_MISSING', paths: ['/legacy/**'], reason: 'legacy' }],
    });
    expect(perPage(report.accepted!).map((w) => pathOf(w.url))).toEqual(['/legacy/ok']);
    expect(perPage(report.warnings).filter((w) => w.code === 'HSTS_MISSING')).toHaveLength(3);
  });
});

describe('accept on an in-process app', () => {
  it('accepts under paths by the path the app was asked, whatever its loopback port', async () => {
    const report = await scan(noHsts, {
      paths: ['/', '/legacy/x'],
      accept: [{ code: 'HSTS_MISSING', paths: ['/legacy/*'], reason: 'legacy' }],
    });
    expect(
      perPage(report.warnings)
        .filter((w) => w.code === 'HSTS_MISSING')
        .map((w) => pathOf(w.url)),
    ).toEqual(['/']);
    expect(perPage(report.accepted!).map((w) => pathOf(w.url))).toEqual(['/legacy/x']);
  });
});

describe('paths match the page a router serves, not the text of its URL', () => {
  const finding = (url: string): Warning => ({
    code: 'HSTS_MISSING',
    check: 'hsts',
    severity: 'error',
    message: 'm',
    url,
  });
  const legacy = [{ code: 'HSTS_MISSING', paths: ['/legacy/**'], reason: 'legacy' }];
  const accepts = (url: string, acceptances = legacy) =>
    applyAcceptances([finding(url)], acceptances, '2026-12-05').accepted.length === 1;

  it.each([
    'http://h/legacy/../admin',
    'http://h/legacy/%2e%2e/admin',
    'http://h/legacy/%2E%2E/admin',
    'http://h/legacy/.%2e/admin',
    'http://h/legacy/x%2f..%2f..%2fadmin',
    'http://h/legacy/..;/admin',
    'http://h/legacy/x%5c..%5cadmin',
    'http://h//legacy/a',
    'http://h/legacy//a',
    'http://h/LEGACY/a',
    'http://h/Legacy/a',
    'http://h/legacy%00/a',
  ])('%s is not accepted by /legacy/**', (url) => {
    expect(accepts(url)).toBe(false);
  });

  it.each(['http://h/legacy/a', 'http://h/legacy/a/b?x=1', 'http://h/legacy/', 'http://h/legacy/caf%C3%A9'])(
    '%s is accepted by /legacy/**',
    (url) => {
      expect(accepts(url)).toBe(true);
    },
  );

  it('a negated glob does not accept the excluded page in another case (case-insensitive routers)', () => {
    const notAdmin = [{ code: 'HSTS_MISSING', paths: ['/!(admin)/**'], reason: 'all but admin' }];
    expect(accepts('http://h/public/a', notAdmin)).toBe(true);
    expect(accepts('http://h/admin/a', notAdmin)).toBe(false);
    expect(accepts('http://h/ADMIN/a', notAdmin)).toBe(false);
    expect(accepts('http://h/public/../admin/a', notAdmin)).toBe(false);
  });

  it('a finding already grouped over pages is split: accepted where the globs match, counted elsewhere', () => {
    const grouped = {
      ...finding('http://h/'),
      pages: ['http://h/', 'http://h/legacy/a', 'http://h/legacy/b'],
    };
    const out = applyAcceptances([grouped], legacy, '2026-12-05');
    expect(out.warnings).toEqual([finding('http://h/')]);
    expect(out.accepted).toEqual([
      {
        ...finding('http://h/legacy/a'),
        pages: ['http://h/legacy/a', 'http://h/legacy/b'],
        reason: 'legacy',
      },
    ]);
  });
});
