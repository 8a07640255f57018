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
  const groups = new Map<string, { first: W; pages: string[] }>();
  // How many findings of a key each page has had: the nth joins the key's nth group.
  const seen = new Map<string, number>();
  for (const warning of warnings) {
    const key = `${warning.check}\0${warning.code}\0${warning.message}\0${JSON.stringify(warning.fix ?? null)}`;
    const pages = warning.pages ?? [warning.url];
    const nth = seen.get(`${key}\0${pages[0]}`) ?? 0;
    for (const page of pages) seen.set(`${key}\0${page}`, nth + 1);
    const group = groups.get(`${key}\0${nth}`);
    if (group) group.pages.push(...pages);
    else groups.set(`${key}\0${nth}`, { first: warning, pages: [...pages] });
  }
  return [...groups.values()].map(({ first, pages }) => (pages.length > 1 ? { ...first, pages } : first));
}
