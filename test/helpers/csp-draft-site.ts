import http from 'node:http';
import { serve, type Served } from './server.js';

/** A site for `csp draft` with one of each thing a CSP governs, spread over four local origins. */
export interface DraftSite {
  /** The pages: static HTML, no nonces (so inline scripts are hashed). */
  site: Served;
  /** A third party's script. */
  scripts: Served;
  /** Images, a stylesheet, a font and a framed page. */
  assets: Served;
  /** A fetch target, a WebSocket endpoint and a form's target. */
  api: Served;
  /** The inline script of /, whose sha256 the draft must hold. */
  inlineScript: string;
  close(): Promise<void>;
}

const html = (res: http.ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html><head><title>shop</title></head><body>${body}</body></html>`);
};

/**
 * Starts the site. `/` holds the inline script, the third-party script, image, stylesheet (with
 * its font), a frame, an onclick handler, a javascript: link, eval, a worker, fetch and a
 * WebSocket; `/about` and `/form` are plain pages (the form posts to another origin); `/hang`
 * never finishes its body and `/loop` navigates to itself forever; a link to the api origin must
 * never be followed.
 */
export async function startDraftSite(): Promise<DraftSite> {
  const scripts = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end('window.widget = true;');
  });
  const assets = await serve((req, res) => {
    if (req.url === '/style.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(
        `@font-face { font-family: shop; src: url(${assetsUrl()}/shop.woff2); } body { font-family: shop; }`,
      );
    } else if (req.url === '/frame.html') html(res, '<p>framed</p>');
    else if (req.url === '/logo.svg') {
      res.writeHead(200, { 'content-type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    } else {
      res.writeHead(200, { 'content-type': 'font/woff2' });
      res.end('not really a font');
    }
  });
  const assetsUrl = () => assets.url;
  const api = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end('{}');
  });
  const apiHost = api.url.replace(/^http:/, 'ws:');
  const inlineScript = `window.inlineRan = true; eval('1 + 1'); new Worker('/worker.js'); fetch('${api.url}/data'); new WebSocket('${apiHost}/live');`;
  const site = await serve((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/')
      return html(
        res,
        `<link rel="stylesheet" href="${assets.url}/style.css">
        <link rel="preload" as="font" type="font/woff2" crossorigin href="${assets.url}/shop.woff2">
        <script src="${scripts.url}/widget.js"></script>
        <script>${inlineScript}</script>
        <img src="${assets.url}/logo.svg">
        <iframe src="${assets.url}/frame.html"></iframe>
        <button onclick="buy()">Buy</button>
        <a href="javascript:void(0)">nothing</a>
        <a href="/about">about</a> <a href="/form#top">form</a> <a href="${api.url}/elsewhere">elsewhere</a>`,
      );
    if (path === '/about')
      return html(res, '<p>about us</p><a href="/">home</a> <a href="/account/logout">log out</a>');
    if (path === '/form')
      return html(res, `<form method="post" action="${api.url}/pay"><button>Pay</button></form>`);
    if (path === '/worker.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end('self.onmessage = () => {};');
    }
    if (path === '/hang') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.write('<!doctype html><p>loading forever');
    }
    if (path === '/loop')
      return html(
        res,
        `<script>alert('hi'); window.open('/about'); location.replace('/loop?' + Date.now());</script>`,
      );
    res.writeHead(404).end();
  });
  return {
    site,
    scripts,
    assets,
    api,
    inlineScript,
    close: async () => {
      await Promise.all([site, scripts, assets, api].map((s) => s.close()));
    },
  };
}
