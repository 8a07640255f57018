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
});
