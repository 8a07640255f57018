import { describe, expect, it } from 'vitest';
import { compareWithBaseline, type BaselineReport } from '../../src/report/baseline.js';
import type { AcceptedWarning, Report, Warning } from '../../src/core/types.js';

const BASE = 'https://base.example';
const HEAD = 'https://head.example';

const warning = (url: string, code: string, pages?: string[]): Warning => ({
  code,
  check: code === 'HSTS_MISSING' ? 'hsts' : 'infoLeak',
  severity: 'error',
  message: `${code} seen`,
  url,
  ...(pages ? { pages } : {}),
});

const accepted = (w: Warning): AcceptedWarning => ({ ...w, reason: 'set by the CDN' });

const earlier = (warnings: Warning[], paths = ['/', '/b']): BaselineReport => ({
  version: 1,
  target: `${BASE}/`,
  warnings,
  pages: paths.map((p) => ({ url: `${BASE}${p}`, via: 'start' })),
});

const scanned = (extra: Partial<Report>, paths = ['/', '/b']): Report => ({
  version: 1,
  target: `${HEAD}/`,
  targetKind: 'url',
  warnings: [],
  checks: [],
  assumptions: [],
  pages: paths.map((p) => ({ url: `${HEAD}${p}`, via: 'start' })),
  durationMs: 1,
  ...extra,
});

describe('compareWithBaseline: a finding accepted since the baseline', () => {
  it('is not fixed, nor new: it is still there, in accepted', () => {
    const hsts = warning(`${HEAD}/`, 'HSTS_MISSING', [`${HEAD}/`, `${HEAD}/b`]);
    const compared = compareWithBaseline(
      scanned({ accepted: [accepted(hsts)] }),
      earlier([warning(`${BASE}/`, 'HSTS_MISSING', [`${BASE}/`, `${BASE}/b`])]),
    );
    expect(compared.baseline!.fixed).toEqual([]);
    expect(compared.warnings).toEqual([]);
    expect(compared.accepted).toEqual([accepted(hsts)]);
  });

  it('accepted on some pages and gone from another: only the page it left is fixed', () => {
    const compared = compareWithBaseline(
      scanned({ accepted: [accepted(warning(`${HEAD}/b`, 'HSTS_MISSING'))] }),
      earlier([warning(`${BASE}/`, 'HSTS_MISSING', [`${BASE}/`, `${BASE}/b`])]),
    );
    expect(compared.baseline!.fixed.map((w) => [w.code, w.url, w.pages])).toEqual([
      ['HSTS_MISSING', `${BASE}/`, undefined],
    ]);
  });
});

describe('compareWithBaseline: which pages a report judged', () => {
  const base = earlier([
    warning(`${BASE}/`, 'HSTS_MISSING', [`${BASE}/`, `${BASE}/b`]),
    warning(`${BASE}/b`, 'POWERED_BY_EXPOSED'),
  ]);

  it('a run that judged no page (pages: []) fixed nothing', () => {
    const compared = compareWithBaseline(scanned({}, []), base);
    expect(compared.baseline!.fixed).toEqual([]);
    expect(compared.warnings).toEqual([]);
  });

  it('a baseline that judged no page (pages: []) compares nothing: every finding is not-compared', () => {
    const compared = compareWithBaseline(scanned({ warnings: [warning(`${HEAD}/`, 'HSTS_MISSING')] }), {
      ...base,
      warnings: [],
      pages: [],
    });
    expect(compared.warnings.map((w) => w.baseline)).toEqual(['not-compared']);
    expect(compared.baseline!.fixed).toEqual([]);
  });

  it('a baseline without pages (written before reports listed them) is taken to have judged every page', () => {
    const { pages: _pages, ...old } = base;
    const compared = compareWithBaseline(
      scanned({ warnings: [warning(`${HEAD}/`, 'HSTS_MISSING', [`${HEAD}/`, `${HEAD}/c`])] }),
      old,
    );
    expect(compared.warnings.map((w) => w.baseline)).toEqual(['new']);
    expect(compared.baseline!.fixed.map((w) => [w.code, w.url, w.pages])).toEqual([
      ['HSTS_MISSING', `${BASE}/b`, undefined],
      ['POWERED_BY_EXPOSED', `${BASE}/b`, undefined],
    ]);
  });
});

describe('compareWithBaseline: a start path that redirected', () => {
  it('was judged under the URL requested too: its probes’ findings there are compared, a new one is new', () => {
    // /old redirects to /new: the page judged is /new, the plain-HTTP probe's finding is /old's.
    const pages = (origin: string) => [
      { url: `${origin}/new`, via: 'start' as const, requested: `${origin}/old` },
    ];
    const probe = (origin: string) => ({
      ...warning(`${origin}/old`, 'HTTPS_REDIRECT_MISSING'),
      check: 'httpsRedirect',
    });
    const base: BaselineReport = { ...earlier([]), pages: pages(BASE) };
    const now = compareWithBaseline(scanned({ warnings: [probe(HEAD)], pages: pages(HEAD) }), base);
    expect(now.warnings.map((w) => w.baseline)).toEqual(['new']);
    // And gone from it since the baseline: fixed.
    const fixed = compareWithBaseline(scanned({ pages: pages(HEAD) }), { ...base, warnings: [probe(BASE)] });
    expect(fixed.baseline?.fixed.map((w) => w.code)).toEqual(['HTTPS_REDIRECT_MISSING']);
  });
});
