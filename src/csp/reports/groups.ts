import { blockedOf, type Blocked } from './blocked.js';
import type { ReportFields } from './report.js';

/** The reports of one page origin that one directive blocked from one source. */
export interface ReportGroup {
  pageOrigin: string;
  directive: string;
  blocked: Blocked;
  /** `scheme://host[:port]`, `data:`, `inline`, `eval`, `wasm-eval`, or the unreadable value. */
  source: string;
  reports: number;
  /** Page (without query) → reports; at most `maxPages` of them, `pagesCapped` when more were seen. */
  pages: Map<string, number>;
  pagesCapped: boolean;
  /** Blocked URL without query → reports; at most `maxResources`, `resourcesCapped` past it. */
  resources: Map<string, number>;
  resourcesCapped: boolean;
  /** The longest path prefix every blocked URL of the group shares, kept even past the cap. */
  commonPath: string;
}

export interface GroupLimits {
  /** Distinct groups kept; reports of new groups past it are counted in `uncounted`. Default 5,000. */
  maxGroups?: number;
  /** Distinct pages kept per group. Default 50. */
  maxPages?: number;
  /** Distinct blocked URLs kept per group. Default 64. */
  maxResources?: number;
}

const sharedPrefix = (a: string, b: string) => {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i === a.length ? a : a.slice(0, i);
};

/**
 * Groups CSP reports by page origin, effective directive and blocked source (an origin, a
 * host-less scheme, inline, eval), with the pages and blocked URLs of each, in bounded memory:
 * past each cap a group keeps counting and says that it was capped, and the common path of its
 * URLs stays exact, so a source proposed from a capped group still covers every report.
 *
 * @example
 * const groups = new ReportGroups();
 * groups.add(reportFields(line)!);
 * groups.list()[0]?.reports;
 */
export class ReportGroups {
  /** Page origin → directive → source → group: nested, so that no key is built per report. */
  readonly #groups = new Map<string, Map<string, Map<string, ReportGroup>>>();
  #size = 0;
  readonly #maxGroups: number;
  readonly #maxPages: number;
  readonly #maxResources: number;
  /** Reports that belonged to a group past the cap: counted, not grouped. */
  uncounted = 0;

  constructor(limits: GroupLimits = {}) {
    this.#maxGroups = limits.maxGroups ?? 5000;
    this.#maxPages = limits.maxPages ?? 50;
    this.#maxResources = limits.maxResources ?? 64;
  }

  /** Counts the report; false when it belonged to a new group past the cap (counted in `uncounted`). */
  add(report: ReportFields): boolean {
    const blocked = blockedOf(report.blockedUrl);
    const source =
      blocked.kind === 'url'
        ? blocked.origin
        : blocked.kind === 'inline'
          ? 'inline'
          : blocked.kind === 'eval'
            ? blocked.wasm
              ? 'wasm-eval'
              : 'eval'
            : blocked.value.slice(0, 200);
    let byDirective = this.#groups.get(report.pageOrigin);
    if (!byDirective)
      this.#groups.set(report.pageOrigin, (byDirective = new Map<string, Map<string, ReportGroup>>()));
    let bySource = byDirective.get(report.directive);
    if (!bySource) byDirective.set(report.directive, (bySource = new Map<string, ReportGroup>()));
    let group = bySource.get(source);
    if (!group) {
      if (this.#size >= this.#maxGroups) {
        this.uncounted++;
        return false;
      }
      group = {
        pageOrigin: report.pageOrigin,
        directive: report.directive,
        blocked,
        source,
        reports: 0,
        pages: new Map(),
        pagesCapped: false,
        resources: new Map(),
        resourcesCapped: false,
        commonPath: blocked.kind === 'url' ? blocked.url.pathname : '',
      };
      bySource.set(source, group);
      this.#size++;
    }
    group.reports++;
    const pageCount = group.pages.get(report.page);
    if (pageCount !== undefined) group.pages.set(report.page, pageCount + 1);
    else if (group.pages.size < this.#maxPages) group.pages.set(report.page, 1);
    else group.pagesCapped = true;
    if (blocked.kind === 'url') {
      const count = group.resources.get(blocked.resource);
      if (count !== undefined) group.resources.set(blocked.resource, count + 1);
      else {
        group.commonPath = sharedPrefix(group.commonPath, blocked.url.pathname);
        if (group.resources.size < this.#maxResources) group.resources.set(blocked.resource, 1);
        else group.resourcesCapped = true;
      }
    }
    return true;
  }

  /** The groups, most reports first. */
  list(): ReportGroup[] {
    return this.#all().sort(
      (a, b) =>
        b.reports - a.reports ||
        a.directive.localeCompare(b.directive) ||
        a.source.localeCompare(b.source) ||
        a.pageOrigin.localeCompare(b.pageOrigin),
    );
  }

  /**
   * Whether a cap that shortens a list was reached: the output says so. (Past the cap on blocked
   * URLs, a group's common path still makes its source exact.)
   */
  get capped(): boolean {
    return this.uncounted > 0 || this.#all().some((g) => g.pagesCapped);
  }

  #all(): ReportGroup[] {
    return [...this.#groups.values()].flatMap((byDirective) =>
      [...byDirective.values()].flatMap((bySource) => [...bySource.values()]),
    );
  }
}
