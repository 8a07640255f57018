import { describe, expect, it } from 'vitest';
import { parseCsp } from '../../../src/headers/csp.js';
import { NoiseFilter } from '../../../src/csp/reports/noise.js';
import { reportFields } from '../../../src/csp/reports/report.js';

const site = 'https://shop.example';
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const line = (fields: Record<string, unknown>, seconds = 0) =>
  JSON.stringify({
    receivedAt: at(seconds),
    documentUrl: `${site}/cart`,
    effectiveDirective: 'script-src-elem',
    originalPolicy: "default-src 'self'; img-src 'self' data:",
    ...fields,
  });
const classify = (noise: NoiseFilter, text: string) => noise.classify(reportFields(text)!, text);

describe('NoiseFilter', () => {
  it('drops extension resources by their scheme', () => {
    const noise = new NoiseFilter();
    for (const blockedUrl of [
      'chrome-extension://abc/x.js',
      'moz-extension://1-2/y.js',
      'safari-web-extension://z/a.css',
      'safari-extension://q/a.js',
    ])
      expect(classify(noise, line({ blockedUrl })), blockedUrl).toBe('extension');
  });

  it("drops what an extension's or an in-app browser's code did on the page", () => {
    const noise = new NoiseFilter();
    expect(classify(noise, line({ blockedUrl: 'inline', sourceFile: 'moz-extension://1-2/c.js' }))).toBe(
      'injected',
    );
    expect(classify(noise, line({ blockedUrl: 'eval', sourceFile: 'chrome-extension://abc/c.js' }))).toBe(
      'injected',
    );
    expect(classify(noise, line({ blockedUrl: 'webviewprogressproxy://x' }))).toBe('injected');
    expect(
      classify(noise, line({ blockedUrl: 'https://cdn.example/a.js', sourceFile: `${site}/app.js` })),
    ).toBe(undefined);
  });

  it('drops pages outside the given site', () => {
    const noise = new NoiseFilter({ site });
    expect(classify(noise, line({ documentUrl: 'https://mirror.example/cart', blockedUrl: 'inline' }))).toBe(
      'outside',
    );
    expect(classify(noise, line({ documentUrl: 'garbage', blockedUrl: 'inline' }))).toBe('outside');
    expect(classify(noise, line({ blockedUrl: 'inline' }))).toBe(undefined);
  });

  it('drops about:, data: and blob: loads that the judging policy allows, and only those', () => {
    const own = new NoiseFilter();
    // The report's own policy allows data: images: the browser did not block it under that policy.
    expect(classify(own, line({ effectiveDirective: 'img-src', blockedUrl: 'data' }))).toBe('allowed');
    expect(
      classify(own, line({ effectiveDirective: 'img-src', blockedUrl: 'data:image/png;base64,AA' })),
    ).toBe('allowed');
    expect(classify(own, line({ effectiveDirective: 'font-src', blockedUrl: 'data' }))).toBe(undefined);
    expect(
      classify(own, line({ effectiveDirective: 'img-src', blockedUrl: 'https://x.example/a.png' })),
    ).toBe(undefined);
    const given = new NoiseFilter({ policy: parseCsp(["default-src 'self'; font-src data:"], 'header')[0] });
    expect(classify(given, line({ effectiveDirective: 'font-src', blockedUrl: 'data' }))).toBe('allowed');
    expect(classify(given, line({ effectiveDirective: 'img-src', blockedUrl: 'data' }))).toBe(undefined);
  });

  it('drops the same report received again within 10 s, and counts it again after', () => {
    const noise = new NoiseFilter();
    const report = { blockedUrl: 'https://cdn.example/a.js', lineNumber: 4 };
    expect(classify(noise, line(report, 0))).toBe(undefined);
    expect(classify(noise, line(report, 3))).toBe('duplicate');
    expect(classify(noise, line({ ...report, lineNumber: 5 }, 4))).toBe(undefined);
    expect(classify(noise, line(report, 30))).toBe(undefined);
    // Without a time, a retry cannot be told from another visit.
    const timeless = JSON.stringify({ documentUrl: `${site}/`, blockedUrl: 'inline' });
    expect(classify(noise, timeless)).toBe(undefined);
    expect(classify(noise, timeless)).toBe(undefined);
  });
});
