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

  it('ignores a <base> browsers ignore: in a template, in SVG or MathML', () => {
    for (const inert of [
      '<template><base href="/t/"></template>',
      '<svg><base href="/s/"></base></svg>',
      '<math><base href="/m/"></math>',
      '<math><annotation-xml><base href="/ax/"></math>',
      '<math><mi><mglyph><base href="/g/"></math>',
    ])
      expect(extractLinks(`<a href="rel">x</a>${inert}<base href="/real/">`, PAGE).base.href, inert).toBe(
        'https://shop.test/real/',
      );
  });

  it('follows a form whose method browsers do not know (they send it by GET), not a POST or dialog one', () => {
    const html = ['put', 'PATCH', 'post', 'dialog', '']
      .map((m) => `<form method="${m}" action="/${m || 'none'}"></form>`)
      .join('');
    expect(extractLinks(html, PAGE).links.map((l) => l.href)).toEqual(['/put', '/PATCH', '/none']);
  });

  it('does not count links it never follows (mailto:, javascript:, tel:) toward max', () => {
    const never = [
      'mailto:a@b.test',
      'javascript:void(0)',
      'java\tscript:x()',
      ' tel:+1',
      'data:text/html,x',
    ];
    const html =
      never.map((href) => `<a href="${href}">x</a>`.repeat(10)).join('') + '<a href="/after">x</a>';
    expect(extractLinks(html, PAGE, { max: 20 }).links).toEqual([{ href: '/after', via: 'link' }]);
    expect(
      extractLinks('<a href="HTTPS://shop.test/x"><a href="http:/y"><a href="a:b">', PAGE).links.map(
        (l) => l.href,
      ),
    ).toEqual(['HTTPS://shop.test/x', 'http:/y']);
  });

  it('keeps the page’s URL when the page’s enforced base-uri blocks its <base>, as browsers do', () => {
    const base = (html: string, csp: string[] = []) => extractLinks(html, PAGE, { csp }).base.href;
    const other = '<base href="https://elsewhere.test/">';
    const own = '<base href="/sub/">';
    // A header policy judges the base wherever it stands; base-uri has no default-src fallback.
    expect(base(other, ["base-uri 'self'"])).toBe(PAGE);
    expect(base(own, ["base-uri 'self'"])).toBe('https://shop.test/sub/');
    expect(base(own, ["base-uri 'none'"])).toBe(PAGE);
    expect(base(own, ["default-src 'none'"])).toBe('https://shop.test/sub/');
    expect(base(own, ["default-src 'self', base-uri 'none'"])).toBe(PAGE);
    expect(base(own, ['base-uri https://shop.test/sub/'])).toBe('https://shop.test/sub/');
    // A <meta> policy judges a base after it, in the head; not one set before it, nor from the body.
    const meta = `<meta http-equiv="Content-Security-Policy" content="base-uri 'none'">`;
    expect(base(`<head>${meta}${own}`)).toBe(PAGE);
    expect(base(`<head>${own}${meta}`)).toBe('https://shop.test/sub/');
    expect(base(`<body>${meta}${own}`)).toBe('https://shop.test/sub/');
    expect(base(`<a href=x>x</a>${meta}${own}`)).toBe('https://shop.test/sub/');
    expect(base(`<template>${meta}</template>${own}`)).toBe('https://shop.test/sub/');
    expect(base(`<svg>${meta}</svg>${own}`)).toBe('https://shop.test/sub/');
    expect(
      base(`<meta http-equiv="Content-Security-Policy-Report-Only" content="base-uri 'none'">${own}`),
    ).toBe('https://shop.test/sub/');
  });

  it('reads an SVG link’s href or, without one, its xlink:href', () => {
    const html =
      '<svg><a xlink:href="/old"><text>a</text></a><a href="/new" xlink:href="/not"></a></svg><a xlink:href="/html-only">x</a>';
    expect(extractLinks(html, PAGE).links.map((l) => l.href)).toEqual(['/old', '/new']);
  });

  it('reads at most max links', () => {
    const html = '<a href="/x">'.repeat(50);
    expect(extractLinks(html, PAGE, { max: 20 }).links).toHaveLength(20);
  });
});
