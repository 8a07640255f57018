import { describe, expect, it } from 'vitest';
import { readSitemap } from '../../../src/probe/crawl/sitemap.js';

describe('readSitemap', () => {
  it('reads locations written as text or in a CDATA section (taken as written there)', () => {
    const xml = `<urlset><url><loc>https://s.test/a?x=1&amp;y=2</loc></url>
      <url><loc> <![CDATA[https://s.test/b?x=1&y=2&amp;]]> </loc></url>
      <url><image:loc>https://s.test/c.png</image:loc></url></urlset>`;
    expect(readSitemap(xml, 10).locations).toEqual([
      'https://s.test/a?x=1&y=2',
      'https://s.test/b?x=1&y=2&amp;',
      'https://s.test/c.png',
    ]);
  });

  it('reads a hostile sitemap in one pass: unterminated CDATA and whitespace entries', () => {
    // Each would take minutes if an entry's failure re-read the ones after it; the test's
    // time-out is the bound.
    const hostile = `${'<loc><![CDATA['.repeat(100_000)}${'<loc>'.repeat(50_000)}<loc>${' '.repeat(1_000_000)}x`;
    expect(readSitemap(hostile + '<loc>https://s.test/end</loc>', 10).locations).toEqual([
      'https://s.test/end',
    ]);
  });

  it('knows an index by its root element wherever it stands, and a file without a root as no sitemap', () => {
    const preamble = `<?xml version="1.0"?><?xml-stylesheet href="/s.xsl"?><!-- ${'x'.repeat(10_000)} -->`;
    expect(
      readSitemap(`${preamble}<sitemapindex><sitemap><loc>/a.xml</loc></sitemap></sitemapindex>`, 10),
    ).toEqual({
      sitemap: true,
      index: true,
      locations: ['/a.xml'],
    });
    expect(
      readSitemap('<ns:urlset xmlns:ns="x"><ns:url><ns:loc>/p</ns:loc></ns:url></ns:urlset>', 10),
    ).toEqual({
      sitemap: true,
      index: false,
      locations: ['/p'],
    });
    // Gzip's bytes, or an app's HTML fallback page, hold no sitemap.
    for (const text of ['\u001f\u008b\u0008\u0000garbage', '<!doctype html><p>app</p>'])
      expect(readSitemap(text, 10)).toEqual({ sitemap: false, index: false, locations: [] });
  });
});
