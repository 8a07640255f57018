import { describe, expect, it } from 'vitest';
import { parseCsp } from '../../../src/headers/csp.js';
import { PolicyPreview } from '../../../src/csp/reports/preview.js';
import { reportFields } from '../../../src/csp/reports/report.js';

const site = new URL('https://shop.example/');
const report = (page: string, effectiveDirective: string, blockedUrl: string) =>
  reportFields(
    JSON.stringify({ documentUrl: `https://shop.example${page}?s=1`, effectiveDirective, blockedUrl }),
  )!;

function preview(policy: string, reports: ReturnType<typeof report>[]) {
  const replay = new PolicyPreview(parseCsp([policy], 'header')[0]!, site);
  for (const r of reports) replay.add(r);
  return replay.result();
}

describe('PolicyPreview', () => {
  const reports = [
    report('/', 'script-src-elem', 'https://cdn.example/lib/a.js?v=1'),
    report('/', 'script-src-elem', 'https://cdn.example/lib/a.js?v=2'),
    report('/', 'img-src', 'https://images.example/1.png'),
    report('/cart', 'script-src-elem', 'inline'),
    report('/legacy', 'script-src', 'eval'),
    report('/w', 'script-src', 'wasm-eval'),
  ];

  it('lists the pages that would still have violations, with what each would lose', () => {
    expect(preview("default-src 'self'; script-src 'self' https://cdn.example/lib/", reports)).toEqual({
      blocked: 4,
      allowed: 2,
      morePages: false,
      pages: [
        {
          page: 'https://shop.example/',
          reports: 1,
          losses: [{ directive: 'img-src', blocked: 'https://images.example/1.png', reports: 1 }],
          moreLosses: false,
        },
        {
          page: 'https://shop.example/cart',
          reports: 1,
          losses: [{ directive: 'script-src-elem', blocked: 'inline', reports: 1 }],
          moreLosses: false,
        },
        {
          page: 'https://shop.example/legacy',
          reports: 1,
          losses: [{ directive: 'script-src', blocked: 'eval', reports: 1 }],
          moreLosses: false,
        },
        {
          page: 'https://shop.example/w',
          reports: 1,
          losses: [{ directive: 'script-src', blocked: 'wasm-eval', reports: 1 }],
          moreLosses: false,
        },
      ],
    });
  });

  it("judges inline by 'unsafe-inline' (cancelled by a nonce), eval by 'unsafe-eval', scripts under 'strict-dynamic' as blocked", () => {
    expect(preview("script-src 'unsafe-inline' 'unsafe-eval' https://cdn.example", reports).blocked).toBe(0);
    expect(
      preview(
        "script-src 'unsafe-inline' 'nonce-abcdefabcdefabcdefabcdef' 'wasm-unsafe-eval'",
        reports,
      ).pages.map((p) => p.page),
    ).toEqual(['https://shop.example/', 'https://shop.example/cart', 'https://shop.example/legacy']);
    expect(
      preview(
        "script-src 'nonce-abcdefabcdefabcdefabcdef' 'strict-dynamic' https://cdn.example",
        reports.slice(0, 2),
      ).blocked,
    ).toBe(2);
    // Nothing governs img-src here: an image is allowed.
    expect(preview('script-src *', reports.slice(2, 3)).blocked).toBe(0);
  });
});
