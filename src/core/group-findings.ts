import type { Warning } from './types.js';

/** What grouping reads of a finding: a warning, or a check's finding whose fix is still data. */
type Groupable = Pick<Warning, 'check' | 'code' | 'message' | 'url' | 'pages'> & { fix?: unknown };

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
  const groups: { first: W; pages: string[] }[] = [];
  // Keyed a part at a time, not by one joined string: joining check, code, message and fix for
  // each of a 1,000-page scan's findings cost more than the rest of the grouping.
  const byKey = new Map<string, Map<string, Map<string, Map<string, Key<W>>>>>();
  // A scan's findings share a few fix objects: each is written as JSON once, not once per page.
  const fixKeys = new Map<unknown, string>();
  for (const warning of warnings) {
    let fixKey = fixKeys.get(warning.fix);
    if (fixKey === undefined) fixKeys.set(warning.fix, (fixKey = JSON.stringify(warning.fix ?? null)));
    const byCode = within(byKey, fixKey, () => new Map<string, Map<string, Map<string, Key<W>>>>());
    const byCheck = within(byCode, warning.code, () => new Map<string, Map<string, Key<W>>>());
    const byMessage = within(byCheck, warning.check, () => new Map<string, Key<W>>());
    const of = within(byMessage, warning.message, (): Key<W> => ({ nth: [], seen: new Map() }));
    const pages = warning.pages ?? [warning.url];
    // How many findings of this key each page has had: the nth joins the key's nth group.
    const nth = of.seen.get(pages[0]!) ?? 0;
    for (const page of pages) of.seen.set(page, nth + 1);
    const group = of.nth[nth];
    if (group) group.pages.push(...pages);
    else groups.push((of.nth[nth] = { first: warning, pages: [...pages] }));
  }
  return groups.map(({ first, pages }) => (pages.length > 1 ? { ...first, pages } : first));
}

/** The findings of one key: its groups, and how many findings of it each page has had. */
interface Key<W> {
  nth: { first: W; pages: string[] }[];
  seen: Map<string, number>;
}

function within<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
