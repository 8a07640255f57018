import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, plainPath } from '../../../src/probe/crawl/canonical-url.js';

const BASE = 'http://shop.test/dir/page?x=1';

describe('plainPath: the crawl follows most links without a URL parser', () => {
  it('gives what canonicalUrl(new URL(href)) gives, for every href it accepts (30,000 random hrefs)', () => {
    // Every character class the URL parser treats apart: escapes, dots, slashes both ways, query,
    // fragment, spaces and controls it strips or encodes, non-ASCII it encodes.
    const char = fc.constantFrom(...'/\\.%2eE?#&=;:@!$\'()*+,~_-aZ09 \t\n"<>`{}|^[]é\u0000'.split(''));
    let compared = 0;
    fc.assert(
      fc.property(fc.array(char, { maxLength: 24 }), (chars) => {
        const href = `/${chars.join('')}`;
        const plain = plainPath(href);
        if (plain === undefined) return;
        compared++;
        const { path, key } = canonicalUrl(new URL(href, BASE));
        expect([plain, plain], JSON.stringify(href)).toEqual([path, key]);
      }),
      { numRuns: 30_000, seed: 12 },
    );
    // Not a vacuous pass: a good share of the random hrefs took the fast path.
    expect(compared).toBeGreaterThan(3_000);
  });

  it('accepts the plain paths sites link to', () => {
    for (const href of ['/', '/about', '/shop/item-42', "/a_b~c!$&'()*+,;=:@", '/docs/v1.2/intro'])
      expect(plainPath(href), href).toBe(href);
    expect(plainPath('/faq#returns')).toBe('/faq');
    expect(plainPath('/faq?#x?y')).toBe('/faq');
    expect(plainPath('/faq?')).toBe('/faq');
  });

  it('leaves every other link to the URL parser', () => {
    const others = [
      '',
      'about',
      './x',
      '../x',
      '//evil.test/x',
      '/\\evil.test/x',
      '/a/./b',
      '/a/../b',
      '/..',
      '/.',
      '/%7euser',
      '/a?b=1',
      ' /a',
      '/a b',
      '/a\tb',
      '/é',
      'https://shop.test/a',
      'javascript:x',
      '/a^b',
    ];
    for (const href of others) expect(plainPath(href), href).toBeUndefined();
  });
});
