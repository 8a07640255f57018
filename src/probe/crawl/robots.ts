/**
 * The `Sitemap:` lines of a robots.txt, at most `max`, in order. The crawl reads nothing else
 * of it: it is a scan the site's owner runs, and the pages it judges are bounded by `crawl`.
 *
 * @example
 * robotsSitemaps('User-agent: *\nSitemap: https://shop.example/sitemap-pages.xml', 10);
 * // ['https://shop.example/sitemap-pages.xml']
 */
export function robotsSitemaps(text: string, max: number): string[] {
  const out: string[] = [];
  // A byte-order mark before the first line is no part of it (Google's parser skips it too).
  text = text.replace(/^\uFEFF/, '');
  const line = /^[ \t]*sitemap[ \t]*:[ \t]*(\S+)/gim;
  for (let m = line.exec(text); m !== null && out.length < max; m = line.exec(text)) out.push(m[1]!);
  return out;
}
