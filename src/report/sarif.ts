import { createHash } from 'node:crypto';
import type { Check, Report, Severity, Warning } from '../core/types.js';
import { inertJson } from './escape.js';
import { renderFix } from './render-fix.js';
import { sarifFindings, type PageFinding } from './sarif-findings.js';
import { suppression } from './sarif-suppression.js';

/** Where results point: a file in the repository (never the scanned URL, which code scanning cannot show). */
export interface SarifLocation {
  /** Path relative to the repository root, with forward slashes. */
  uri: string;
  line?: number;
}

export interface SarifOptions {
  /** The checks that ran, for the rule descriptions. */
  checks: readonly Check[];
  /** Undefined when no file of the repository fits: results then carry no location. */
  location?: SarifLocation;
  toolVersion: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
/** GitHub code scanning maps 9.0+ critical, 7.0+ high, 4.0+ medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

const pascal = (code: string) =>
  code.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, ch: string) => ch.toUpperCase());

/**
 * Stable across runs and ports, distinct between findings: the check, the code, the URL path and
 * the message with every origin in it left out (two CSP_BROAD_SOURCE findings, for script-src
 * and object-src on one page, are two alerts; the same finding on another port is the same).
 */
export function fingerprint(w: Warning): string {
  let path = w.url;
  try {
    const url = new URL(w.url);
    path = url.pathname + url.search;
  } catch {
    // keep the raw value
  }
  const message = w.message.replace(/\bhttps?:\/\/[^/\s'"]+/gi, '');
  return createHash('sha256').update(`${w.check}\0${w.code}\0${path}\0${message}`).digest('hex').slice(0, 32);
}

/** GitHub code scanning rejects a run of more results than this (its documented hard limit). */
export const MAX_SARIF_RESULTS = 25_000;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The results a run can hold: one per finding and page while they fit GitHub's limit, else one
 * per finding (its pages in the result's properties), else the most severe findings that fit,
 * with what the run says about it. A merge of a hundred sites holds hundreds of thousands of
 * page results: a file GitHub refuses whole, and gigabytes to write.
 */
function withinResultLimit(all: readonly Warning[]): { findings: PageFinding[]; said?: string } {
  let pageResults = 0;
  for (const w of all) pageResults += w.pages?.length ?? 1;
  if (pageResults <= MAX_SARIF_RESULTS) return { findings: sarifFindings(all) };
  const shown = `${all.length.toLocaleString('en')} findings on ${pageResults.toLocaleString('en')} pages are more results than GitHub code scanning takes in one run (${MAX_SARIF_RESULTS.toLocaleString('en')})`;
  const byFinding = (list: readonly Warning[]) =>
    list.map((warning) => ({
      warning,
      ...(warning.evidence !== undefined ? { evidence: warning.evidence } : {}),
    }));
  if (all.length <= MAX_SARIF_RESULTS)
    return {
      findings: byFinding(all),
      said: `${shown}: one result per finding, its pages in the result's properties`,
    };
  const kept = [...all]
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    .slice(0, MAX_SARIF_RESULTS);
  return {
    findings: byFinding(kept),
    said: `${shown}: one result per finding, the ${MAX_SARIF_RESULTS.toLocaleString('en')} most severe; the JSON report has them all`,
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one rule per code
 * with short and full descriptions, help and `security-severity`, one result per warning and
 * page: a finding on many pages is one result per page, as before findings were grouped, while
 * the run holds no more than GitHub takes (withinResultLimit).
 *
 * @example
 * await writeFile('checksecure.sarif', formatSarif(report, { checks: defaultChecks, location: { uri: 'src/app.ts' }, toolVersion: '1.0.0' }));
 */
export function formatSarif(report: Report, options: SarifOptions): string {
  const rules = options.checks.flatMap((check) =>
    Object.entries(check.messages).map(([code, spec]) => {
      const fix = spec.fix && renderFix(spec.fix);
      const help = [spec.explanation ?? spec.message, fix ? `Fix: ${fix.middleware}\n\n${fix.snippet}` : '']
        .filter(Boolean)
        .join('\n\n');
      const markdown = [
        spec.explanation ?? spec.message,
        fix ? `**Fix:** \`${fix.middleware}\`\n\n\`\`\`ts\n${fix.snippet}\n\`\`\`` : '',
      ]
        .filter(Boolean)
        .join('\n\n');
      return {
        id: code,
        name: pascal(code),
        shortDescription: { text: spec.message },
        fullDescription: { text: spec.explanation ?? spec.message },
        help: { text: help, markdown },
        defaultConfiguration: { level: LEVEL[spec.severity] },
        properties: {
          'security-severity': SECURITY_SEVERITY[spec.severity],
          tags: ['security', 'http', check.name],
          precision: 'high',
        },
      };
    }),
  );
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  // Accepted findings too, as suppressed results: code scanning shows them as dismissed, with why.
  const all = [...report.warnings, ...(report.accepted ?? [])];
  const { findings, said } = withinResultLimit(all);
  const results = findings.map(({ warning: w, evidence }) => ({
    ruleId: w.code,
    ...(index.has(w.code) ? { ruleIndex: index.get(w.code) } : {}),
    level: LEVEL[w.severity],
    message: {
      text: `${w.message} (${w.url}${w.pages && w.pages.length > 1 ? ` and ${w.pages.length - 1} more ${w.pages.length === 2 ? 'page' : 'pages'}` : ''})${evidence ? `\nSeen: ${evidence}` : ''}${w.fix ? `\nFix: ${w.fix.middleware}` : ''}`,
    },
    locations: options.location
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: options.location.uri, uriBaseId: '%SRCROOT%' },
              region: { startLine: options.location.line ?? 1 },
            },
          },
        ]
      : [],
    partialFingerprints: { 'checksecure/v1': fingerprint(w) },
    properties: { url: w.url, check: w.check, ...(w.pages && w.pages.length > 1 ? { pages: w.pages } : {}) },
    ...suppression(w),
  }));
  // A check that could not run, or a page that could not be read, judged nothing: SARIF says so
  // in the run's invocation (code scanning shows it on the tool's status), not as a result.
  const errored = report.checks.filter((c) => c.status === 'errored');
  const unscanned = report.unscanned ?? [];
  const invocations = [
    {
      executionSuccessful: errored.length === 0 && unscanned.length === 0,
      toolExecutionNotifications: [
        ...errored.map((c) => ({
          level: 'error',
          message: { text: `the ${c.name} check could not run: ${c.reason ?? 'no reason given'}` },
          descriptor: { id: c.name },
        })),
        ...unscanned.map((page) => ({
          level: 'error',
          message: { text: `GET ${page.url} was not scanned: ${page.reason}` },
        })),
        // What the scan says of itself (a crawl cut at its limit, links it could not judge): a
        // reader of SARIF alone would not know the scan judged less than the site.
        ...(report.notes ?? []).map((note) => ({ level: 'note', message: { text: note } })),
        ...(said ? [{ level: 'warning', message: { text: said } }] : []),
      ],
    },
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'checksecure',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: 'https://www.npmjs.com/package/checksecure',
            rules,
          },
        },
        invocations,
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        results,
        properties: { target: report.target },
      },
    ],
  };
  return `${inertJson(JSON.stringify(sarif, null, 2))}\n`;
}
