import { randomBytes } from 'node:crypto';
import type { Browser, Page, Request, Route } from 'playwright-core';
import { recordingPolicy, violationOf, type PageRecord } from './record.js';
import { isLogoutLink } from '../../probe/crawl/logout-link.js';

export interface CrawlOptions {
  /** The first page; its origin is the site. */
  start: URL;
  /** Paths always loaded, beside the links found. */
  paths: readonly string[];
  /** How many pages to load in all (the start and `paths` are loaded even beyond it). */
  pages: number;
  /** Per page: the load, the wait for the network to settle, and the reading of the page. */
  timeoutMs: number;
  /** Sent to the site's own origin only (a session cookie), never elsewhere. */
  headers: Readonly<Record<string, string>>;
}

const CSP_HEADERS = new Set(['content-security-policy', 'content-security-policy-report-only']);

/** A page's URL as a crawl key: no fragment, which never reaches the server. */
function pageKey(url: URL): string {
  const copy = new URL(url);
  copy.hash = '';
  return copy.href;
}

/** Resolves after `ms`, to `undefined`; the timer does not hold the process open. */
const after = (ms: number) =>
  new Promise<undefined>((resolve) => {
    (setTimeout(resolve, Math.max(0, ms)) as unknown as NodeJS.Timeout).unref();
  });

/** What a page links to and where its forms go, read once it has settled. */
function readLinks(): { links: string[]; forms: string[] } {
  return {
    links: Array.from(document.querySelectorAll('a[href], area[href]'), (a) => (a as HTMLAnchorElement).href),
    forms: Array.from(document.forms, (form) => form.action),
  };
}

/**
 * Loads the site's pages in one browser context and records, for each, its HTML as served, the
 * app's own policies and every violation of the recording policy, which it serves instead of
 * the app's (report-only, so the page still runs everything). Follows same-origin links,
 * breadth first, until `pages` are loaded. A page that never finishes, navigates forever,
 * downloads or opens dialogs is given up at its deadline with what it showed so far.
 *
 * @example
 * const pages = await crawlSite(browser, { start: new URL('http://127.0.0.1:3000/'), paths: [], pages: 20, timeoutMs: 15_000, headers: {} });
 */
export async function crawlSite(browser: Browser, options: CrawlOptions): Promise<PageRecord[]> {
  const origin = options.start.origin;
  const context = await browser.newContext({ acceptDownloads: false, serviceWorkers: 'block' });
  let current: PageRecord | undefined;
  let currentPage: Page | undefined;
  // Unguessable, though not secret (page script can read it off a real violation): the reports
  // are told apart from page script's requests by their type, which only the browser sets.
  const reportPath = `/.well-known/checksecure-csp-draft/${randomBytes(16).toString('hex')}`;
  const recording = { path: reportPath, policy: recordingPolicy(reportPath) };
  try {
    await context.route('**/*', (route) =>
      serveRecorded(route, origin, options, recording, () => ({ record: current, page: currentPage })).catch(
        () => route.abort().catch(() => {}),
      ),
    );
    const explicit = [options.start, ...options.paths.map((p) => new URL(p, origin))].map(pageKey);
    const queue = [...new Set(explicit)];
    const seen = new Set(queue);
    const records: PageRecord[] = [];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (records.length >= options.pages && !explicit.includes(url)) continue;
      const record: PageRecord = { url, policies: [], violations: [], forms: [] };
      records.push(record);
      const page = await context.newPage();
      current = record;
      currentPage = page;
      const found = await visit(page, record, options.timeoutMs);
      current = undefined;
      currentPage = undefined;
      // A page busy navigating can keep its close waiting: the crawl goes on without it.
      await Promise.race([page.close({ runBeforeUnload: false }).catch(() => {}), after(5000)]);
      for (const link of found) {
        let next: URL;
        try {
          next = new URL(link);
        } catch {
          continue;
        }
        if (next.origin !== origin || isLogoutLink(next)) continue;
        const key = pageKey(next);
        if (seen.has(key)) continue;
        seen.add(key);
        queue.push(key);
      }
    }
    return records;
  } finally {
    await Promise.race([context.close().catch(() => {}), after(10_000)]);
  }
}

/** Loads one page within `timeoutMs`, fills its record, and returns the links it holds. */
async function visit(page: Page, record: PageRecord, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  // A hostile or broken page must not hold the crawl: alerts are dismissed, popups closed.
  page.on('dialog', (dialog) => void dialog.dismiss().catch(() => {}));
  page.on('popup', (popup) => void popup.close({ runBeforeUnload: false }).catch(() => {}));
  page.setDefaultTimeout(timeoutMs);
  const work = (async () => {
    try {
      await page.goto(record.url, { waitUntil: 'load', timeout: left() });
    } catch (error) {
      record.error = firstLine(error);
    }
    // What the scripts fetch after load counts too; a page that never settles is read as it is.
    await page.waitForLoadState('networkidle', { timeout: Math.min(left(), 5000) }).catch(() => {});
    try {
      const read = await page.evaluate(readLinks);
      record.forms = read.forms.filter((action) => typeof action === 'string').slice(0, 1000);
      return read.links.filter((link) => typeof link === 'string').slice(0, 10_000);
    } catch (error) {
      record.error ??= firstLine(error);
      return [];
    }
  })();
  const result = await Promise.race([work, after(left() + 1000)]);
  if (result === undefined) {
    record.error ??= `not settled within ${timeoutMs / 1000} s`;
    return [];
  }
  return result;
}

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^page\.\w+: /, '');

/**
 * The site's documents are fetched here and served with the recording policy in place of the
 * app's (kept in the record); the site's other requests get the extra headers; every other
 * origin's requests go out untouched.
 */
async function serveRecorded(
  route: Route,
  origin: string,
  options: CrawlOptions,
  recording: { path: string; policy: string },
  now: () => { record: PageRecord | undefined; page: Page | undefined },
): Promise<void> {
  const request = route.request();
  let url: URL;
  try {
    url = new URL(request.url());
  } catch {
    return route.continue();
  }
  if (url.origin !== origin) return route.continue();
  if (url.pathname === recording.path) {
    const { record, page } = now();
    // A page that loops (a reload, a script that keeps failing) must not grow the record forever.
    if (record && page && isBrowserReport(request, page) && record.violations.length < 5000) {
      const violation = violationOf(request.postData() ?? '', recording.policy);
      if (violation) record.violations.push(violation);
    }
    return route.fulfill({ status: 204 });
  }
  const headers = { ...request.headers(), ...lowerKeys(options.headers) };
  if (request.resourceType() !== 'document') return route.continue({ headers });
  const response = await route.fetch({ headers, maxRedirects: 0, timeout: options.timeoutMs });
  const body = await response.body();
  const { record, page } = now();
  const main = page !== undefined && request.frame() === page.mainFrame();
  const out: Record<string, string> = {};
  for (const { name, value } of response.headersArray()) {
    const key = name.toLowerCase();
    if (CSP_HEADERS.has(key)) {
      if (main && record && key === 'content-security-policy') record.policies.push(value);
      continue;
    }
    // Playwright splits a multi-line set-cookie back into its cookies.
    out[key] = out[key] === undefined ? value : `${out[key]}${key === 'set-cookie' ? '\n' : ', '}${value}`;
  }
  out['content-security-policy-report-only'] = recording.policy;
  if (main && record && record.html === undefined && (response.status() < 300 || response.status() >= 400)) {
    record.status = response.status();
    record.contentType = out['content-type'];
    if (/html/i.test(out['content-type'] ?? '')) record.html = body.toString('utf8');
  }
  await route.fulfill({ status: response.status(), headers: out, body });
}

/**
 * A CSP report the browser sent for `page`: a POST of type 'other', which fetch, sendBeacon, a
 * form or any other request page script can make never is.
 */
function isBrowserReport(request: Request, page: Page): boolean {
  if (request.method() !== 'POST' || request.resourceType() !== 'other') return false;
  if (!/^application\/csp-report\b/i.test(request.headers()['content-type'] ?? '')) return false;
  try {
    return request.frame().page() === page;
  } catch {
    return false;
  }
}

function lowerKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
