import { describe, expect, it } from 'vitest';
import { ReportGroups } from '../../../src/csp/reports/groups.js';
import { reportFields } from '../../../src/csp/reports/report.js';

const report = (documentUrl: string, effectiveDirective: string, blockedUrl: string) =>
  reportFields(JSON.stringify({ documentUrl, effectiveDirective, blockedUrl }))!;

describe('ReportGroups', () => {
  it('groups by page origin, directive and blocked source, with pages (no query) and blocked URLs', () => {
    const groups = new ReportGroups();
    groups.add(report('https://shop.example/a?x=1', 'script-src-elem', 'https://cdn.example/lib/a.js?v=1'));
    groups.add(report('https://shop.example/a?x=2', 'script-src-elem', 'https://cdn.example/lib/b.js'));
    groups.add(report('https://shop.example/b', 'script-src-elem', 'https://cdn.example/lib/a.js'));
    groups.add(report('https://shop.example/b', 'script-src-elem', 'inline'));
    groups.add(report('https://shop.example/b', 'script-src', 'eval'));
    groups.add(report('https://other.example/', 'script-src-elem', 'inline'));
    const [cdn, ...rest] = groups.list();
    expect(cdn).toMatchObject({
      pageOrigin: 'https://shop.example',
      directive: 'script-src-elem',
      source: 'https://cdn.example',
      reports: 3,
      pages: new Map([
        ['https://shop.example/a', 2],
        ['https://shop.example/b', 1],
      ]),
      resources: new Map([
        ['https://cdn.example/lib/a.js', 2],
        ['https://cdn.example/lib/b.js', 1],
      ]),
      commonPath: '/lib/',
    });
    expect(rest.map((g) => [g.pageOrigin, g.directive, g.source])).toEqual([
      ['https://shop.example', 'script-src', 'eval'],
      ['https://other.example', 'script-src-elem', 'inline'],
      ['https://shop.example', 'script-src-elem', 'inline'],
    ]);
    expect(groups.capped).toBe(false);
  });

  it('keeps counting past its bounds, says so, and keeps the common path of every URL exact', () => {
    const groups = new ReportGroups({ maxGroups: 2, maxPages: 2, maxResources: 2 });
    for (let i = 0; i < 10; i++)
      expect(
        groups.add(report(`https://shop.example/p${i}`, 'img-src', `https://img.example/a/b${i}/x.png`)),
      ).toBe(true);
    groups.add(report('https://shop.example/', 'img-src', 'https://img.example/a/zzz.png'));
    groups.add(report('https://shop.example/', 'font-src', 'https://fonts.example/f.woff2'));
    expect(groups.add(report('https://shop.example/', 'media-src', 'https://media.example/v.mp4'))).toBe(
      false,
    );
    const [img] = groups.list();
    expect(img).toMatchObject({ reports: 11, pagesCapped: true, resourcesCapped: true, commonPath: '/a/' });
    expect(img!.pages.size).toBe(2);
    expect(img!.resources.size).toBe(2);
    expect(groups.uncounted).toBe(1);
    expect(groups.capped).toBe(true);
  });
});
