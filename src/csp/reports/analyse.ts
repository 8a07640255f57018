import type { CspPolicy } from '../../headers/csp.js';
import { ReportGroups, type GroupLimits, type ReportGroup } from './groups.js';
import { readLines } from './lines.js';
import { NoiseFilter, type NoiseReason } from './noise.js';
import { PolicyKeys } from './policy-keys.js';
import { reportFields } from './report.js';

export interface AnalyseOptions {
  /** The site's origin; else the most common page origin of the reports. */
  site?: string;
  /** The current policy; else each report's originalPolicy judges the about:/data:/blob: rule. */
  policy?: CspPolicy;
  limits?: GroupLimits;
}

export interface Analysis {
  /** JSON objects read. */
  reports: number;
  /** Lines that were not a JSON object, or longer than any report. */
  skipped: number;
  /** Dropped as noise, by reason. */
  dropped: Record<NoiseReason, number>;
  /** The reports that remain. */
  kept: number;
  /** '' when no report came from a page with an origin. */
  site: string;
  siteFrom: 'given' | 'most common page origin';
  /**
   * The most common originalPolicy of the site's remaining reports, nonces aside ('' when none
   * carries one): its text is the first report's, with that request's nonce.
   */
  commonPolicy: string;
  /** The site's groups, most reports first. */
  groups: ReportGroup[];
  /** Whether a bound on groups, pages, origins or policies was reached: some lists are partial. */
  capped: boolean;
}

const MAX_ORIGINS = 1000;
const MAX_POLICIES = 64;
/** Where reports of pages past the origin bound are counted: never the site. */
const OTHER_ORIGINS = '\0other';

interface OriginTally {
  reports: number;
  allowed: number;
  duplicate: number;
  uncounted: number;
  /** Policy with its nonces blanked (each request has its own) → reports, and the first text seen. */
  policies: Map<string, { reports: number; text: string }>;
}


/**
 * One streaming pass over a jsonlSink file: each line parsed once, noise dropped by
 * NoiseFilter's rules, the rest grouped per page origin; at the end the site (given, or the
 * origin most reports came from) keeps its groups and every other origin's reports count as
 * "outside the site". Memory is bounded by the caps of each structure, not by the file.
 *
 * @example
 * const analysis = await analyseReports('/var/log/csp.jsonl', { site: 'https://shop.example' });
 * analysis.dropped.extension;
 */
export async function analyseReports(file: string, options: AnalyseOptions = {}): Promise<Analysis> {
  const noise = new NoiseFilter({ policy: options.policy, site: options.site });
  const groups = new ReportGroups(options.limits);
  const dropped: Record<NoiseReason, number> = {
    extension: 0,
    injected: 0,
    outside: 0,
    allowed: 0,
    duplicate: 0,
  };
  const origins = new Map<string, OriginTally>();
  let reports = 0;
  let skipped = 0;
  // A nonce-based policy differs on every request by its nonce alone: counted as one policy.
  const policyKeys = new PolicyKeys();
  let capped = false;
  const counts = await readLines(file, (line) => {
    const report = reportFields(line);
    if (!report) {
      skipped++;
      return;
    }
    reports++;
    const reason = noise.classify(report, line);
    if (reason === 'extension' || reason === 'injected' || reason === 'outside') {
      dropped[reason]++;
      return;
    }
    let originKey = report.pageOrigin === '' ? OTHER_ORIGINS : report.pageOrigin;
    let tally = origins.get(originKey);
    if (!tally) {
      if (origins.size >= MAX_ORIGINS) {
        capped = true;
        originKey = OTHER_ORIGINS;
        tally = origins.get(originKey);
      }
      if (!tally) {
        tally = { reports: 0, allowed: 0, duplicate: 0, uncounted: 0, policies: new Map() };
        origins.set(originKey, tally);
      }
    }
    tally.reports++;
    if (reason) {
      tally[reason]++;
      return;
    }
    if (report.originalPolicy !== '') {
      const key = policyKeys.of(report.originalPolicy);
      const seen = tally.policies.get(key);
      if (seen) seen.reports++;
      else if (tally.policies.size < MAX_POLICIES)
        tally.policies.set(key, { reports: 1, text: report.originalPolicy });
      else capped = true;
    }
    if (originKey === OTHER_ORIGINS) tally.uncounted++;
    else if (!groups.add(report)) tally.uncounted++;
  });
  skipped += counts.tooLong;

  let site = options.site;
  if (site === undefined) {
    let most = 0;
    for (const [origin, tally] of origins)
      if (origin !== OTHER_ORIGINS && tally.reports > most) [site, most] = [origin, tally.reports];
  }
  site ??= '';
  let kept = 0;
  let commonPolicy = '';
  for (const [origin, tally] of origins) {
    if (origin !== site) {
      dropped.outside += tally.reports;
      continue;
    }
    dropped.allowed += tally.allowed;
    dropped.duplicate += tally.duplicate;
    kept = tally.reports - tally.allowed - tally.duplicate;
    if (tally.uncounted > 0) capped = true;
    let most = 0;
    for (const { reports: n, text } of tally.policies.values())
      if (n > most) [commonPolicy, most] = [text, n];
  }
  const siteGroups = groups.list().filter((g) => g.pageOrigin === site);
  return {
    reports,
    skipped,
    dropped,
    kept,
    site,
    siteFrom: options.site === undefined ? 'most common page origin' : 'given',
    commonPolicy,
    groups: siteGroups,
    capped: capped || groups.capped,
  };
}
