import type { CspPolicy } from '../../headers/csp.js';
import { governingSources, isStrictDynamic } from '../../headers/csp-effective.js';
import { urlMatches } from '../../headers/csp-match.js';
import { sourcesFor } from '../allow-sources.js';
import type { ReportGroup } from './groups.js';

/** Pages kept per proposed change or app change (the most reports first). */
const MAX_PAGES = 50;

/** Pages and the reports each sent, merged from groups. */
export interface Coverage {
  reports: number;
  /** Page → reports, most first, at most 50. */
  pages: [string, number][];
  /** More pages than listed were seen. */
  morePages: boolean;
}

/** One source to add to one directive of the current policy. */
export interface PolicyChange extends Coverage {
  directive: string;
  source: string;
}

/** What the app must change, since no policy source allows it safely. */
export interface AppChange extends Coverage {
  directive: string;
  /** What was blocked: 'inline', 'eval', 'wasm-eval', a URL or value. */
  blocked: string;
  /** What to do, one sentence. */
  fix: string;
}

export interface Proposal {
  /** The sources to add, most reports first. */
  changes: PolicyChange[];
  /** Directives created by copying default-src (so that adding to them does not widen every other fetch). */
  created: string[];
  /** Inline elements and scripts that need the page's nonce or a hash: never 'unsafe-inline'. */
  needsNonce: AppChange[];
  /** eval, inline event handlers, style attributes, URLs no source can name: never allowed by the proposal. */
  mustChange: AppChange[];
  /** Reports the current policy already allows (they were sent under an older or another policy). */
  alreadyAllowed: number;
  /** The resulting policy's directives, in the current policy's order, new ones last. */
  directives: [string, string[]][];
  /** The resulting policy as header text. */
  policy: string;
}

/** The directive a source is added to when only default-src governs the blocked load. */
const OWN_DIRECTIVE: Readonly<Record<string, string>> = {
  'script-src-elem': 'script-src',
  'script-src-attr': 'script-src',
  'style-src-elem': 'style-src',
  'style-src-attr': 'style-src',
};

/** Directives the CSP checks ask to keep closed: opening them for a report would weaken the policy. */
const KEPT_CLOSED = new Set(['object-src', 'base-uri']);

class PageTally {
  reports = 0;
  readonly pages = new Map<string, number>();
  morePages = false;

  add(group: ReportGroup): void {
    this.reports += group.reports;
    for (const [page, count] of group.pages) this.pages.set(page, (this.pages.get(page) ?? 0) + count);
    this.morePages ||= group.pagesCapped;
  }

  coverage(): Coverage {
    const pages = [...this.pages].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      reports: this.reports,
      pages: pages.slice(0, MAX_PAGES),
      morePages: this.morePages || pages.length > MAX_PAGES,
    };
  }
}

function tallied<T extends object>(map: Map<string, { info: T; tally: PageTally }>): (T & Coverage)[] {
  return [...map.values()]
    .map(({ info, tally }) => ({ ...info, ...tally.coverage() }))
    .sort((a, b) => b.reports - a.reports);
}

const isNone = (list: readonly string[]) => list.length === 1 && list[0]!.toLowerCase() === "'none'";

/**
 * The smallest change to `current` that allows what the site's reports show it needs: for each
 * blocked origin, the narrowest source (sourcesFor: 'self', a host with its path or directory,
 * never a whole scheme) added to the directive that governs the load, or to a new directive
 * copied from default-src so that nothing else is widened. Inline code and scripts under
 * 'strict-dynamic' need a nonce or hash, and eval, inline handlers and style attributes must
 * change in the app: those are listed with their pages, never allowed ('unsafe-inline' and
 * 'unsafe-eval' are never proposed).
 *
 * @example
 * const [policy] = parseCsp(["default-src 'self'"], 'header');
 * proposePolicy(groups.list(), policy!, new URL('https://shop.example/')).policy
 * // "default-src 'self'; img-src 'self' https://images.example"
 */
export function proposePolicy(groups: readonly ReportGroup[], current: CspPolicy, site: URL): Proposal {
  const directives = new Map<string, string[]>([...current.directives].map(([k, v]) => [k, [...v]]));
  const created: string[] = [];
  const changes = new Map<string, { info: { directive: string; source: string }; tally: PageTally }>();
  const needsNonce = new Map<string, { info: Omit<AppChange, keyof Coverage>; tally: PageTally }>();
  const mustChange = new Map<string, { info: Omit<AppChange, keyof Coverage>; tally: PageTally }>();
  let alreadyAllowed = 0;
  const app = (
    into: typeof mustChange,
    directive: string,
    blocked: string,
    fix: string,
    group: ReportGroup,
  ) => {
    const key = `${directive}\0${blocked}`;
    let entry = into.get(key);
    if (!entry) into.set(key, (entry = { info: { directive, blocked, fix }, tally: new PageTally() }));
    entry.tally.add(group);
  };

  for (const group of groups) {
    const governing = governingSources(current, group.directive);
    const { blocked, directive } = group;
    if (blocked.kind === 'inline') {
      if (directive.endsWith('-attr'))
        app(
          mustChange,
          directive,
          'inline',
          directive.startsWith('script')
            ? 'move the inline event handler (onclick=…) or javascript: URL into a nonced script (addEventListener)'
            : 'move the style="…" attribute into a stylesheet or a nonced <style>',
          group,
        );
      else
        app(
          needsNonce,
          directive,
          'inline',
          `give the inline ${directive.startsWith('style') ? '<style>' : '<script>'} the page's nonce (secure() sets res.locals.cspNonce) or add its 'sha256-…' hash`,
          group,
        );
      continue;
    }
    if (blocked.kind === 'eval') {
      app(
        mustChange,
        directive,
        group.source,
        blocked.wasm
          ? "WebAssembly compiled from code: allowing it takes 'wasm-unsafe-eval'; decide it knowingly"
          : 'replace eval(), new Function() or setTimeout("code") with code: allowing them takes \'unsafe-eval\', which lets injected text run',
        group,
      );
      continue;
    }
    if (blocked.kind === 'other') {
      app(mustChange, directive, group.source, 'no source expression names it: change the app', group);
      continue;
    }
    if (!governing) {
      alreadyAllowed += group.reports;
      continue;
    }
    const urls = [...group.resources.keys()];
    if (group.resourcesCapped) urls.push(`${blocked.origin}${group.commonPath}`);
    if (urls.every((url) => urlMatches(governing.sources, new URL(url), site))) {
      alreadyAllowed += group.reports;
      continue;
    }
    if (directive.startsWith('script-src') && isStrictDynamic(governing.sources)) {
      app(
        needsNonce,
        directive,
        blocked.resource,
        "'strict-dynamic' ignores host sources: give the <script src> the page's nonce, or load it from a nonced script",
        group,
      );
      continue;
    }
    const { sources, unnamed } = sourcesFor(urls, site);
    for (const url of unnamed)
      app(
        mustChange,
        directive,
        url,
        'no host source can name it (an IPv6 literal, a URL without a host, a host with "*"): serve it from a named host',
        group,
      );
    if (sources.length === 0) continue;
    let target = governing.name;
    if (KEPT_CLOSED.has(target)) {
      app(
        mustChange,
        directive,
        blocked.resource,
        `${target} stays as it is (the checks ask for it closed): stop loading it, or serve it another way`,
        group,
      );
      continue;
    }
    if (target === 'default-src' && group.directive !== 'default-src') {
      target = OWN_DIRECTIVE[group.directive] ?? group.directive;
      if (!directives.has(target)) {
        directives.set(target, [...governing.sources]);
        created.push(target);
      }
    }
    const list = directives.get(target)!;
    if (isNone(list)) list.length = 0;
    for (const source of sources) {
      if (!list.includes(source)) list.push(source);
      const key = `${target}\0${source}`;
      let entry = changes.get(key);
      if (!entry) changes.set(key, (entry = { info: { directive: target, source }, tally: new PageTally() }));
      entry.tally.add(group);
    }
  }
  const ordered = [...directives];
  return {
    changes: tallied(changes),
    created,
    needsNonce: tallied(needsNonce),
    mustChange: tallied(mustChange),
    alreadyAllowed,
    directives: ordered,
    policy: ordered.map(([name, list]) => (list.length ? `${name} ${list.join(' ')}` : name)).join('; '),
  };
}
