import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** The report-only policy of the generated site's reports. */
export const GENERATED_POLICY =
  "default-src 'self'; script-src 'self' 'nonce-r4nd0mr4nd0mr4nd0mr4nd0m'; img-src 'self' data:; object-src 'none'; base-uri 'none'; report-uri /csp-reports";
export const GENERATED_SITE = 'https://shop.example';

export interface StoredReport {
  receivedAt?: string;
  documentUrl?: string;
  blockedUrl?: string;
  effectiveDirective?: string;
  originalPolicy?: string;
  disposition?: string;
  sourceFile?: string;
  lineNumber?: number;
  sample?: string;
}

/** One line as jsonlSink writes it (receivedAt first), at `at` ms past 2026-01-01. */
export function reportLine(report: StoredReport, at = 0): string {
  return `${JSON.stringify({
    receivedAt: new Date(Date.UTC(2026, 0, 1) + at).toISOString(),
    originalPolicy: GENERATED_POLICY,
    disposition: 'report',
    ...report,
  })}\n`;
}

/**
 * The i-th report of a realistic stream: mostly what the site needs (a CDN's scripts, an image
 * host, an API, inline scripts and an eval page), with every kind of noise mixed in at a few
 * percent each. Deterministic: the same i always gives the same line.
 */
export function generatedReport(i: number): string {
  const at = i * 50;
  const page = `${GENERATED_SITE}/${['', 'cart', 'checkout', `p/${i % 300}`][i % 4]}?session=${i}`;
  switch (i % 20) {
    case 0:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: 'chrome-extension://abcdefghijklmnop/inject.js',
          effectiveDirective: 'script-src-elem',
        },
        at,
      );
    case 1:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: 'inline',
          effectiveDirective: 'script-src-elem',
          sourceFile: 'moz-extension://1234-5678/content.js',
        },
        at,
      );
    case 2:
      return reportLine(
        {
          documentUrl: `https://mirror.example/${i % 7}`,
          blockedUrl: 'https://cdn.example.com/lib/a.js',
          effectiveDirective: 'script-src-elem',
        },
        at,
      );
    case 3:
      return reportLine({ documentUrl: page, blockedUrl: 'data', effectiveDirective: 'img-src' }, at);
    case 4:
    case 5:
    case 6:
    case 7:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: `https://cdn.example.com/lib/${'abc'[i % 3]}.js?v=${i % 5}`,
          effectiveDirective: 'script-src-elem',
          sourceFile: `${GENERATED_SITE}/app.js`,
          lineNumber: 10,
        },
        at,
      );
    case 8:
    case 9:
    case 10:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: `https://images.example/products/${i % 1000}.png`,
          effectiveDirective: 'img-src',
        },
        at,
      );
    case 11:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: `https://api.example/v1/items/${i % 100}`,
          effectiveDirective: 'connect-src',
        },
        at,
      );
    case 12:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: 'inline',
          effectiveDirective: 'script-src-elem',
          sample: 'window.dataLayer = window.dataLayer ||',
          lineNumber: 3,
        },
        at,
      );
    case 13:
    case 14: {
      // 14 is 13 sent again a second later: a duplicate.
      const first = i - (i % 20) + 13;
      return reportLine(
        {
          documentUrl: `${GENERATED_SITE}/legacy?session=${first}`,
          blockedUrl: 'eval',
          effectiveDirective: 'script-src',
          sourceFile: `${GENERATED_SITE}/legacy.js`,
        },
        first * 50 + (i === first ? 0 : 1000),
      );
    }
    case 15:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: 'https://fonts.example/f/inter.woff2',
          effectiveDirective: 'font-src',
        },
        at,
      );
    default:
      return reportLine(
        {
          documentUrl: page,
          blockedUrl: `https://images.example/banners/${i % 50}.jpg`,
          effectiveDirective: 'img-src',
        },
        at,
      );
  }
}

/** Writes `count` generated reports to `file` as a stream (a file of hundreds of megabytes never sits in memory). */
export async function writeReportFile(file: string, count: number, line = generatedReport): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let batch = '';
  for (let i = 0; i < count; i++) {
    batch += line(i);
    if (batch.length > 1 << 20 || i === count - 1) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}
