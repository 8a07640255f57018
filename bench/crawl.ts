import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { median, type BenchSection } from './section.js';
import { recordRequest, replayFloor, type Sent } from './replay-floor.js';
import { shipped } from './shipped.js';

export const PAGES = 1000;
const FAN_OUT = 10;
const CONCURRENCY = 8;
const ROUNDS = 5;

/** A page's path: the site is a tree, `/` then `/page/1` … `/page/999`, ten children each. */
const pathOf = (i: number) => (i === 0 ? '/' : `/page/${i}`);

/** Page `i`: links to its children, and back to pages already found (canonicalised away). */
export function pageBody(i: number): Buffer {
  const links: string[] = [];
  for (let c = i * FAN_OUT + 1; c <= i * FAN_OUT + FAN_OUT && c < PAGES; c++)
    links.push(`<a href="${pathOf(c)}">page ${c}</a>`);
  links.push('<a href="/">home</a>', '<a href="/page/1#top">first</a>', `<a href="${pathOf(i)}?">self</a>`);
  return Buffer.from(
    `<!doctype html><title>page ${i}</title><nav>${links.join(' ')}</nav>${'<p>Some text of the page.</p>'.repeat(40)}`,
  );
}

/** The requests as the server saw them, in order, replayed by undici at the same concurrency. */
/**
 * Crawling a generated site of 1,000 linked pages from `/`, against the floor of the same
 * requests replayed with undici; beside it, in the same rounds, the plain scan of the same
 * 1,000 paths against its own floor, so that the two shares are taken under the same load.
 */
export async function crawlBench(): Promise<BenchSection> {
  const { scan } = await shipped('index');
  const bodies = Array.from({ length: PAGES }, (_, i) => pageBody(i));
  const byPath = new Map(bodies.map((body, i) => [pathOf(i), body]));
  let recording: Sent[] | undefined;
  const server = http.createServer((req, res) => {
    recordRequest(req, recording);
    const body = byPath.get(req.url!.split('#')[0]!);
    res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
    res.setHeader('content-security-policy', "default-src 'self'; object-src 'none'");
    if (!body)
      return void res.writeHead(404, { 'content-type': 'text/plain', 'content-length': 2 }).end('no');
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = Array.from({ length: PAGES }, (_, i) => pathOf(i));
  const crawl = () => scan(base, { crawl: PAGES, concurrency: CONCURRENCY });
  const plain = () => scan(base, { paths, concurrency: CONCURRENCY });
  // The plain scan POSTs twice to every given path, where the crawl's active probes stay on the
  // start path: with CSRF on `/` alone both send one request per page, and the per-page checks
  // weigh the same against both floors.
  const plainSame = () => scan(base, { paths, concurrency: CONCURRENCY, csrf: { paths: ['/'] } });

  recording = [];
  const first = await crawl();
  const crawlSent = recording;
  recording = [];
  await plain();
  const plainSent = recording;
  recording = [];
  await plainSame();
  const plainSameSent = recording;
  recording = undefined;
  if (first.pages?.length !== PAGES)
    throw new Error(`the crawl judged ${first.pages?.length} pages, not ${PAGES}`);
  for (let i = 0; i < 3; i++) {
    await replayFloor(base, crawlSent, CONCURRENCY);
    await crawl();
    await replayFloor(base, plainSent, CONCURRENCY);
    await plain();
    await replayFloor(base, plainSameSent, CONCURRENCY);
    await plainSame();
  }
  const crawlShares: number[] = [];
  const plainShares: number[] = [];
  const plainSameShares: number[] = [];
  const crawls: number[] = [];
  const crawlFloors: number[] = [];
  const bareCrawls: number[] = [];
  const barePlains: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const f = await replayFloor(base, crawlSent, CONCURRENCY);
    let start = performance.now();
    await crawl();
    const c = performance.now() - start;
    crawls.push(c);
    crawlFloors.push(f);
    crawlShares.push(f / c);
    const pf = await replayFloor(base, plainSent, CONCURRENCY);
    start = performance.now();
    await plain();
    plainShares.push(pf / (performance.now() - start));
    const sf = await replayFloor(base, plainSameSent, CONCURRENCY);
    start = performance.now();
    await plainSame();
    plainSameShares.push(sf / (performance.now() - start));
    // Where the crawl's time goes beyond the requests: the same two runs without any check.
    start = performance.now();
    await scan(base, { crawl: PAGES, concurrency: CONCURRENCY, checks: [] });
    bareCrawls.push(performance.now() - start);
    start = performance.now();
    await scan(base, { paths, concurrency: CONCURRENCY, checks: [] });
    barePlains.push(performance.now() - start);
  }
  server.close();
  const share = median(crawlShares);
  const plainShare = median(plainShares);
  const ofPlain = share / plainShare;
  const plainSameShare = median(plainSameShares);
  const range = (xs: number[]) => `rounds: ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
  return {
    title: 'Crawl throughput: a site of 1,000 linked pages',
    method: `A local server's site of ${PAGES.toLocaleString('en')} HTML pages linked as a tree (each page links to ${FAN_OUT} children, and back to pages already found, which the crawl canonicalises away), crawled from \`/\` with \`crawl: ${PAGES}\` and every default check at concurrency ${CONCURRENCY}: ${crawlSent.length.toLocaleString('en')} requests (every page once, robots.txt and sitemap.xml, and the active probes of the start path). The floor replays exactly those requests, in the order the server saw them, with undici at the same concurrency; it knows every URL up front, where the crawl finds them as it reads the pages. ${ROUNDS} rounds after 3 warm-up rounds; each round also times the plain scan of the same ${PAGES.toLocaleString('en')} paths given as \`paths\` (${plainSent.length.toLocaleString('en')} requests: the CSRF POSTs go to every given path) against its own floor, so both shares are taken under the same load. Shares are the median of each round's floor/run ratio, with their range.`,
    rows: [
      [
        `floor: the crawl's ${crawlSent.length.toLocaleString('en')} requests with undici`,
        `${median(crawlFloors).toFixed(0)} ms`,
        `${Math.round((PAGES * 1000) / median(crawlFloors)).toLocaleString('en')} pages/s`,
        '1.00',
      ],
      [
        `scan(url, { crawl: ${PAGES.toLocaleString('en')} })`,
        `${median(crawls).toFixed(0)} ms`,
        `${Math.round((PAGES * 1000) / median(crawls)).toLocaleString('en')} pages/s`,
        `${share.toFixed(2)} of its floor's throughput (${range(crawlShares)})`,
      ],
      [
        `scan(url, { paths: ${PAGES.toLocaleString('en')} }), same rounds`,
        '',
        '',
        `${plainShare.toFixed(2)} of its floor's throughput (${range(plainShares)})`,
      ],
      [
        `scan(url, { paths: ${PAGES.toLocaleString('en')}, csrf: { paths: ['/'] } }), same rounds (${plainSameSent.length.toLocaleString('en')} requests, the crawl's profile)`,
        '',
        '',
        `${plainSameShare.toFixed(2)} of its floor's throughput (${range(plainSameShares)}); the crawl's share is ${(share / plainSameShare).toFixed(2)} of it`,
      ],
      [
        `scan(url, { crawl: ${PAGES.toLocaleString('en')}, checks: [] })`,
        `${median(bareCrawls).toFixed(0)} ms`,
        '',
        `${(median(bareCrawls) / median(barePlains)).toFixed(2)}× the time of the same paths given, without checks`,
      ],
      [
        `scan(url, { paths: ${PAGES.toLocaleString('en')}, checks: [] })`,
        `${median(barePlains).toFixed(0)} ms`,
        '',
        '1.00',
      ],
    ],
    headline: `crawling 1,000 linked pages runs at ${(share * 100).toFixed(0)}% of the raw-request floor's throughput, ${ofPlain.toFixed(2)} of the plain scan's share (goal: at least 0.8); ${(share / plainSameShare).toFixed(2)} of the share of a plain scan sending the crawl's request profile (CSRF on \`/\` alone)`,
  };
}
