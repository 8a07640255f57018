import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf, urlParts } from '../../middleware/url-parts.js';

describe('urlParts', () => {
  it('agrees with the URL parser on every URL a Request can carry', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (raw) => {
        const href = new Request(raw).url;
        const url = new URL(href);
        expect(urlParts(href)).toEqual({
          href,
          target: url.pathname + url.search,
          path: url.pathname,
          https: url.protocol === 'https:',
        });
        expect(hostOf(href)).toBe(url.host);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps what normalisation made of dot segments and encodings', () => {
    for (const raw of [
      'http://h/a/../b?x#f',
      'https://h:8443/%2e%2e/c',
      'http://h?q=1',
      'http://h/x?#',
      'http://h/?',
      'http://h/a?b?c#d?e',
    ]) {
      const href = new Request(raw).url;
      const url = new URL(href);
      expect(urlParts(href).path).toBe(url.pathname);
      expect(urlParts(href).target).toBe(url.pathname + url.search);
      expect(hostOf(href)).toBe(url.host);
    }
  });

  it('gives the host as URL does: lower-case, IPv6 in brackets, the default port dropped', () => {
    for (const raw of [
      'https://EXAMPLE.com:443/x',
      'http://[::1]:8080?q',
      'http://h:80#f',
      'https://a.b.c:8443',
    ]) {
      const href = new Request(raw).url;
      expect(hostOf(href)).toBe(new URL(href).host);
    }
  });
});
