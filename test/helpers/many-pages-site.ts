import type http from 'node:http';

/** The pages of manyPagesSite: `/` and `/page/1` … `/page/N-1`. */
export const sitePaths = (n: number): string[] => [
  '/',
  ...Array.from({ length: n - 1 }, (_, i) => `/page/${i + 1}`),
];

/**
 * A site whose every page lacks the same headers (the per-page findings of a real site), with
 * what tells findings apart: `/page/1` sends HSTS (so HSTS_MISSING holds on all pages but one),
 * every page sets a `theme` cookie without Secure whose value differs per page (same finding,
 * other evidence), and `/page/2` sets a second such cookie, `lang` (same code, another message).
 */
export const manyPagesSite: http.RequestListener = (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path !== '/' && !/^\/page\/\d+$/.test(path)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const cookies = [`theme=${encodeURIComponent(path)}; Path=/`];
  if (path === '/page/2') cookies.push('lang=en; Path=/');
  res.setHeader('set-cookie', cookies);
  if (path === '/page/1') res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><title>${path}</title><p>${path}</p>`);
};
