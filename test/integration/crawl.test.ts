import type http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../../src/index.js';
import { cspCheck } from '../../src/checks/csp.js';
import { serve, type Served } from '../helpers/server.js';

// The crawl against real servers on 127.0.0.1 and an in-process Express app: what it follows,
// what it never requests, how often it requests each page, and what the report says of it.

const HTML = { 'content-type': 'text/html; charset=utf-8' };
let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

/** A site of pages by path; anything else answers 404. Every page is HTML unless it says. */
async function site(
  pages: Record<string, string | ((req: http.IncomingMessage) => [number, Record<string, string>, string])>,
) {
  served = await serve((req, res) => {
    const path = req.url ?? '/';
    const page = pages[path];
    if (page === undefined) return void res.writeHead(404, HTML).end('<p>not found</p>');
    if (typeof page === 'string') return void res.writeHead(200, HTML).end(page);
    const [status, headers, body] = page(req);
    res.writeHead(status, headers).end(body);
  });
  return served;
}

const gets = (s: Served, path: string) =>
  s.requests.filter((r) => r.method === 'GET' && r.url === path).length;
const pageGets = (s: Served) =>
  s.requests
    .filter((r) => r.method === 'GET' && !/^\/(?:robots\.txt|sitemap\.xml)$|%/.test(r.url))
    .map((r) => r.url);

describe('crawl on a local server', () => {
  it('follows same-origin links and GET forms breadth first, each page judged and requested once', async () => {
    const s = await site({
      '/': `<a href="/a">a</a> <a href="/a#top">again</a> <a href="./b/../a">again</a> <a href="/b?y=2&x=1">b</a>
            <a href="/b?x=1&y=2">b again</a> <a href="/%7Ec">c</a> <a href="mailto:x@y.example">m</a>
            <a href="javascript:alert(1)">j</a> <a href="https://other.example/">o</a>
            <form action="/search?q=old"><input name="q"></form> <form method="post" action="/buy"></form>`,
      '/a': '<a href="/">home</a> <a href="/~c">c</a> <a href="/deep">deep</a>',
      '/b?y=2&x=1': '<p>b</p>',
      '/~c': '<p>c</p>',
      '/search': '<p>results</p>',
      '/deep': '<p>deep</p>',
    });
    const report = await scan(s.url, { crawl: true });
    const u = (path: string) => `${s.url}${path}`;
    expect(report.pages).toEqual([
      { url: u('/'), via: 'start' },
      { url: u('/a'), via: 'link', from: u('/') },
      { url: u('/b?y=2&x=1'), via: 'link', from: u('/') },
      { url: u('/~c'), via: 'link', from: u('/') },
      { url: u('/search'), via: 'form', from: u('/') },
      { url: u('/deep'), via: 'link', from: u('/a') },
    ]);
    // Every page once (the checks' own probes go to the start path alone); the POST form's
    // action is never requested: a crawl does not submit forms.
    for (const path of ['/a', '/b?y=2&x=1', '/~c', '/search', '/deep']) expect(gets(s, path), path).toBe(1);
    expect(s.requests.some((r) => r.url === '/buy' || r.url.startsWith('/b?x=1') || r.url === '/%7Ec')).toBe(
      false,
    );
    expect(s.requests.filter((r) => r.method !== 'GET' && r.url !== '/')).toEqual([]);
    // Each page is judged: a finding on a crawled page names it, as its url or, when one
    // finding holds on several pages of the site, among its pages.
    expect(report.warnings.some((w) => (w.pages ?? [w.url]).includes(u('/deep')))).toBe(true);
    expect(report.notes ?? []).toEqual([]);
  });

  it('resolves links against the page, not a <base> the page’s own CSP base-uri blocks', async () => {
    const s = await site({
      '/': (): [number, Record<string, string>, string] => [
        200,
        { ...HTML, 'content-security-policy': "base-uri 'self'" },
        // An injected base (dangling markup) that base-uri exists to stop: browsers keep the page's URL.
        '<base href="http://127.0.0.1:9/trap/"><a href="next">next</a>',
      ],
      '/meta': `<head><meta http-equiv="Content-Security-Policy" content="base-uri 'none'"><base href="/trap/"></head>
        <a href="there">there</a>`,
      '/next': '<a href="meta">meta</a>',
      '/there': '<p>there</p>',
    });
    const report = await scan(s.url, { crawl: true });
    expect(report.pages?.map((p) => p.url)).toEqual([
      `${s.url}/`,
      `${s.url}/next`,
      `${s.url}/meta`,
      `${s.url}/there`,
    ]);
    expect(s.requests.some((r) => r.url.startsWith('/trap/'))).toBe(false);
  });

  it('stops at the limit (start pages count), says so, and a trap of growing queries cannot hold it', async () => {
    const s = await serveTrap();
    const report = await scan(s.url, { crawl: 10 });
    expect(report.pages).toHaveLength(10);
    expect(pageGets(s).filter((p) => p.startsWith('/?n=') || p.startsWith('/deeper')).length).toBe(9);
    expect(report.notes).toContain(
      'the crawl stopped at its limit of 10 pages: pages it found were left unvisited (raise the limit: --crawl N, or crawl: { pages: N })',
    );
  });

  it('never follows a logout link, and honours include and exclude globs on the path', async () => {
    const s = await site({
      '/': `<a href="/logout">out</a> <a href="/account/sign-out?next=/">out</a> <a href="/blog/one">1</a>
            <a href="/blog/drafts/x">d</a> <a href="/shop">s</a> <a href="/?action=logoff">off</a>`,
      '/blog/one': '<p>1</p>',
      '/blog/drafts/x': '<p>d</p>',
      '/shop': '<p>s</p>',
    });
    const report = await scan(s.url, { crawl: { include: ['/blog/**'], exclude: ['/blog/drafts/**'] } });
    expect(report.pages?.map((p) => p.url)).toEqual([`${s.url}/`, `${s.url}/blog/one`]);
    for (const path of ['/logout', '/account/sign-out?next=/', '/?action=logoff', '/shop', '/blog/drafts/x'])
      expect(gets(s, path), path).toBe(0);
  });

  it('holds its rules at every redirect: a link that redirects to a logout link or an excluded path is not followed there', async () => {
    const s = await site({
      '/': '<a href="/bye">bye</a> <a href="/old-admin">admin</a> <a href="/moved">moved</a>',
      '/bye': () => [302, { location: '/logout' }, ''],
      '/old-admin': () => [302, { location: '/admin/panel' }, ''],
      '/moved': () => [301, { location: '/blog/new' }, ''],
      '/logout': () => [200, HTML, '<p>session ended</p>'],
      '/admin/panel': '<p>admin</p>',
      '/blog/new': '<p>new</p>',
    });
    const report = await scan(s.url, {
      crawl: { exclude: ['/admin/**'] },
      headers: { cookie: 'sid=SECRET' },
    });
    // The session the scan was given never reaches a logout URL, whatever link led there.
    expect(gets(s, '/logout')).toBe(0);
    expect(gets(s, '/admin/panel')).toBe(0);
    // A redirect the rules allow is followed, and the page is named where it was judged.
    expect(report.pages).toEqual([
      { url: `${s.url}/`, via: 'start' },
      { url: `${s.url}/blog/new`, via: 'link', from: `${s.url}/`, requested: `${s.url}/moved` },
    ]);
    // A start path that redirects is named where it was judged, and by the URL requested.
    const start = await scan(s.url, { paths: ['/moved'] });
    expect(start.pages).toEqual([{ url: `${s.url}/blog/new`, via: 'start', requested: `${s.url}/moved` }]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /2 redirected to a page already judged, to another site, or to one the crawl does not follow/,
      ),
    );
  });

  it('says so when it judged no page beyond the start pages, and counts a limit of one page in the singular', async () => {
    const s = await site({
      '/': '<a href="/gone">gone</a> <a href="/blog/">blog</a>',
      '/blog/': '<p>blog</p>',
    });
    const none = await scan(s.url, { crawl: { include: ['/docs/**'] } });
    expect(none.notes).toContainEqual(
      "the crawl judged no page beyond the start pages: no link, GET form or sitemap entry on the target's origin (and the include and exclude globs let through) led to another HTML page",
    );
    const one = await scan(s.url, { crawl: 1 });
    expect(one.notes).toContainEqual(expect.stringMatching(/^the crawl stopped at its limit of 1 page: /));
  });

  it('matches exclude and include globs on the decoded path too, and exclude in any case', async () => {
    const s = await site({
      '/': '<a href="/café/menu">menu</a> <a href="/Admin/delete-all">x</a> <a href="/docs/%C3%BCber">über</a> <a href="/docs/Guide">g</a> <a href="/admin;jsessionid=1/wipe">w</a> <a href="/admin%252Fwipe">w2</a> <a href="/logout;jsessionid=1">out</a>',
      '/caf%C3%A9/menu': '<p>menu</p>',
      '/Admin/delete-all': '<p>gone</p>',
      '/docs/%C3%BCber': '<p>über</p>',
      '/docs/Guide': '<p>guide</p>',
    });
    const report = await scan(s.url, {
      crawl: { exclude: ['/café/**', '/admin/**'], include: ['/docs/über', '/docs/guide'] },
    });
    expect(gets(s, '/caf%C3%A9/menu')).toBe(0);
    expect(gets(s, '/Admin/delete-all')).toBe(0);
    // As Tomcat, Jetty or Spring route them, or a server that decodes twice: excluded, never requested.
    const excludedOnly = await scan(s.url, { crawl: { exclude: ['/admin/**'] } });
    expect(excludedOnly.pages?.map((p) => new URL(p.url).pathname)).toContain('/docs/Guide');
    for (const path of ['/admin;jsessionid=1/wipe', '/admin%252Fwipe', '/logout;jsessionid=1'])
      expect(gets(s, path), path).toBe(0);
    // include keeps its case: /docs/Guide is not /docs/guide on a server that tells them apart.
    expect(report.pages?.map((p) => p.url)).toEqual([`${s.url}/`, `${s.url}/docs/%C3%BCber`]);
  });

  it('never follows OpenID Connect end-session, session-destroy or localized logout links, but follows look-alikes', async () => {
    const s = await site({
      '/': `<a href="/oidc/endsession">a</a> <a href="/end-session">b</a> <a href="/session/destroy">c</a>
            <a href="/signout">d</a> <a href="/deconnexion">e</a> <a href="/log-outline">f</a>
            <a href="/blog/logging-outages">g</a>`,
      '/log-outline': '<p>f</p>',
      '/blog/logging-outages': '<p>g</p>',
    });
    const report = await scan(s.url, { crawl: true });
    expect(report.pages?.map((p) => p.url)).toEqual([
      `${s.url}/`,
      `${s.url}/log-outline`,
      `${s.url}/blog/logging-outages`,
    ]);
    for (const path of ['/oidc/endsession', '/end-session', '/session/destroy', '/signout', '/deconnexion'])
      expect(gets(s, path), path).toBe(0);
  });

  it('reads /sitemap.xml, a sitemap index one level deep and robots.txt Sitemap: lines, same origin only', async () => {
    const foreign = await serve(
      (_req, res) => void res.writeHead(200, HTML).end('<urlset><url><loc>/x</loc></url></urlset>'),
    );
    try {
      const s = await site({
        '/': '<p>no links</p>',
        '/robots.txt': () => [
          200,
          { 'content-type': 'text/plain' },
          `User-agent: *\nDisallow: /\nSitemap: /maps/robots.xml\nSitemap: ${foreign.url}/foreign.xml\n`,
        ],
        '/sitemap.xml': () => [
          200,
          { 'content-type': 'application/xml' },
          '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/maps/pages.xml</loc></sitemap></sitemapindex>',
        ],
        '/maps/pages.xml': () => [
          200,
          { 'content-type': 'application/xml' },
          `<urlset><url><loc> ${'http://127.0.0.1'}:${new URL(served!.url).port}/from-map?a=1&amp;b=2 </loc></url><url><loc>https://elsewhere.example/</loc></url></urlset>`,
        ],
        '/maps/robots.xml': () => [
          200,
          { 'content-type': 'text/xml' },
          '<urlset><url><loc>/from-robots</loc></url></urlset>',
        ],
        '/from-map?a=1&b=2': '<p>map</p>',
        '/from-robots': '<p>robots</p>',
      });
      const report = await scan(s.url, { crawl: 20 });
      const pages = [...(report.pages ?? [])].sort((a, b) => a.url.localeCompare(b.url));
      expect(pages).toEqual([
        { url: `${s.url}/`, via: 'start' },
        { url: `${s.url}/from-map?a=1&b=2`, via: 'sitemap', from: `${s.url}/maps/pages.xml` },
        { url: `${s.url}/from-robots`, via: 'robots', from: `${s.url}/maps/robots.xml` },
      ]);
      // The foreign sitemap is never read: its pages are not the target's.
      expect(foreign.requests).toEqual([]);
    } finally {
      await foreign.close();
    }
  });

  it('reads sitemaps at once, follows a sitemap’s redirect, finds an index after any preamble, and notes what it could not read', async () => {
    const XML = { 'content-type': 'application/xml' };
    const files: Record<string, [number, Record<string, string>, string]> = {
      '/': [200, HTML, '<p>no links</p>'],
      '/robots.txt': [
        200,
        { 'content-type': 'text/plain' },
        'Sitemap: /slow-1.xml\nSitemap: /slow-2.xml\nSitemap: /slow-3.xml\nSitemap: /gone.xml\nSitemap: /big.xml\nSitemap: /map.xml.gz\n',
      ],
      // The Yoast pattern: /sitemap.xml redirects to the index.
      '/sitemap.xml': [301, { location: '/sitemap_index.xml' }, ''],
      '/sitemap_index.xml': [
        200,
        XML,
        `<?xml version="1.0"?><!-- ${'generated by a plugin; '.repeat(200)} --><sitemapindex><sitemap><loc>/pages.xml</loc></sitemap></sitemapindex>`,
      ],
      '/pages.xml': [200, XML, '<urlset><url><loc>/from-index</loc></url></urlset>'],
      // Gzip's bytes as the file, not as a Content-Encoding: not read, and said.
      '/map.xml.gz': [200, { 'content-type': 'application/gzip' }, '\u001f\u008b\u0008\u0000\u0000'],
      '/big.xml': [
        200,
        XML,
        `<urlset><url><loc>/first-entry</loc></url>${'<url><loc>/filler</loc></url>'.repeat(400)}<url><loc>/last-entry</loc></url></urlset>`,
      ],
      '/from-index': [200, HTML, '<p>index</p>'],
      '/first-entry': [200, HTML, '<p>first</p>'],
      '/last-entry': [200, HTML, '<p>last</p>'],
      '/filler': [200, HTML, '<p>filler</p>'],
    };
    let pending = 0;
    let mostPending = 0;
    served = await serve((req, res) => {
      // The slow sitemaps never answer: the scan's timeout ends each. The server counts them in flight.
      if (/^\/slow-\d\.xml$/.test(req.url ?? '')) {
        mostPending = Math.max(mostPending, ++pending);
        res.on('close', () => pending--);
        return;
      }
      const [status, headers, body] = files[req.url ?? ''] ?? [404, HTML, 'not found'];
      res.writeHead(status, headers).end(body);
    });
    const s = served;
    const report = await scan(s.url, { crawl: 20, timeout: 1.5, maxBodyBytes: 8_000 });
    const urls = (report.pages ?? []).map((p) => p.url).sort();
    expect(urls).toEqual([`${s.url}/`, `${s.url}/filler`, `${s.url}/first-entry`, `${s.url}/from-index`]);
    // Read at once, not one timeout after another.
    expect(mostPending).toBe(3);
    expect(report.notes).toContainEqual(
      '5 sitemaps could not be read (no answer in time, refused, an error status, or not XML): /slow-1.xml, /slow-2.xml, /slow-3.xml, …',
    );
    expect(report.notes).toContainEqual(
      'a sitemap was larger than the body read of a page (maxBodyBytes): entries past it were not read (/big.xml)',
    );
  }, 30_000);

  it('says which pages it read in part: more links than it reads, a body longer than maxBodyBytes', async () => {
    const s = await site({
      '/': '<a href="/crowded">c</a> <a href="/long">l</a>',
      '/crowded': '<a href="/same">x</a>'.repeat(10_050),
      '/long': `<p>${'x'.repeat(300_000)}</p>`,
      '/same': '<p>same</p>',
    });
    const report = await scan(s.url, { crawl: 20, maxBodyBytes: 250_000 });
    expect(report.notes).toContainEqual(
      `a page has 10,000 links or more: the crawl read the first 10,000 (${s.url}/crowded)`,
    );
    expect(report.notes).toContainEqual(
      `a page was longer than the body read (maxBodyBytes): the checks judged, and the crawl read links in, the first part only (GET ${s.url}/long)`,
    );
  });

  it('a broken link, a redirect to a page already judged and a non-HTML page are not judged, and a note says so', async () => {
    const s = await site({
      '/': '<a href="/gone">g</a> <a href="/old">o</a> <a href="/feed">f</a> <a href="/logo.png">l</a> <a href="/new">n</a>',
      '/old': () => [301, { location: '/new' }, ''],
      '/new': '<p>new</p>',
      '/feed': () => [200, { 'content-type': 'application/json' }, '{}'],
    });
    const report = await scan(s.url, { crawl: 20 });
    expect(report.pages?.map((p) => p.url).sort()).toEqual([`${s.url}/`, `${s.url}/new`]);
    expect(gets(s, '/logo.png')).toBe(0);
    expect(gets(s, '/new')).toBe(1 + 1);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^3 crawled links were not judged as pages: 1 answered an error status \(GET \/gone answered 404\); 1 is not HTML; 1 redirected to a page already judged, to another site, or to one the crawl does not follow \(a logout link, an excluded path\)$/,
      ),
    );
  });

  it('a link too long for a page is not requested, and notes show a broken link shortened', async () => {
    const broken = `/missing/${'x'.repeat(300_000)}`;
    const huge = `/huge/${'y'.repeat(20_000)}`;
    const s = await site({ '/': `<a href="${broken.slice(0, 8_000)}">b</a><a href="${huge}">h</a>` });
    const report = await scan(s.url, { crawl: 10, checks: [] });
    expect(s.requests.some((r) => r.url.startsWith('/huge/'))).toBe(false);
    expect(report.notes).toContain('1 crawled link was longer than 8,192 characters and not requested');
    const note = report.notes!.find((n) => n.includes('answered an error status'))!;
    expect(note).toContain('GET /missing/xxx');
    expect(note.length).toBeLessThan(400);
  });

  it("the user's headers go to the target alone, and hostile pages are bounded", async () => {
    const links = Array.from({ length: 20_000 }, (_, i) => `<a href="/p${i}">${i}</a>`).join('');
    const answers: Record<string, string> = {
      '/': `<a href="/a\r\nb">crlf</a>${links}`,
      '/robots.txt': `Sitemap: /huge.xml\n${'Sitemap: /x.xml\n'.repeat(1000)}`,
      '/huge.xml': `<urlset>${'<url><loc>/p</loc></url>'.repeat(100_000)}</urlset>`,
      '/sitemap.xml': '<urlset><url><loc>/ab</loc><<<garbage &bogus; <loc>',
    };
    const s = (served = await serve((req, res) => {
      const answer = answers[req.url ?? ''];
      res.writeHead(200, answer === undefined ? HTML : {}).end(answer ?? '<p>a page</p>');
    }));
    const started = Date.now();
    const report = await scan(s.url, { crawl: 30, headers: { authorization: 'Bearer t0ken' } });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.pages).toHaveLength(30);
    // The CR/LF are dropped from the URL, as a browser drops them.
    expect(report.pages?.[1]?.url).toBe(`${s.url}/ab`);
    expect(s.requests.every((r) => r.headers.authorization === 'Bearer t0ken')).toBe(true);
  });
});

/** A page that links to itself with a growing query and to an ever deeper path. */
async function serveTrap(): Promise<Served> {
  served = await serve((req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(200, HTML).end(`<a href="/?n=${n + 1}">more</a><a href="/deeper${req.url}/x">deeper</a>`);
  });
  return served;
}

describe('crawl of an in-process Express app', () => {
  it('follows links on the presented origin and the loopback one, never a logout link', async () => {
    const seen: string[] = [];
    const app = express();
    app.use((req, _res, next) => {
      seen.push(req.url);
      next();
    });
    app.get('/', (_req, res) => {
      res.send(
        '<a href="/about">about</a> <a href="http://127.0.0.1/elsewhere">x</a> <a href="/users/logout">out</a>',
      );
    });
    app.get('/about', (req, res) => {
      res.send(`<a href="http://${req.headers.host}/team">team</a>`);
    });
    app.get('/team', (_req, res) => res.send('<p>team</p>'));
    app.get('/users/logout', (_req, res) => res.send('logged out'));
    const report = await scan(app, { crawl: 10 });
    expect(report.pages?.map((p) => [new URL(p.url).pathname, p.via])).toEqual([
      ['/', 'start'],
      ['/about', 'link'],
      ['/team', 'link'],
    ]);
    expect(seen).not.toContain('/users/logout');
    expect(seen.filter((u) => u === '/about')).toHaveLength(1);
  });

  it('compares nonces on the start paths alone: a crawled page with a nonce is requested once', async () => {
    let n = 0;
    const withNonce = (nonce: () => string, body: string) => () => {
      const value = nonce();
      return [
        200,
        {
          ...HTML,
          'content-security-policy': `script-src 'nonce-${value}' 'strict-dynamic'; object-src 'none'`,
        },
        `<script nonce="${value}">1</script>${body}`,
      ] as [number, Record<string, string>, string];
    };
    const fresh = () => `fresh${String(++n).padStart(20, '0')}`;
    const s = await site({
      // The start page's nonce is static: the start path is still requested twice and judged.
      '/': withNonce(
        () => 'st4t1cSt4t1cSt4t1cSt4t1c',
        '<a href="/a">a</a> <a href="/b">b</a> <a href="/c">c</a>',
      ),
      '/a': withNonce(fresh, '<p>a</p>'),
      '/b': withNonce(fresh, '<p>b</p>'),
      '/c': withNonce(fresh, '<p>c</p>'),
    });
    const report = await scan(s.url, { crawl: true, checks: [cspCheck] });
    expect(report.pages).toHaveLength(4);
    for (const path of ['/a', '/b', '/c']) expect(gets(s, path), path).toBe(1);
    expect(gets(s, '/')).toBe(2);
    expect(report.warnings.filter((w) => w.code === 'CSP_NONCE_REUSED').map((w) => w.url)).toEqual([
      `${s.url}/`,
    ]);
  });

  it('a fetch handler is crawled too', async () => {
    const seen: string[] = [];
    const handler = {
      fetch: (request: Request) => {
        const path = new URL(request.url).pathname;
        seen.push(path);
        return new Response(path === '/' ? '<a href="/next">n</a>' : '<p>end</p>', { headers: HTML });
      },
    };
    const report = await scan(handler, { crawl: 5 });
    expect(report.pages?.map((p) => new URL(p.url).pathname)).toEqual(['/', '/next']);
    expect(seen.filter((p) => p === '/next')).toHaveLength(1);
  });
});

describe('crawl option', () => {
  it.each([
    [0, 'crawl: 0 must be a whole number from 1 to 10000'],
    [1e9, 'crawl: 1000000000 must be a whole number from 1 to 10000'],
    ['yes', 'crawl: "yes" must be true, a number of pages from 1 to 10000, or { pages, include, exclude }'],
    [{ page: 5 }, 'crawl.page is not an option (did you mean pages?)'],
    [
      { exclude: ['admin/**'] },
      'crawl.exclude.0: "admin/**" must be a glob on the URL path that starts with "/" (e.g. "/blog/**")',
    ],
  ])('refuses %j before any request', async (crawl, message) => {
    await expect(scan('http://127.0.0.1:9/', { crawl: crawl as never })).rejects.toThrow(message);
  });
});
