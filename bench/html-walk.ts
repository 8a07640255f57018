import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PAGES, pageBody } from './crawl.js';
import { median, type BenchSection } from './section.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 15;

type Walk = typeof import('../src/html/walk-html.js').walkHtml;
interface Walkers {
  walkHtml: Walk;
  walkWithHtmlparser2: Walk;
  Tokenizer: typeof import('htmlparser2').Tokenizer;
}

/**
 * Our walker and the htmlparser2 one it replaced (kept as the test oracle), bundled by one
 * compiler into one module: loaded through tsx, our TypeScript would carry esbuild's name-keeping
 * wrappers that plain JavaScript from node_modules does not.
 */
async function walkers(dir: string): Promise<Walkers> {
  const entry = path.join(dir, 'entry.ts');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    entry,
    [
      `export { walkHtml } from ${JSON.stringify(path.join(root, 'src/html/walk-html.ts'))};`,
      `export { walkWithHtmlparser2 } from ${JSON.stringify(path.join(root, 'test/helpers/htmlparser2-walk.ts'))};`,
      `export { Tokenizer } from 'htmlparser2';`,
    ].join('\n'),
  );
  const outfile = path.join(dir, 'walkers.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    nodePaths: [path.join(root, 'node_modules')],
  });
  return (await import(pathToFileURL(outfile).href)) as Walkers;
}

/**
 * A content page as sites serve them (~90 KB): a head of meta, links, styles and scripts, a nav
 * of 120 links, an inline SVG sprite, an article of paragraphs with links, entities and classes,
 * a form, comments, JSON-LD and a large inline script.
 */
function contentPage(): string {
  const nav = Array.from(
    { length: 120 },
    (_, i) =>
      `<li class="nav__item"><a class="nav__link" href="/section/${i}/" data-track="nav-${i}">Section ${i}</a></li>`,
  ).join('\n');
  const svg = Array.from(
    { length: 20 },
    (_, i) =>
      `<symbol id="icon-${i}" viewBox="0 0 24 24"><title>Icon ${i}</title><path d="M12 2L2 7l10 5 10-5-10-5z"/></symbol>`,
  ).join('');
  const article = Array.from(
    { length: 150 },
    (_, i) =>
      `<p class="article__para" id="p${i}">Paragraph ${i} &mdash; it links to <a href="/articles/${i}?ref=body&amp;pos=${i}">a related story</a>, quotes &ldquo;someone&rdquo; and says <b>why</b> it&rsquo;s news.</p>`,
  ).join('\n');
  const script = `window.__STATE__ = ${JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: i, title: `Item <${i}>`, url: `/i/${i}` })) })};`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news site &amp; its story</title><link rel="stylesheet" href="/assets/site.css"><link rel="preload" href="/assets/font.woff2" as="font" crossorigin>
<style>.nav__item{display:inline-block}.article__para{margin:0 0 1em}</style>
<script src="/assets/app.js" defer></script><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"A story"}</script>
</head><body class="page page--article">
<!-- header -->
<header><svg style="display:none" xmlns="http://www.w3.org/2000/svg">${svg}</svg><nav><ul>${nav}</ul></nav></header>
<main><article><h1>A story</h1>${article}</article>
<form action="/search" method="get"><input type="search" name="q" placeholder="Search&hellip;"><button type="submit" onclick="track('search')">Go</button></form></main>
<!-- footer --><footer><p>&copy; 2026 The Site</p></footer>
<script>${script}</script></body></html>`;
}

/** Milliseconds per pass over `documents`: the median of ROUNDS after 3 warm-up passes. */
function time(pass: () => void): number {
  for (let i = 0; i < 3; i++) pass();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    pass();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/**
 * walkHtml against the htmlparser2-tokenizer walker it replaced (same events, held equal by
 * test/html/walk-html.test.ts) and against htmlparser2's bare Tokenizer with empty callbacks, on
 * the crawl benchmark's 1,000 pages and on a content page, for the two ways the scanner walks: every event (the CSP
 * content check) and the link tags alone (the crawl).
 */
export async function htmlWalkBench(): Promise<BenchSection> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'checksecure-walk-'));
  try {
    const { walkHtml, walkWithHtmlparser2, Tokenizer } = await walkers(dir);
    const corpora = [
      {
        name: `the crawl benchmark's ${PAGES.toLocaleString('en')} pages`,
        documents: Array.from({ length: PAGES }, (_, i) => pageBody(i).toString()),
      },
      { name: 'a content page, 100 times', documents: Array.from({ length: 100 }, () => contentPage()) },
    ];
    const every = { openTag() {}, text() {}, closeTag() {} };
    const links = {
      tags: new Set(['a', 'area', 'base', 'form']),
      attributes: new Set(['href', 'action', 'method']),
    };
    const noop = () => {};
    const empty = {
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      onclosetag: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onopentagname: noop,
      onprocessinginstruction: noop,
      onselfclosingtag: noop,
      ontext: noop,
      ontextentity: noop,
    };
    const rows: string[][] = [];
    const ratios: number[] = [];
    for (const { name, documents } of corpora) {
      const bytes = documents.reduce((sum, d) => sum + d.length, 0);
      const rate = (ms: number) => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;
      const ours = time(() => documents.forEach((d) => walkHtml(d, every)));
      const theirs = time(() => documents.forEach((d) => walkWithHtmlparser2(d, every)));
      const oursLinks = time(() => documents.forEach((d) => walkHtml(d, { openTag() {} }, links)));
      const theirsLinks = time(() => documents.forEach((d) => walkWithHtmlparser2(d, { openTag() {} })));
      const bare = time(() =>
        documents.forEach((d) => new Tokenizer({ decodeEntities: true }, empty).write(d)),
      );
      ratios.push(theirs / ours);
      rows.push(
        [
          `${name} (${(bytes / 2 ** 20).toFixed(1)} MiB): walkHtml, every event`,
          `${ours.toFixed(1)} ms`,
          rate(ours),
          `${(theirs / ours).toFixed(1)}× the htmlparser2 walker`,
        ],
        [
          `  the htmlparser2 walker it replaced, every event`,
          `${theirs.toFixed(1)} ms`,
          rate(theirs),
          '1.0×',
        ],
        [
          `  walkHtml, link tags only (the crawl)`,
          `${oursLinks.toFixed(1)} ms`,
          rate(oursLinks),
          `${(theirsLinks / oursLinks).toFixed(1)}× the htmlparser2 walker's start tags`,
        ],
        [
          `  htmlparser2's bare Tokenizer, empty callbacks`,
          `${bare.toFixed(1)} ms`,
          rate(bare),
          `walkHtml is ${(bare / ours).toFixed(1)}× its speed with every event`,
        ],
      );
    }
    return {
      title: 'HTML walking: walkHtml vs the htmlparser2 tokenizer it replaced',
      method: `The scanner walks every page's HTML (the crawl for its links, the CSP content check for scripts, handlers and styles): src/html/walk-html.ts is our own tokenizer since it was measured here. Both walkers are bundled by esbuild into one module and report the same events (test/html/walk-html.test.ts holds them equal on hostile and random markup); htmlparser2's Tokenizer with empty callbacks is its floor. ${ROUNDS} passes after 3 warm-up passes over each corpus; medians. Node ${process.version}.`,
      columns: ['case', 'time per pass', 'throughput', 'ratio'],
      rows,
      headline: `walkHtml walks HTML ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}× as fast as the htmlparser2-tokenizer walker it replaced, with the same events`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
