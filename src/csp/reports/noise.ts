import { parseCsp, type CspPolicy } from '../../headers/csp.js';
import { governingSources } from '../../headers/csp-effective.js';
import { urlMatches } from '../../headers/csp-match.js';
import { blockedOf } from './blocked.js';
import type { ReportFields } from './report.js';

/** Why a report was dropped, in the order the rules are tried: a report counts under the first that holds. */
export type NoiseReason = 'extension' | 'injected' | 'outside' | 'allowed' | 'duplicate';

/** Each reason as the summary line prints it after its count. */
export const NOISE_LABELS: Readonly<Record<NoiseReason, string>> = {
  extension: 'browser extensions (chrome-extension:, moz-extension:, safari-web-extension:…)',
  injected: 'injected by the browser or user scripts (sourceFile of an extension, in-app browser bridges)',
  outside: 'from pages outside the site',
  allowed: 'about:/data:/blob: loads the policy already allows',
  duplicate: 'duplicates (the same report again within 10 s)',
};

/** Schemes of extension resources: a page never loads them itself, an extension's own code does. */
const EXTENSION_SCHEMES = new Set([
  'chrome-extension',
  'moz-extension',
  'safari-extension',
  'safari-web-extension',
  'ms-browser-extension',
  'edge-extension',
  'opera-extension',
]);

/**
 * Schemes that mobile and in-app browsers (WebViews, search apps) inject bridges with, and the
 * sourceFile values of user scripts: none of them is the site's code.
 */
const INJECTED_SCHEMES = new Set([
  'webviewprogressproxy',
  'chromenull',
  'chromeinvokeimmediate',
  'mbinit',
  'mxaddon-pkg',
  'gsa',
  'user-script',
  'jar',
]);

/** The loads a policy can allow without naming a host, which browsers and frameworks make on their own. */
const HOSTLESS_NOISE = new Set(['about', 'data', 'blob']);

/** A duplicate is the same report received again this soon: a retry, or both report-uri and report-to. */
export const DUPLICATE_WINDOW_MS = 10_000;
/** Bytes of report text remembered for duplicates; past it the oldest are forgotten (a duplicate may then count twice). */
const REMEMBERED_BYTES = 8 * 1024 * 1024;
const MAX_POLICIES = 64;

const schemeOf = (text: string) => {
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(0, colon).toLowerCase() : '';
};

const OTHER = 0;
const EXTENSION = 1;
const INJECTED = 2;
/**
 * blockedUrl or sourceFile → the kind of its scheme: a million reports name a few thousand
 * values, and a lookup of the value itself (whose hash V8 keeps for blockedOf's cache after it)
 * costs less than cutting, lower-casing and looking up its scheme in two sets every time.
 */
const schemeKinds = new Map<string, number>();
const MAX_CACHED = 10_000;

function schemeKind(value: string): number {
  let kind = schemeKinds.get(value);
  if (kind === undefined) {
    const scheme = schemeOf(value);
    kind = EXTENSION_SCHEMES.has(scheme) ? EXTENSION : INJECTED_SCHEMES.has(scheme) ? INJECTED : OTHER;
    if (schemeKinds.size >= MAX_CACHED) schemeKinds.clear();
    schemeKinds.set(value, kind);
  }
  return kind;
}

export interface NoiseOptions {
  /** The policy that judges the about:/data:/blob: rule; else each report's originalPolicy. */
  policy?: CspPolicy;
  /** The site's origin: reports from other pages are noise. Without it the caller decides at the end. */
  site?: string;
}

/**
 * Decides which CSP reports are noise, one report at a time, in memory bounded whatever the
 * stream's length. The rules (docs/cli.md "Noise"): an extension scheme in blockedUrl; an
 * extension or in-app browser scheme in sourceFile (or an in-app bridge as blockedUrl); a page
 * outside the site; an about:, data: or blob: load that the judging policy already allows (the
 * report came from another policy on the page, or from the browser itself); the same report
 * (every field but receivedAt) received again within 10 s.
 *
 * @example
 * const noise = new NoiseFilter({ site: 'https://shop.example' });
 * noise.classify(reportFields(line)!, line); // 'extension' | … | undefined when the report counts
 */
export class NoiseFilter {
  readonly #policy: CspPolicy | undefined;
  readonly #site: string | undefined;
  readonly #policies = new Map<string, CspPolicy | undefined>();
  /** Report text (without receivedAt) → when it was last received. */
  readonly #seen = new Map<string, number>();
  /** The same entries in the order received, for forgetting the oldest: [text, time] pairs from #head on. */
  #order: (string | number)[] = [];
  #head = 0;
  #seenBytes = 0;

  constructor(options: NoiseOptions = {}) {
    this.#policy = options.policy;
    this.#site = options.site;
  }

  /** Why the report is noise, or undefined when it is one the site must answer. `line` is its JSON text. */
  classify(report: ReportFields, line: string): NoiseReason | undefined {
    const blockedKind = schemeKind(report.blockedUrl);
    if (blockedKind === EXTENSION) return 'extension';
    if (blockedKind === INJECTED || (report.sourceFile !== '' && schemeKind(report.sourceFile) !== OTHER))
      return 'injected';
    if (this.#site !== undefined && report.pageOrigin !== this.#site) return 'outside';
    if (this.#allowed(report)) return 'allowed';
    if (this.#duplicate(report, line)) return 'duplicate';
    return undefined;
  }

  #allowed(report: ReportFields): boolean {
    const blocked = blockedOf(report.blockedUrl);
    if (blocked.kind !== 'url' || !HOSTLESS_NOISE.has(blocked.scheme)) return false;
    const policy = this.#policy ?? this.#parsed(report.originalPolicy);
    if (!policy) return false;
    const governing = governingSources(policy, report.directive);
    if (!governing) return true;
    let self: URL;
    try {
      self = new URL(report.documentUrl);
    } catch {
      return false;
    }
    return urlMatches(governing.sources, blocked.url, self);
  }

  #parsed(text: string): CspPolicy | undefined {
    if (text === '') return undefined;
    if (!this.#policies.has(text)) {
      if (this.#policies.size >= MAX_POLICIES) this.#policies.clear();
      this.#policies.set(text, parseCsp([text], 'header')[0]);
    }
    return this.#policies.get(text);
  }

  #duplicate(report: ReportFields, line: string): boolean {
    const at = report.receivedAt;
    // Without a time a retry cannot be told from another visit: it counts.
    if (Number.isNaN(at)) return false;
    const key = withoutReceivedAt(line);
    const before = this.#seen.get(key);
    this.#seen.set(key, at);
    this.#order.push(key, at);
    this.#seenBytes += key.length;
    this.#forget(at);
    return before !== undefined && Math.abs(at - before) <= DUPLICATE_WINDOW_MS;
  }

  /** Forgets what is past the window, and the oldest past the memory bound (a duplicate may then count twice). */
  #forget(now: number): void {
    const order = this.#order;
    while (this.#head < order.length) {
      const key = order[this.#head] as string;
      const time = order[this.#head + 1] as number;
      if (now - time <= DUPLICATE_WINDOW_MS && this.#seenBytes <= REMEMBERED_BYTES) break;
      // A later sighting of the same report keeps it remembered.
      if (this.#seen.get(key) === time) this.#seen.delete(key);
      this.#seenBytes -= key.length;
      this.#head += 2;
    }
    if (this.#head > 4096 && this.#head * 2 > order.length) {
      this.#order = order.slice(this.#head);
      this.#head = 0;
    }
  }
}

const RECEIVED_AT = '{"receivedAt":"';

/** jsonlSink writes receivedAt first: the rest of the line is the report itself. */
function withoutReceivedAt(line: string): string {
  if (!line.startsWith(RECEIVED_AT)) return line;
  const end = line.indexOf('"', RECEIVED_AT.length);
  if (end === -1) return line;
  return line.slice(line.charCodeAt(end + 1) === 0x2c ? end + 2 : end + 1);
}
