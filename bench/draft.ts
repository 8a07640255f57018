import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../src/csp/draft/chromium.js';
import { crawlSite } from '../src/csp/draft/crawl.js';
import { proposePolicy } from '../src/csp/draft/propose.js';
import { median, type BenchSection } from './section.js';

const PAGES = 50;
const RUNS = 3;

/** A generated shop of PAGES pages, each with an inline script, a stylesheet, an image and links to the next three. */
async function startSite(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/site.css')
      return res.writeHead(200, { 'content-type': 'text/css' }).end('p { margin: 0 }');
    if (path === '/logo.svg')
      return res
        .writeHead(200, { 'content-type': 'image/svg+xml' })
        .end('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    const n = path === '/' ? 0 : Number(/^\/p\/(\d+)$/.exec(path)?.[1] ?? NaN);
    if (!Number.isInteger(n) || n >= PAGES) return res.writeHead(404).end();
    const links = [1, 2, 3].map((d) => `<a href="/p/${(n + d) % PAGES}">next</a>`).join(' ');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>page ${n}</title><link rel="stylesheet" href="/site.css"><img src="/logo.svg"><script>window.page = ${n};</script><p>page ${n}</p>${links}`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same pages as a plain loop: a new page, goto, optionally the same network-idle wait the crawl makes, close. */
async function plainLoop(browser: Browser, urls: readonly string[], idle: boolean): Promise<number> {
  const context = await browser.newContext();
  const started = performance.now();
  for (const url of urls) {
    const page: Page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (idle) await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.links.length);
    await page.close();
  }
  const ms = performance.now() - started;
  await context.close();
  return ms;
}

/**
 * `csp draft` pages per second (the crawl that records, then the proposal) beside a plain
 * Chromium page.goto loop over the same generated pages in the same browser, with and without
 * the network-idle wait the crawl makes per page; the median of RUNS runs each, interleaved.
 */
export async function draftBench(): Promise<BenchSection> {
  const site = await startSite();
  const browser = await launchChromium(undefined, process.env);
  try {
    const urls = [`${site.url}/`, ...Array.from({ length: PAGES - 1 }, (_, i) => `${site.url}/p/${i + 1}`)];
    const draft: number[] = [];
    const load: number[] = [];
    const idle: number[] = [];
    let crawled = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const records = await crawlSite(browser, {
        start: new URL(`${site.url}/`),
        paths: [],
        pages: PAGES,
        timeoutMs: 15_000,
        headers: {},
      });
      proposePolicy(records);
      draft.push(performance.now() - started);
      crawled = records.length;
      load.push(await plainLoop(browser, urls, false));
      idle.push(await plainLoop(browser, urls, true));
    }
    if (crawled !== PAGES) throw new Error(`the crawl loaded ${crawled} pages, not ${PAGES}`);
    const perSecond = (ms: number) => (PAGES / (ms / 1000)).toFixed(1);
    const [d, l, i] = [median(draft), median(load), median(idle)];
    return {
      title: 'csp draft: pages per second',
      method: `\`checksecure csp draft\`'s crawl and proposal (src/csp/draft, from the sources) over a generated local site of ${PAGES} pages (each an inline script, a stylesheet, an image and three links), beside a plain playwright-core loop over the same pages in the same headless Chromium (a new page, \`goto\`, read the links, close), with and without the network-idle wait (500 ms without requests) the crawl makes on each page; Chromium's start is outside every figure. Median of ${RUNS} interleaved runs. \`npm run bench -- draft --write\`.`,
      columns: [
        'case',
        `time for ${PAGES} pages`,
        'pages per second',
        'ratio to the plain loop with the same wait',
      ],
      rows: [
        [
          'csp draft (records, routes documents, proposes)',
          `${(d / 1000).toFixed(2)} s`,
          perSecond(d),
          `${(i / d).toFixed(2)}×`,
        ],
        ['plain loop, load + network idle', `${(i / 1000).toFixed(2)} s`, perSecond(i), '1.00×'],
        ['plain loop, load only', `${(l / 1000).toFixed(2)} s`, perSecond(l), '–'],
      ],
      headline: `csp draft loads ${perSecond(d)} pages per second, ${(i / d).toFixed(2)}× a plain Chromium loop that waits for the network to settle as it does (${perSecond(l)} per second without that wait)`,
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
