import { describe, expect, it } from 'vitest';
import { robotsSitemaps } from '../../../src/probe/crawl/robots.js';

describe('robotsSitemaps', () => {
  it('reads Sitemap: lines in any case, after a byte-order mark too, at most max', () => {
    const robots =
      '\uFEFFSitemap: /first.xml\r\nUser-agent: *\nDisallow: /x\n  sitemap :https://a.example/s.xml\nSITEMAP: /third.xml\n';
    expect(robotsSitemaps(robots, 10)).toEqual(['/first.xml', 'https://a.example/s.xml', '/third.xml']);
    expect(robotsSitemaps(robots, 2)).toEqual(['/first.xml', 'https://a.example/s.xml']);
  });
});
