import type { Exchange } from '../core/types.js';
import { contentCodings, MAX_CODINGS } from './content-encoding.js';

const PLAIN_TO_TLS = /plain HTTP request was sent to HTTPS port/i;

/**
 * What a reader should know about the pages the checks judged: a page that ended in an error
 * status, or at a redirect to another host (never followed), was judged as it came, and so was
 * a body with more content codings than are undone. A staging
 * site behind a login answers 401 or a redirect to its identity provider on every path, and a
 * report that is silent about it reads as a verdict on the app.
 *
 * @example
 * pageNotes(await probe.pages(), true); // ['GET https://staging.example.com/ answered 401: …']
 */
export function pageNotes(pages: readonly Exchange[], fullUrls: boolean): string[] {
  const notes: string[] = [];
  const cut: string[] = [];
  for (const page of pages) {
    const url = fullUrls ? page.url : pathOf(page.url);
    if (page.bodyTruncated) cut.push(`GET ${url}`);
    const status = page.status;
    if (status === 401 || status === 403) {
      notes.push(
        `GET ${url} answered ${status}: the checks judged the login wall; send a session (headers, e.g. -H 'Cookie: …') to judge what is behind it`,
      );
    } else if (status === 400 && PLAIN_TO_TLS.test(page.body) && page.url.startsWith('http:')) {
      // nginx's answer to plain HTTP on its TLS port; the checks would judge its error page.
      notes.push(
        `GET ${url} answered 400: the server speaks TLS on that port ("The plain HTTP request was sent to HTTPS port"): did you mean ${page.url.replace(/^http:/, 'https:')}?`,
      );
    } else if (status === 400 && page.request.headers.host === undefined) {
      // What an app that checks Host (allowedHosts, Django's ALLOWED_HOSTS) answers the scan's
      // own host, most often 127.0.0.1 for an in-process app.
      notes.push(
        `GET ${url} answered 400: the checks judged that error page; if the app only answers its own hosts (allowedHosts), send one: -H 'Host: example.com'`,
      );
    } else if (status >= 400) {
      notes.push(`GET ${url} answered ${status}: the checks judged that error page`);
    } else if (status >= 300 && status < 400) {
      notes.push(redirectNote(`GET ${url}`, status, page));
    }
    const codings = contentCodings(page.headers['content-encoding']).length;
    if (codings > MAX_CODINGS)
      notes.push(
        `GET ${url} came with ${codings} content codings, more than the ${MAX_CODINGS} undone (as curl and fetch): the checks read its body as it came`,
      );
  }
  // Once for all of them: a crawl of large pages would repeat it for each.
  if (cut.length > 0)
    notes.push(
      `${cut.length === 1 ? 'a page was' : `${cut.length} pages were`} longer than the body read (maxBodyBytes): the checks judged, and the crawl read links in, the first part only (${cut.slice(0, 3).join(', ')}${cut.length > 3 ? ', …' : ''})`,
    );
  return notes;
}

/** Why the probe stopped at a redirect: the reasons Probe's follow() has, in its order. */
function redirectNote(request: string, status: number, page: Exchange): string {
  const location = page.headers.location?.[0];
  if (location === undefined)
    return `${request} answered ${status} without a Location: the checks judged that answer`;
  const shown = location.slice(0, 200);
  let next: URL;
  try {
    next = new URL(location, page.url);
  } catch {
    return `${request} answered ${status} with a Location that is not a URL (${shown}): the checks judged that answer`;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    return `${request} redirects to ${shown}, not an http: or https: URL (not followed): the checks judged the redirect itself`;
  return `${request} redirects to ${shown}, another host (not followed): the checks judged the redirect itself`;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
