import type { Warning } from './types.js';

/** What grouping reads of a finding: a warning, or a check's finding whose fix is still data. */
type Groupable = Pick<Warning, 'check' | 'code' | 'message' | 'url' | 'pages' | 'baseline'> & {
  fix?: unknown;
};

/**
 * One finding per problem, not per page: warnings of the same check, code, message and fix on
 * different pages are one finding, whose `url` and evidence are the first page's and whose
 * `pages` list every page it holds on (`url` first) when there is more than one. A message names
 * what differs between two problems of one code (a cookie, a directive, an endpoint) and a fix
 * what each needs (the policy a page's own scripts need), so either differing keeps two
 * findings; evidence (a cookie's value) may differ page to page. Two alike on one page (two
 * scripts of one host without integrity) stay two, each grouped with its like on other pages.
 * The order is the first page's, so a list sorted by severity stays sorted.
 *
 * @example
 * groupFindings([hstsOn('/'), hstsOn('/about')]); // [{ ...hstsOn('/'), pages: [root, about] }]
 */
export function groupFindings<W extends Groupable>(warnings: readonly W[]): W[] {
  return group([warnings]);
}

/**
 * The findings of several reports (a matrix's shards, overlapping scans) grouped as one scan of
 * them all groups its own, by the same key within each scope (`scopeOf`, e.g. a finding's
 * site: one scan judges one site): the nth finding of a key on a page is the same finding in
 * every report that judged the page, so a page two reports judged is counted once, and a
 * grouped finding holds the union of its reports' pages, each once. Marked against a baseline,
 * a finding is new when any report found it new on a page it compared (as one comparison of
 * all its pages would), else unchanged when any compared it.
 *
 * @example
 * regroupFindings([shardA.warnings, shardB.warnings], (w) => new URL(w.url).origin);
 */
export function regroupFindings<W extends Groupable>(
  lists: readonly (readonly W[])[],
  scopeOf: (warning: W) => string,
): W[] {
  return group(lists, scopeOf);
}

// How a finding's marks combine: new on one page is new, compared on one is compared.
const MARK_RANK = { new: 0, unchanged: 1, 'not-compared': 2 } as const;

function group<W extends Groupable>(lists: readonly (readonly W[])[], scopeOf?: (warning: W) => string): W[] {
  const groups: Group<W>[] = [];
  // Keyed a part at a time, not by one joined string: joining check, code, message and fix for
  // each of a 1,000-page scan's findings cost more than the rest of the grouping.
  const byKey = new Map<string, Map<string, Map<string, Map<string, Map<string, Key<W>>>>>>();
  // A scan's findings share a few fix objects: each is written as JSON once, not once per page.
  const fixKeys = new Map<unknown, string>();
  lists.forEach((warnings, list) => {
    for (const warning of warnings) {
      let fixKey = fixKeys.get(warning.fix);
      if (fixKey === undefined) fixKeys.set(warning.fix, (fixKey = JSON.stringify(warning.fix ?? null)));
      const byFix = within(
        byKey,
        scopeOf?.(warning) ?? '',
        () => new Map<string, Map<string, Map<string, Map<string, Key<W>>>>>(),
      );
      const byCode = within(byFix, fixKey, () => new Map<string, Map<string, Map<string, Key<W>>>>());
      const byCheck = within(byCode, warning.code, () => new Map<string, Map<string, Key<W>>>());
      const byMessage = within(byCheck, warning.check, () => new Map<string, Key<W>>());
      const of = within(byMessage, warning.message, (): Key<W> => ({ nth: [], list }));
      // Each list counts its own: the nth of a key on a page is the nth in every list.
      if (of.list !== list) [of.list, of.seen, of.only] = [list, undefined, undefined];
      const pages = warning.pages ?? [warning.url];
      let nth = 0;
      // A list's first finding of a key is the first on each of its pages: counted only when a
      // second comes (most keys of a merge of other sites' reports never have one).
      if (!of.seen && !of.only) of.only = pages;
      else {
        if (!of.seen) [of.seen, of.only] = [new Map(of.only!.map((page) => [page, 1])), undefined];
        // How many findings of this key each page has had: the nth joins the key's nth group.
        nth = of.seen.get(pages[0]!) ?? 0;
        for (const page of pages) of.seen.set(page, nth + 1);
      }
      const found = of.nth[nth];
      // The finding's own pages until another joins it: most of a merge's findings never have one.
      if (!found) groups.push((of.nth[nth] = { first: warning, pages, list, grown: false }));
      // One list holds a page once per group (the nth count sees to it): no page set is needed
      // until another list's findings join.
      else if (found.list === list) grow(found).push(...pages);
      else join(found, warning, pages);
    }
  });
  return groups.map(({ first, pages, grown }) => (grown && pages.length > 1 ? { ...first, pages } : first));
}

/** A group's pages, copied before the first page is added: they were its first finding's. */
function grow<W extends Groupable>(found: Group<W>): string[] {
  if (!found.grown) [found.pages, found.grown] = [[...found.pages], true];
  return found.pages as string[];
}

/** A finding of another list added to its group: its new pages, and its baseline mark. */
function join<W extends Groupable>(found: Group<W>, warning: W, pages: readonly string[]): void {
  const has = (found.has ??= new Set(found.pages));
  for (const page of pages) {
    if (has.has(page)) continue;
    has.add(page);
    grow(found).push(page);
  }
  const mark = warning.baseline;
  const kept = found.first.baseline;
  if (mark !== undefined && kept !== undefined && MARK_RANK[mark] < MARK_RANK[kept])
    found.first = { ...found.first, baseline: mark };
}

/**
 * One finding being grouped: the first seen, its pages, the list it came from, and its pages as
 * a set once another list's findings join it.
 */
interface Group<W> {
  first: W;
  pages: readonly string[];
  list: number;
  /** Whether `pages` is the group's own copy, with pages added: else the first finding's. */
  grown: boolean;
  has?: Set<string>;
}

/** The findings of one key: its groups, and how many findings of it each page has had. */
interface Key<W> {
  nth: Group<W>[];
  /** The list counted. */
  list: number;
  /** Each page's count, once the list has had a second finding of the key. */
  seen?: Map<string, number>;
  /** The pages of the list's one finding of the key so far: each has had one. */
  only?: readonly string[];
}

function within<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
