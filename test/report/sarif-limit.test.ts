import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { defaultChecks } from '../../src/checks/index.js';
import { formatSarif, MAX_SARIF_RESULTS } from '../../src/report/sarif.js';
import type { Report, Severity, Warning } from '../../src/core/types.js';

// GitHub code scanning refuses a run of more than 25,000 results: a merge of a hundred sites,
// one result per finding and page, made a file it would refuse whole (and gigabytes to write).

const report = (warnings: Warning[]): Report => ({
  version: 1,
  target: '100 sites',
  targetKind: 'url',
  warnings,
  checks: [],
  assumptions: [],
  durationMs: 1,
});
const finding = (i: number, pages: number, severity: Severity = 'warning'): Warning => {
  const url = `https://site-${i}.example/`;
  return {
    code: 'HSTS_MISSING',
    check: 'hsts',
    severity,
    message: 'no HSTS',
    url,
    ...(pages > 1 ? { pages: Array.from({ length: pages }, (_, p) => (p === 0 ? url : `${url}p${p}`)) } : {}),
  };
};
type Sarif = {
  runs: {
    results: { level: string; message: { text: string }; properties: { url: string; pages?: string[] } }[];
    invocations: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  }[];
};
const render = (warnings: Warning[]) =>
  JSON.parse(formatSarif(report(warnings), { checks: defaultChecks, toolVersion: '1.0.0' })) as Sarif;

describe('SARIF within GitHub’s limit of results per run', () => {
  it('one result per page while they fit', () => {
    const sarif = render(Array.from({ length: 100 }, (_, i) => finding(i, 20)));
    expect(sarif.runs[0]!.results).toHaveLength(2_000);
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([]);
  });

  it('one result per finding, its pages in the properties, when one per page would not fit; and says so', () => {
    const sarif = render(Array.from({ length: 1_500 }, (_, i) => finding(i, 20)));
    const { results, invocations } = sarif.runs[0]!;
    expect(results).toHaveLength(1_500);
    expect(results[0]!.properties.pages).toHaveLength(20);
    expect(results[0]!.message.text).toContain('(https://site-0.example/ and 19 more pages)');
    expect(invocations[0]!.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: "1,500 findings on 30,000 pages are more results than GitHub code scanning takes in one run (25,000): one result per finding, its pages in the result's properties",
        },
      },
    ]);
    const require = createRequire(import.meta.url);
    const Ajv = require('ajv-draft-04');
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    require('ajv-formats')(ajv);
    const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('the most severe findings when even one per finding would not fit', () => {
    const warnings = Array.from({ length: MAX_SARIF_RESULTS + 10 }, (_, i) =>
      finding(i, 1, i % 2 ? 'info' : 'error'),
    );
    const { results, invocations } = render(warnings).runs[0]!;
    expect(results).toHaveLength(MAX_SARIF_RESULTS);
    expect(results.filter((r) => r.level === 'error')).toHaveLength((MAX_SARIF_RESULTS + 10) / 2);
    expect(invocations[0]!.toolExecutionNotifications[0]!.message.text).toMatch(
      /^25,010 findings on 25,010 pages .*: one result per finding, the 25,000 most severe; the JSON report has them all$/,
    );
  });
});
