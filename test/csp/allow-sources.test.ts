import { describe, expect, it } from 'vitest';
import { sourcesFor } from '../../src/csp/allow-sources.js';
import { urlMatches } from '../../src/headers/csp-match.js';

const self = new URL('https://shop.example/cart');

describe('sourcesFor', () => {
  it("names the page's own origin 'self' and host-less URLs by their scheme", () => {
    expect(
      sourcesFor(
        [
          'https://shop.example/app.js',
          '/img/a.png',
          'data:image/png;base64,AA',
          'blob:https://shop.example/1',
        ],
        self,
      ),
    ).toEqual({ sources: ["'self'", 'blob:', 'data:'], unnamed: [] });
  });

  it('writes one file as host and path, several files as their common directory, scattered ones as the origin', () => {
    expect(sourcesFor(['https://cdn.example.com/lib/widget.js?v=2'], self).sources).toEqual([
      'https://cdn.example.com/lib/widget.js',
    ]);
    expect(
      sourcesFor(['https://cdn.example.com/lib/a/x.js', 'https://cdn.example.com/lib/b.js'], self).sources,
    ).toEqual(['https://cdn.example.com/lib/']);
    expect(
      sourcesFor(['https://cdn.example.com/a.js', 'https://cdn.example.com/b/c.js'], self).sources,
    ).toEqual(['https://cdn.example.com']);
  });

  it('keeps scheme and port, one source per origin, and never widens to a scheme', () => {
    const { sources } = sourcesFor(
      ['http://127.0.0.1:4001/w.js', 'wss://push.example/socket', 'https://api.example:8443/v1/x'],
      self,
    );
    expect(sources).toEqual([
      'http://127.0.0.1:4001/w.js',
      'https://api.example:8443/v1/x',
      'wss://push.example/socket',
    ]);
    expect(sources).not.toContain('https:');
  });

  it('lists what no host source can name instead of allowing a whole scheme', () => {
    expect(sourcesFor(['http://[::1]:3000/a.js', 'http://%zz'], self)).toEqual({
      sources: [],
      unnamed: ['http://%zz', 'http://[::1]:3000/a.js'],
    });
  });

  it('escapes ";" and "," in a path, which would otherwise end the directive', () => {
    const { sources } = sourcesFor(['https://cdn.example.com/a;b,c.js'], self);
    expect(sources).toEqual(['https://cdn.example.com/a%3Bb%2Cc.js']);
  });

  it('proposes sources that really allow every URL they came from (and not its neighbours)', () => {
    const urls = [
      'https://cdn.example.com/lib/a.js',
      'https://cdn.example.com/lib/deep/b.js',
      'https://fonts.example/f.woff2',
      'http://127.0.0.1:4001/x',
    ];
    const { sources } = sourcesFor(urls, self);
    for (const url of urls) expect(urlMatches(sources, new URL(url), self), url).toBe(true);
    expect(urlMatches(sources, new URL('https://cdn.example.com/other.js'), self)).toBe(false);
    expect(urlMatches(sources, new URL('https://evil.example/lib/a.js'), self)).toBe(false);
    expect(urlMatches(sources, new URL('http://cdn.example.com/lib/a.js'), self)).toBe(false);
  });
});
