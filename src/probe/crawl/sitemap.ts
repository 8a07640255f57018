/** What one sitemap file lists: pages, or (a sitemap index) further sitemaps. */
export interface SitemapEntries {
  /** Whether the text has a sitemap's root element at all (a gzipped file, HTML, garbage: not). */
  sitemap: boolean;
  index: boolean;
  locations: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five entities and numeric references; anything else stays as written. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * The `<loc>` entries of a sitemap (sitemaps.org), at most `max`, read with a regular expression
 * rather than an XML parser: a sitemap is flat, the crawl needs nothing else of it, and garbage
 * yields no entries rather than an error. Linear in the text (no backtracking across entries).
 *
 * @example
 * readSitemap('<urlset><url><loc>https://shop.example/a</loc></url></urlset>', 10);
 * // { sitemap: true, index: false, locations: ['https://shop.example/a'] }
 */
export function readSitemap(xml: string, max: number): SitemapEntries {
  // The root element decides, wherever a preamble (comments, a stylesheet) leaves it.
  const root = /<(?:[\w-]+:)?(sitemapindex|urlset)[\s>]/i.exec(xml)?.[1]?.toLowerCase();
  const index = root === 'sitemapindex';
  const locations: string[] = [];
  // A location as text, or in a CDATA section (some generators write them so), whose text is
  // taken as written. Neither branch reads past the next `<`, so a failed entry costs its length.
  const loc = /<(?:[\w-]+:)?loc\s*>(?:\s*<!\[CDATA\[([^<]*?)\]\]>\s*|([^<]*))<\/(?:[\w-]+:)?loc\s*>/gi;
  for (let m = loc.exec(xml); m !== null && locations.length < max; m = loc.exec(xml)) {
    const value = m[1] !== undefined ? m[1].trim() : decodeXml(m[2]!.trim());
    if (value !== '') locations.push(value);
  }
  return { sitemap: root !== undefined, index, locations };
}
