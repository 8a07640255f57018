import picomatch from 'picomatch';
import type { Exchange, PageSource, ScannedPage } from '../../core/types.js';
import { header } from '../exchange.js';
import { canonicalUrl, plainPath } from './canonical-url.js';
import { extractLinks, MAX_PAGE_LINKS, type PageLinks } from './extract-links.js';
import { isLogoutLink, isLogoutPath, withoutParameters } from './logout-link.js';
import { robotsSitemaps } from './robots.js';
import { readSitemap } from './sitemap.js';
import { percentDecoded } from '../../util/percent-decoded.js';

/** `crawl` after defaults and validation. */
export interface ResolvedCrawl {
  /** The most pages requested, start pages included. */
  pages: number;
  include: string[];
  exclude: string[];
}

/** What the crawl asks of the probe: its requests, each through the probe's limiter. */
export interface CrawlIo {
  /**
   * The page's GET, redirects followed to the URLs `follows` allows (the probe's page()); rejects
   * when it cannot be read.
   */
  page(path: string, follows: (next: URL) => boolean): Promise<Exchange>;
  /** One GET of a robots.txt or sitemap, no redirect followed; undefined when it cannot be read. */
  get(path: string): Promise<Exchange | undefined>;
  /** What a path is appended to for its URL, as the start pages' URLs are written. */
  base: string;
  /** The origins that are the target's: the one it is reached on and the one it presents. */
  origins: readonly string[];
}

export interface CrawlOutcome {
  /** The pages found and judged, in the order they were found. */
  pages: { exchange: Exchange; scanned: ScannedPage }[];
  /** Paths found that could not be read (timed out, refused): the probe lists them as unscanned. */
  failed: string[];
  notes: string[];
}

/** Files no crawl judges as a page: not requested at all. */
const NOT_A_PAGE =
  /\.(?:css|m?js|map|json|xml|txt|png|jpe?g|gif|svg|ico|webp|avif|bmp|pdf|zip|t?gz|bz2|xz|7z|rar|tar|mp[34]|webm|ogg|wav|woff2?|ttf|otf|eot|exe|dmg|apk|iso|csv|docx?|xlsx?|pptx?)$/i;
/** Bounds on what a site's sitemaps can make the crawl read. */
const MAX_SITEMAPS = 10;
const MAX_ROBOTS_SITEMAPS = 20;
const MAX_SITEMAP_ENTRIES = 50_000;
/** Longer is no page's link (servers refuse such request lines): not requested, and counted. */
const MAX_PATH = 8_192;
/** How much of a path a note shows. */
const SHOWN_PATH = 120;
const shownPath = (path: string) => (path.length > SHOWN_PATH ? `${path.slice(0, SHOWN_PATH - 1)}…` : path);

/** A page's links; its CSP header decides, as in a browser, whether its `<base>` applies. */
const linksOf = (exchange: Exchange) =>
  extractLinks(exchange.body, exchange.url, { csp: header(exchange, 'content-security-policy') });

const isHtml = (exchange: Exchange): boolean => {
  const type = exchange.headers['content-type']?.[0];
  // No type at all is sniffed by browsers, and an app's page often lacks one in tests.
  return type === undefined || /\b(?:text\/html|application\/xhtml\+xml)\b/i.test(type);
};

/**
 * Finds pages beyond the start pages, breadth first: the same-origin links and GET form actions
 * of every page judged, and the pages of `/sitemap.xml` and of robots.txt's `Sitemap:` lines
 * (a sitemap index one level deep). Every URL is canonicalised and requested once, at most
 * `options.pages` pages in all (the start pages count); logout-like links are never followed,
 * and `include`/`exclude` are globs on the URL path. Links are requested as they are found, so
 * the probe's limiter keeps its concurrency busy. A crawled page is judged when it answers 2xx
 * with HTML: a broken link, a redirect to a page already judged or to another host, an image or
 * a PDF is not a page of the site, and is counted in a note instead.
 *
 * @example
 * const { pages } = await crawlSite(start, { pages: 100, include: [], exclude: [] }, io);
 */
export async function crawlSite(
  start: readonly { path: string; exchange: Exchange }[],
  options: ResolvedCrawl,
  io: CrawlIo,
): Promise<CrawlOutcome> {
  const included = options.include.length > 0 ? picomatch(options.include, { dot: true }) : () => true;
  // Any case: a server may route /Admin as /admin, and an excluded page is one never to request.
  const excluded =
    options.exclude.length > 0 ? picomatch(options.exclude, { dot: true, nocase: true }) : () => false;
  /**
   * Globs match a path as written and decoded (`/café/**` is meant for `/caf%C3%A9/menu`), and an
   * exclude also as a server may route it: decoded twice, its segments' `;` parameters dropped
   * (`/admin;x/y` is `/admin/y` to Tomcat, Jetty or Spring).
   */
  const allowed = (pathname: string) => {
    const decoded = percentDecoded(pathname);
    const routed = withoutParameters(percentDecoded(decoded));
    return (
      !excluded(pathname) &&
      !excluded(decoded) &&
      !excluded(routed) &&
      (included(pathname) || included(decoded))
    );
  };
  /** Where a crawled page's redirect may lead: the target's, and no page a link could not be. */
  const follows = (next: URL) =>
    io.origins.includes(next.origin) && !isLogoutLink(next) && allowed(next.pathname);
  const seen = new Set<string>();
  for (const { path, exchange } of start) {
    seen.add(canonicalUrl(new URL(path, io.base)).key);
    seen.add(canonicalUrl(new URL(exchange.url)).key);
  }
  const budget = options.pages - start.length;
  let issued = 0;
  let leftOver = false;
  const slots: ({ exchange: Exchange; scanned: ScannedPage } | undefined)[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  let notHtml = 0;
  let redirected = 0;
  let tooLong = 0;

  let outstanding = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const track = (work: Promise<void>) => {
    outstanding++;
    void work.finally(() => {
      if (--outstanding === 0) finish();
    });
  };

  /** A URL found: requested when it is the target's, new, and a page the options let the crawl judge. */
  const consider = (url: URL, via: PageSource, from: string) => {
    if (!io.origins.includes(url.origin)) return;
    const { path, key } = canonicalUrl(url);
    follow(path, key, via, from, url);
  };
  const follow = (path: string, key: string, via: PageSource, from: string, url?: URL) => {
    if (seen.has(key)) return;
    seen.add(key);
    const pathname = url ? path.split('?')[0]! : path;
    const logout = url ? isLogoutLink(url) : isLogoutPath(path, '');
    if (logout || NOT_A_PAGE.test(pathname) || !allowed(pathname)) return;
    if (path.length > MAX_PATH) {
      tooLong++;
      return;
    }
    if (issued >= budget) {
      leftOver = true;
      return;
    }
    issued++;
    const slot = slots.length;
    slots.push(undefined);
    track(visit(path, slot, { url: io.base + path, via, from }));
  };
  /** A page's links: a plain path (most links) is followed without parsing a URL. */
  /** Pages whose links past MAX_PAGE_LINKS were not read. */
  const crowded: string[] = [];
  const considerLinks = ({ base, links }: PageLinks, from: string) => {
    if (links.length >= MAX_PAGE_LINKS) crowded.push(from);
    const ours = io.origins.includes(base.origin);
    for (const { href, via } of links) {
      const plain = plainPath(href);
      if (plain !== undefined) {
        if (ours) follow(plain, plain, via, from);
        continue;
      }
      const url = parse(href, base);
      if (!url) continue;
      // A GET form's query is replaced by its fields, which the crawl does not fill in.
      if (via === 'form') url.search = '';
      consider(url, via, from);
    }
  };

  const visit = async (path: string, slot: number, scanned: ScannedPage): Promise<void> => {
    let exchange: Exchange;
    try {
      exchange = await io.page(path, follows);
    } catch {
      failed.push(path);
      return;
    }
    if (exchange.redirects && exchange.redirects.length > 0) {
      // The page judged is where the redirects led: the report names it, as its findings do.
      scanned.requested = scanned.url;
      scanned.url = exchange.url;
      const key = canonicalUrl(new URL(exchange.url)).key;
      if (seen.has(key) && key !== canonicalUrl(new URL(path, io.base)).key) {
        redirected++;
        return;
      }
      seen.add(key);
    }
    if (exchange.status >= 300) {
      if (exchange.status < 400) redirected++;
      else errors.push(`GET ${shownPath(path)} answered ${exchange.status}`);
      return;
    }
    if (!isHtml(exchange)) {
      notHtml++;
      return;
    }
    slots[slot] = { exchange, scanned };
    considerLinks(linksOf(exchange), scanned.url);
  };

  /** Sitemaps named by robots.txt or an index that could not be read, and those read in part. */
  const unreadSitemaps: string[] = [];
  const cutSitemaps: string[] = [];
  const sameOrigin = (next: URL) => io.origins.includes(next.origin);
  const sitemaps = async () => {
    const listed: { url: URL; via: PageSource }[] = [
      { url: new URL('/sitemap.xml', io.base), via: 'sitemap' },
    ];
    const robots = await io.get('/robots.txt');
    if (robots && robots.status === 200)
      for (const line of robotsSitemaps(robots.body, MAX_ROBOTS_SITEMAPS)) {
        const url = parse(line, io.base);
        if (url) listed.push({ url, via: 'robots' });
      }
    const read = new Set<string>();
    /** Reads sitemaps at once (the probe's limiter bounds them): one that is slow holds no other. */
    const readAll = async (files: { url: URL; via: PageSource }[], depth: number): Promise<void> => {
      const chosen: { path: string; via: PageSource }[] = [];
      for (const { url, via } of files) {
        if (read.size >= MAX_SITEMAPS) break;
        // A sitemap of another origin lists pages that are not the target's: not read at all.
        if (!io.origins.includes(url.origin)) continue;
        const { path, key } = canonicalUrl(url);
        if (read.has(key)) continue;
        read.add(key);
        chosen.push({ path, via });
      }
      // Redirects are followed on the target's origin (/sitemap.xml → /sitemap_index.xml).
      const answers = await Promise.all(
        chosen.map(({ path }) => io.page(path, sameOrigin).catch(() => undefined)),
      );
      const children: { url: URL; via: PageSource }[] = [];
      answers.forEach((answer, i) => {
        const { path, via } = chosen[i]!;
        // /sitemap.xml is only tried: a site without one answers 404, which says nothing.
        const named = depth > 0 || via === 'robots';
        if (!answer || answer.status !== 200) {
          if (!answer || named)
            unreadSitemaps.push(`${shownPath(path)}${answer ? ` (${answer.status})` : ''}`);
          return;
        }
        if (answer.bodyTruncated) cutSitemaps.push(shownPath(path));
        const entries = readSitemap(answer.body, MAX_SITEMAP_ENTRIES);
        // A gzipped sitemap (application/gzip, not Content-Encoding) is not read: say so.
        if (!entries.sitemap && named)
          unreadSitemaps.push(`${shownPath(path)} (not a sitemap's XML: gzipped?)`);
        const from = io.base + path;
        for (const location of entries.locations) {
          const found = parse(location, io.base);
          if (!found) continue;
          if (!entries.index) consider(found, via, from);
          else if (depth === 0) children.push({ url: found, via });
        }
      });
      if (children.length > 0) await readAll(children, depth + 1);
    };
    await readAll(listed, 0);
  };

  for (const { exchange } of start)
    if (exchange.status < 300 && isHtml(exchange)) considerLinks(linksOf(exchange), exchange.request.url);
  track(sitemaps().catch(() => {}));
  await finished;

  const notes: string[] = [];
  if (leftOver)
    notes.push(
      `the crawl stopped at its limit of ${options.pages} ${options.pages === 1 ? 'page' : 'pages'}: pages it found were left unvisited (raise the limit: --crawl N, or crawl: { pages: N })`,
    );
  else if (slots.every((slot) => slot === undefined) && failed.length === 0) {
    const globs =
      options.include.length + options.exclude.length > 0
        ? ' (and the include and exclude globs let through)'
        : '';
    notes.push(
      `the crawl judged no page beyond the start pages: no link, GET form or sitemap entry on the target's origin${globs} led to another HTML page`,
    );
  }
  const skipped = errors.length + notHtml + redirected;
  if (skipped > 0) {
    const why = [
      errors.length > 0
        ? `${errors.length} answered an error status (${errors.slice(0, 3).join(', ')}${errors.length > 3 ? ', …' : ''})`
        : '',
      notHtml > 0 ? `${notHtml} ${notHtml === 1 ? 'is' : 'are'} not HTML` : '',
      redirected > 0
        ? `${redirected} redirected to a page already judged, to another site, or to one the crawl does not follow (a logout link, an excluded path)`
        : '',
    ].filter(Boolean);
    notes.push(
      `${skipped} crawled ${skipped === 1 ? 'link was not judged as a page' : 'links were not judged as pages'}: ${why.join('; ')}`,
    );
  }
  if (crowded.length > 0)
    notes.push(
      `${crowded.length === 1 ? 'a page has' : `${crowded.length} pages have`} ${MAX_PAGE_LINKS.toLocaleString('en')} links or more: the crawl read the first ${MAX_PAGE_LINKS.toLocaleString('en')} (${crowded.slice(0, 3).map(shownPath).join(', ')}${crowded.length > 3 ? ', …' : ''})`,
    );
  if (unreadSitemaps.length > 0)
    notes.push(
      `${unreadSitemaps.length} ${unreadSitemaps.length === 1 ? 'sitemap' : 'sitemaps'} could not be read (no answer in time, refused, an error status, or not XML): ${unreadSitemaps.slice(0, 3).join(', ')}${unreadSitemaps.length > 3 ? ', …' : ''}`,
    );
  if (cutSitemaps.length > 0)
    notes.push(
      `${cutSitemaps.length === 1 ? 'a sitemap was' : `${cutSitemaps.length} sitemaps were`} larger than the body read of a page (maxBodyBytes): entries past it were not read (${cutSitemaps.slice(0, 3).join(', ')}${cutSitemaps.length > 3 ? ', …' : ''})`,
    );
  if (tooLong > 0)
    notes.push(
      `${tooLong} crawled ${tooLong === 1 ? 'link was' : 'links were'} longer than ${MAX_PATH.toLocaleString('en')} characters and not requested`,
    );
  const pages = slots.filter((s): s is { exchange: Exchange; scanned: ScannedPage } => s !== undefined);
  return { pages, failed, notes };
}

/** The http: or https: URL `href` names, or undefined: a malformed link is skipped, as browsers do. */
function parse(href: string, base: string | URL): URL | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
