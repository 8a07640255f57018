import { describe, expect, it } from 'vitest';
import { extractLinks } from '../../../src/probe/crawl/extract-links.js';

const PAGE = 'https://shop.test/dir/page';

describe('extractLinks: a page’s links as written, and the base they resolve against', () => {
  it('reads a and area hrefs and the actions of GET forms, in document order', () => {
    const html = `<a href="/one">1</a><form action="/search"><input name=q></form><form method=POST action="/buy"></form>
      <map><area href="two"></map><form method=" get " action="/find?x=1"></form><form action=""></form><a name=x>`;
    expect(extractLinks(html, PAGE).links).toEqual([
      { href: '/one', via: 'link' },
      { href: '/search', via: 'form' },
      { href: 'two', via: 'link' },
      { href: '/find?x=1', via: 'form' },
    ]);
  });

  it('takes the first <base href> for the whole document, as HTML does, even one after the links', () => {
    const html = '<a href="x">x</a><base href="/other/"><base href="/third/">';
    expect(extractLinks(html, PAGE).base.href).toBe('https://shop.test/other/');
  });

  it('keeps the page’s URL when the first <base href> does not parse or is a javascript: or data: URL', () => {
    for (const first of ['http://[bad', 'javascript:alert(1)', 'data:text/html,x'])
      expect(extractLinks(`<base href="${first}"><base href="/second/">`, PAGE).base.href, first).toBe(PAGE);
  });

  it('a <base> without href is not the base', () => {
    expect(extractLinks('<base target=_top><base href="/b/">', PAGE).base.href).toBe('https://shop.test/b/');
  });

  it('reads at most max links', () => {
    const html = '<a href="/x">'.repeat(50);
    expect(extractLinks(html, PAGE, 20).links).toHaveLength(20);
  });
});
