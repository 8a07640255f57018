import type { CspPolicy } from '../../headers/csp.js';
import { allowsInline, governingSources, isStrictDynamic } from '../../headers/csp-effective.js';
import { urlMatches } from '../../headers/csp-match.js';
import { blockedOf } from './blocked.js';
import type { ReportFields } from './report.js';

/** What one page would lose under the previewed policy. */
export interface PageLoss {
  page: string;
  reports: number;
  /** Directive and what it would block (a URL without query, 'inline', 'eval'), with reports; at most 20. */
  losses: { directive: string; blocked: string; reports: number }[];
  moreLosses: boolean;
}

export interface PreviewResult {
  /** Reports the policy would still block. */
  blocked: number;
  /** Reports it would allow. */
  allowed: number;
  /** Pages with something blocked, most reports first. */
  pages: PageLoss[];
  /** More pages broke than are listed. */
  morePages: boolean;
}

const MAX_PAGES = 1000;
const MAX_LOSSES = 20;

/**
 * Replays CSP reports against a policy: "if this policy were enforced, which pages would break
 * and what would they lose". A URL is judged by the source list that governs its directive
 * (urlMatches; a script under 'strict-dynamic' needs a nonce the report cannot show, so it stays
 * blocked), inline code by whether the list allows all inline code (a report never carries the
 * element's nonce, and its 40-character sample cannot be hashed), eval by 'unsafe-eval'
 * ('wasm-unsafe-eval' for WebAssembly). Memory is bounded: 1,000 pages with 20 losses each.
 *
 * @example
 * const preview = new PolicyPreview(policy, new URL('https://shop.example/'));
 * preview.add(reportFields(line)!);
 * preview.result().pages[0]?.losses;
 */
export class PolicyPreview {
  readonly #policy: CspPolicy;
  readonly #site: URL;
  readonly #pages = new Map<string, { reports: number; losses: Map<string, number>; more: boolean }>();
  #blocked = 0;
  #allowed = 0;
  #morePages = false;

  constructor(policy: CspPolicy, site: URL) {
    this.#policy = policy;
    this.#site = site;
  }

  /** Whether the policy would allow what the report shows blocked. */
  allows(report: ReportFields): boolean {
    const governing = governingSources(this.#policy, report.directive);
    if (!governing) return true;
    const list = governing.sources;
    const blocked = blockedOf(report.blockedUrl);
    switch (blocked.kind) {
      case 'inline':
        return allowsInline(
          list.map((s) => s.toLowerCase()),
          !report.directive.startsWith('style'),
        );
      case 'eval': {
        const lower = list.map((s) => s.toLowerCase());
        return lower.includes("'unsafe-eval'") || (blocked.wasm && lower.includes("'wasm-unsafe-eval'"));
      }
      case 'other':
        return false;
      case 'url':
        if (report.directive.startsWith('script-src') && isStrictDynamic(list)) return false;
        return urlMatches(list, blocked.url, this.#site);
    }
  }

  add(report: ReportFields): void {
    if (this.allows(report)) {
      this.#allowed++;
      return;
    }
    this.#blocked++;
    let page = this.#pages.get(report.page);
    if (!page) {
      if (this.#pages.size >= MAX_PAGES) {
        this.#morePages = true;
        return;
      }
      this.#pages.set(report.page, (page = { reports: 0, losses: new Map(), more: false }));
    }
    page.reports++;
    const blocked = blockedOf(report.blockedUrl);
    const what =
      blocked.kind === 'url'
        ? blocked.resource
        : blocked.kind === 'other'
          ? blocked.value.slice(0, 200)
          : blocked.kind === 'eval' && blocked.wasm
            ? 'wasm-eval'
            : blocked.kind;
    const key = `${report.directive}\0${what}`;
    const count = page.losses.get(key);
    if (count !== undefined) page.losses.set(key, count + 1);
    else if (page.losses.size < MAX_LOSSES) page.losses.set(key, 1);
    else page.more = true;
  }

  result(): PreviewResult {
    const pages = [...this.#pages]
      .map(([page, { reports, losses, more }]) => ({
        page,
        reports,
        losses: [...losses]
          .map(([key, n]) => {
            const [directive = '', blocked = ''] = key.split('\0');
            return { directive, blocked, reports: n };
          })
          .sort((a, b) => b.reports - a.reports || a.blocked.localeCompare(b.blocked)),
        moreLosses: more,
      }))
      .sort((a, b) => b.reports - a.reports || a.page.localeCompare(b.page));
    return { blocked: this.#blocked, allowed: this.#allowed, pages, morePages: this.#morePages };
  }
}
