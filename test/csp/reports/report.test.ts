import { describe, expect, it } from 'vitest';
import { reportFields } from '../../../src/csp/reports/report.js';

describe('reportFields', () => {
  it('reads the fields the analysis needs, and nothing that is not a JSON object', () => {
    const json = {
      receivedAt: '2026-03-04T05:06:07.089Z',
      documentUrl: 'https://shop.example/cart?id=1#top',
      blockedUrl: 'inline',
      effectiveDirective: 'Script-Src-Elem',
      originalPolicy: "script-src 'self'",
      sourceFile: 'https://shop.example/app.js',
      lineNumber: 3,
    };
    expect(reportFields(JSON.stringify(json))).toEqual({
      receivedAt: Date.UTC(2026, 2, 4, 5, 6, 7, 89),
      documentUrl: 'https://shop.example/cart?id=1#top',
      page: 'https://shop.example/cart',
      pageOrigin: 'https://shop.example',
      blockedUrl: 'inline',
      directive: 'script-src-elem',
      originalPolicy: "script-src 'self'",
      sourceFile: 'https://shop.example/app.js',
    });
    for (const line of ['[1]', 'null', '"x"', '{"torn'] as const)
      expect(reportFields(line), line).toBeUndefined();
    expect(reportFields('{"effectiveDirective":"x;y","documentUrl":"nope"}')).toMatchObject({
      directive: '(unknown)',
      page: 'nope',
      pageOrigin: '',
      receivedAt: NaN,
    });
  });

  it('reads every time right, within a minute already seen and across minutes, days and years', () => {
    const times = [
      '2026-12-31T23:59:59.999Z',
      '2026-12-31T23:59:00.000Z',
      '2027-01-01T00:00:00.001Z',
      '2027-01-01T00:00:59.500Z',
      '2027-01-01T00:01:00.000Z',
      '2027-01-01T00:01:0x.000Z',
      '1969-12-31T23:59:30.250Z',
      '1969-12-31T23:59:31.250Z',
      '2027-01-01T00:01:30+01:00',
    ];
    for (const receivedAt of times)
      expect(reportFields(JSON.stringify({ receivedAt }))!.receivedAt, receivedAt).toEqual(
        Date.parse(receivedAt),
      );
  });
});
