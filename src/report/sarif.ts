import { createHash } from 'node:crypto';
import type { Check, Report, Severity, Warning } from '../core/types.js';
import { inertJson } from './escape.js';
import { renderFix } from './render-fix.js';
import { sarifFindings } from './sarif-findings.js';
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

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one rule per code
 * with short and full descriptions, help and `security-severity`, one result per warning and
 * page: a finding on many pages is one result per page, as before findings were grouped.
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
  const results = sarifFindings(all).map(({ warning: w, evidence }) => ({
    ruleId: w.code,
    ...(index.has(w.code) ? { ruleIndex: index.get(w.code) } : {}),
    level: LEVEL[w.severity],
    message: {
      text: `${w.message} (${w.url})${evidence ? `\nSeen: ${evidence}` : ''}${w.fix ? `\nFix: ${w.fix.middleware}` : ''}`,
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
    properties: { url: w.url, check: w.check },
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
