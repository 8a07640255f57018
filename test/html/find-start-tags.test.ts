import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findStartTags } from '../../src/html/find-start-tags.js';
import { walkHtml } from '../../src/html/walk-html.js';

type Tag = [string, Record<string, string>];

/** The oracle: every start tag as walkHtml (htmlparser2's tokenizer) reports it. */
function walked(html: string): Tag[] {
  const tags: Tag[] = [];
  walkHtml(html, { openTag: (tag, attributes) => void tags.push([tag, { ...attributes }]) });
  return tags;
}

function found(html: string): Tag[] {
  const tags: Tag[] = [];
  findStartTags(html, {}, (tag, attributes) => void tags.push([tag, { ...attributes }]));
  return tags;
}

/** Markup where a tokenizer goes wrong: each piece is a state change or its edge. */
const PIECES = [
  '<a href="/x">',
  '<a href=/x/>',
  "<a href='/y' href=\"/z\">",
  '<A HREF="/Up">',
  '<a/href="/slash">',
  '<a href = "/spaced" >',
  '<a href>',
  '<a href=>',
  '<a =x>',
  '<a href="?a=1&amp;b=2&copy=3&amp&lt;&#x41;&#65&notit;">',
  '<a href=&amp;x&gt>',
  '<area href="/area">',
  '<form action="/search" method="GET">',
  '<form action="/post" method="post">',
  '<form method=get action=" ">',
  '<base href="/base/">',
  '<base>',
  '<div title=">">',
  "<div title='<a href=/in-attr>'>",
  '<div a b=c d="e"f=\'g\'/>',
  '<br/>',
  '<p>',
  '</p>',
  '<br>',
  '</br>',
  '<script>',
  '<script/>',
  '<SCRIPT type="text/javascript">',
  '</script>',
  '</SCRIPT >',
  '</script/>',
  '</scripts>',
  '<scripts>',
  '<style>',
  '</style>',
  '<title>',
  '</title>',
  '<textarea>',
  '</textarea>',
  '<xmp>',
  '</xmp>',
  '<iframe>',
  '</iframe>',
  '<noembed>',
  '</noembed>',
  '<noframes>',
  '</noframes>',
  '<noscript>',
  '</noscript>',
  '<plaintext>',
  '<svg>',
  '<svg/>',
  '</svg>',
  '<math>',
  '</math>',
  '<foreignObject>',
  '</foreignObject>',
  '<desc>',
  '</desc>',
  '<annotation-xml>',
  '<div>',
  '</div>',
  '<span>',
  '<b>',
  '<!-- c -->',
  '<!--',
  '-->',
  '--!>',
  '<!-->',
  '<!--->',
  '<!---->',
  '--->',
  '<!doctype html>',
  '<!DOCTYPE>',
  '<!x>',
  '<!->',
  '<![CDATA[',
  ']]>',
  ']]]>',
  '<![CDATA>',
  '<?xml?>',
  '<?',
  '</>',
  '</ x>',
  '</3>',
  '</a',
  '<',
  '<<a href="/double">',
  '< a href="/not">',
  '<3',
  '>',
  '"',
  "'",
  '=',
  '/',
  '&',
  '&amp;',
  ' ',
  '\n',
  '\t',
  'text',
  '</',
  '<a',
  ' href="/late"',
  '<bloc\u212Aquote>',
  '<\u0130>',
];

describe('findStartTags: the start tags walkHtml reports, found faster', () => {
  it('agrees with walkHtml on each piece of hostile markup, alone and after each other piece', () => {
    for (const a of PIECES) {
      expect(found(a), a).toEqual(walked(a));
      for (const b of PIECES) {
        const html = `${a}${b}<a href="/after">`;
        expect(found(html), html).toEqual(walked(html));
      }
    }
  });

  it('agrees with walkHtml on random markup made of those pieces (20,000 documents)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const html = pieces.join('');
        expect(found(html)).toEqual(walked(html));
      }),
      { numRuns: 20_000, seed: 20261205 },
    );
  });

  it('agrees with walkHtml on random characters around the syntax (5,000 documents)', () => {
    const char = fc.constantFrom(...'<>/!-?="\'&;#x a A b s c r i p t v g m h f e q[]C D T\n\t'.split(''));
    fc.assert(
      fc.property(fc.array(fc.oneof(char, fc.constantFrom(...PIECES)), { maxLength: 80 }), (parts) => {
        const html = parts.join('');
        expect(found(html)).toEqual(walked(html));
      }),
      { numRuns: 5_000, seed: 4 },
    );
  });

  it('reports only the tags and attributes asked for, and stops when told', () => {
    const html = '<div id=a><a href="/1" class=x><img src=/i.png><a href="/2"><a href="/3">';
    const seen: Tag[] = [];
    findStartTags(html, { tags: new Set(['a']), attributes: new Set(['href']) }, (tag, attributes) => {
      seen.push([tag, { ...attributes }]);
      return seen.length < 2;
    });
    expect(seen).toEqual([
      ['a', { href: '/1' }],
      ['a', { href: '/2' }],
    ]);
  });

  it('ends raw text only at a literal `</name`, as browsers do, where the tokenizer also reads \\x1C\\x0F as `</`', () => {
    // htmlparser2 compares raw text with `c | 0x20`, which maps \x1C to `<` and \x0F to `/`; no
    // browser does. This is the one place the two differ, on control characters no page uses.
    const html = '<script>\x1C\x0Fscript><a href="/hidden"></script><a href="/shown">';
    expect(found(html)).toEqual([
      ['script', {}],
      ['a', { href: '/shown' }],
    ]);
  });

  it('reads hostile documents in one pass: many comments, unclosed quotes, text-only elements', () => {
    // Each would take minutes if every comment, tag or element searched to the end of the document
    // again; the test's time-out is the bound.
    const documents = [
      '<!-- x -->'.repeat(200_000),
      '<a title="x">'.repeat(100_000) + '<a title="',
      '<script></script>'.repeat(100_000),
      '<title>'.repeat(100_000),
      '</a '.repeat(100_000),
    ];
    for (const html of documents) expect(found(html)).toEqual(walked(html));
  });
});
