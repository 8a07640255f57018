import { ConfigError, SkipCheck, TargetError } from '../core/errors.js';
import type {
  CsrfPair,
  Exchange,
  ProbeApi,
  ProbeRequest,
  RedirectHop,
  ResolvedCsrfToken,
  ResolvedOptions,
  ScannedPage,
  TargetInfo,
  UnscannedPage,
} from '../core/types.js';
import { crawlSite } from './crawl/crawl.js';
import { resolveCsrfToken } from './csrf-token.js';
import { toExchange } from './exchange.js';
import { createLimit } from './limit.js';
import { explainRequestError } from './request-error.js';
import type { OpenTarget } from './target.js';

/** The foreign origin and host the active probes pretend to come from. */
export const ATTACKER_ORIGIN = 'https://attacker.example';
export const ATTACKER_HOST = 'attacker.example';

// One shared instance: a stack trace per skipped check per scan is measurable on captured responses.
const NO_PROBE = new SkipCheck('needs an active probe, and a captured response cannot be requested again');

/** A form POST as a browser sends it from `origin`, which Sec-Fetch-Site describes as `site`. */
const csrfHeaders = (origin: string, site: string): Record<string, string> => ({
  origin,
  'sec-fetch-site': site,
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
  'content-type': 'application/x-www-form-urlencoded',
});

const NO_TOKEN: ResolvedCsrfToken = Object.freeze({ headers: {}, form: [] });

/** `headers` with the jar's cookies over the configured ones of the same name. */
function withCookies(
  headers: Record<string, string>,
  jar: ReadonlyMap<string, string>,
): Record<string, string> {
  if (jar.size === 0) return headers;
  const cookies = new Map<string, string>();
  for (const pair of (headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (pair.trim() !== '') cookies.set((eq === -1 ? pair : pair.slice(0, eq)).trim(), pair.trim());
  }
  for (const [name, value] of jar) cookies.set(name, `${name}=${value}`);
  return { ...headers, cookie: [...cookies.values()].join('; ') };
}

const USER_AGENT = 'checksecure (+https://www.npmjs.com/package/checksecure)';

/**
 * Sends the requests the checks ask for, each at most once per scan: every check that needs
 * the plain-HTTP answer or the cross-site POST shares one promise. A captured response has no
 * probe behind it, so the active probes skip the checks that ask for them.
 */
export class Probe implements ProbeApi {
  readonly info: TargetInfo;
  readonly #target: OpenTarget;
  #paths: string[];
  /** Why each page that could not be read failed, by path. */
  readonly #pageFailures = new Map<string, string>();
  readonly #unscanned: UnscannedPage[] = [];
  readonly #options: ResolvedOptions;
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** The probe's own headers with the user's: for requests to the target's own origin. */
  readonly #baseHeaders: Record<string, string>;
  /** The probe's own headers alone: for any other origin, which the user's were not given for. */
  readonly #foreignHeaders: Record<string, string>;
  /** The target's origin on the wire (scheme, host and port), undefined for in-process targets. */
  readonly #wireOrigin: string | undefined;
  /** The port of the target's base URL ('' for the scheme's default). */
  readonly #port: string;
  /** The CSRF probe's two header sets, alike for every page: merged once per scan. */
  #csrfHeaders: [Record<string, string>, Record<string, string>] | undefined;
  #done = 0;
  /** The pages judged and how each was found, in the order of pages(). */
  #scanned: ScannedPage[] = [];
  readonly #crawlNotes: string[] = [];

  constructor(target: OpenTarget, options: ResolvedOptions) {
    this.info = target.info;
    this.#target = target;
    this.#options = options;
    this.#limit = createLimit(options.concurrency);
    const first = target.initialPath;
    this.#paths =
      first && !options.paths.includes(first) && options.paths.length === 1 && options.paths[0] === '/'
        ? [first]
        : options.paths;
    // Frozen and shared by every request that adds nothing to them (each page's GET): the
    // transports only read request headers.
    this.#foreignHeaders = Object.freeze({
      'user-agent': USER_AGENT,
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      ...(target.info.assumedHttps && target.transport ? { 'x-forwarded-proto': 'https' } : {}),
    });
    this.#baseHeaders = Object.freeze({ ...this.#foreignHeaders, ...options.headers });
    // An in-process app or fetch handler is reached through the process itself: no request of
    // the probe can reach anything else, so every one of them is for the origin the user named.
    this.#wireOrigin = target.info.kind === 'url' ? new URL(target.base).origin : undefined;
    this.#port = new URL(target.base).port;
  }

  /** The paths to probe: the configured ones, less those whose page could not be read. */
  get paths(): string[] {
    return this.#paths;
  }

  /** What the probe assumed about the target, for the report. */
  assumptions(): string[] {
    const out: string[] = [];
    if (this.info.assumedHttps) {
      out.push(
        this.info.kind === 'response'
          ? 'a local response is judged as served over HTTPS by a TLS-terminating proxy (assumeHttps)'
          : 'the target sits behind a TLS-terminating proxy: requests carry X-Forwarded-Proto: https (assumeHttps)',
      );
    }
    if (this.info.kind === 'response')
      out.push('a captured response: checks that need active probes are skipped');
    return out;
  }

  /**
   * The GET of every configured path, redirects followed. A page that cannot be read (timed out,
   * refused, a redirect loop) is left out and listed by unscanned(), so one slow path does not
   * cost the report on the others; when no page can be read, the target cannot be scanned, and
   * the first path's failure rejects as a TargetError.
   */
  pages(): Promise<Exchange[]> {
    const captured = this.#target.captured;
    if (captured) {
      this.#scanned = [{ url: captured.request.url, via: 'start' }];
      return Promise.resolve([captured]);
    }
    return this.#once('pages', async () => {
      const paths = this.paths;
      const settled = await Promise.allSettled(paths.map((path) => this.page(path)));
      const read = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      if (read.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
      paths.forEach((path, i) => {
        if (settled[i]!.status === 'rejected')
          this.#unscanned.push({ url: this.#target.base + path, reason: this.#pageFailures.get(path) ?? '' });
      });
      // The checks' own probes (CSRF, CORS, the plain-HTTP request) go to pages that answered,
      // and to those alone: a crawl finds pages to judge, never forms to POST to.
      this.#paths = paths.filter((_, i) => settled[i]!.status === 'fulfilled');
      this.#scanned = read.map((page, i) => {
        const requested = this.#target.base + this.#paths[i]!;
        return page.request.url === requested
          ? { url: page.request.url, via: 'start' }
          : { url: page.request.url, via: 'start', requested };
      });
      const crawl = this.#options.crawl;
      if (!crawl || !this.#target.transport) return read;
      const start = this.#paths.map((path, i) => ({ path, exchange: read[i]! }));
      const found = await crawlSite(start, crawl, {
        page: (path, follows) => this.page(path, follows),
        get: (path) => this.#send(this.#request('GET', path)).catch(() => undefined),
        base: this.#target.base,
        origins: [...new Set([new URL(this.#target.base).origin, new URL(this.#target.origin).origin])],
      });
      for (const path of found.failed)
        this.#unscanned.push({ url: this.#target.base + path, reason: this.#pageFailures.get(path) ?? '' });
      this.#crawlNotes.push(...found.notes);
      this.#scanned.push(...found.pages.map((p) => p.scanned));
      return [...read, ...found.pages.map((p) => p.exchange)];
    });
  }

  /** The pages pages() judged, and how each was found: the start paths, then the crawl's. */
  scanned(): ScannedPage[] {
    return [...this.#scanned];
  }

  /** What the crawl says about itself: where it stopped, what it found but did not judge. */
  crawlNotes(): string[] {
    return [...this.#crawlNotes];
  }

  /** The pages pages() could not read, with the reason, in the order of the paths. */
  unscanned(): UnscannedPage[] {
    return [...this.#unscanned];
  }

  /**
   * The GET of one path, redirects followed; rejects with a TargetError naming the URL. With
   * `follows`, a redirect is followed only to a URL it allows: the crawl's own rules (logout
   * links, exclude and include globs) hold at every hop, not only for the link it found.
   */
  page(path: string, follows?: (next: URL) => boolean): Promise<Exchange> {
    return this.#once(`page ${path}`, async () => {
      const url = this.#target.base + path;
      try {
        return await this.#follow(path, follows);
      } catch (error) {
        const reason = await explainRequestError(error, url, {
          // Only a URL target is a server elsewhere that may speak TLS on the port given.
          probeTls: this.info.kind === 'url',
          timeoutMs: this.#options.timeoutMs,
        });
        this.#pageFailures.set(path, reason);
        throw new TargetError(`GET ${url}: ${reason}`, { cause: error });
      }
    });
  }

  /** A second GET of a page, for nonce reuse. */
  refetch(path: string): Promise<Exchange> {
    return this.#active(`refetch ${path}`, () => this.#follow(path));
  }

  /**
   * The first hop of a plain-HTTP request: the `http:` URL for an `https:` target or a remote one
   * (port 80 for a target on 443: where a visitor's http:// goes), `X-Forwarded-Proto: http` for
   * a local plain-HTTP target behind its assumed proxy. Never follows the redirect, which may
   * leave the machine. The `http:` URL is another origin than the target's, so it carries none of
   * the user's headers: they would cross the network in clear text, to a port they were not
   * given for. The `X-Forwarded-Proto` request goes to the target's own origin (the very
   * connection the user named, or the app in this process), so it carries them: a scan of an app
   * behind a proxy presents the site's name in a `Host` header, which the redirect must see.
   */
  plainHttp(path: string): Promise<Exchange> {
    return this.#active(`http ${path}`, () => {
      const target = this.#target;
      // A server that terminates TLS itself rightly ignores X-Forwarded-Proto on a TLS
      // connection: only a real plain-HTTP request says how it answers one.
      if (target.info.kind === 'url' && (!target.info.local || target.base.startsWith('https:'))) {
        const url = new URL(path, target.base);
        url.protocol = 'http:';
        return this.#send(this.#request('GET', path, { 'x-forwarded-proto': undefined }, url.href), false);
      }
      const req = this.#request('GET', path, { 'x-forwarded-proto': 'http' });
      if (target.info.kind === 'fetch') req.url = req.url.replace(/^https:/, 'http:');
      return this.#send(req, false);
    });
  }

  /**
   * The same form POST as cross-site, then as same-origin, for the CSRF check. With
   * `csrf.sameOrigin`, only the same-origin POST carries the token; cookies the token function's
   * GETs were given go with both, as a browser sends them.
   */
  csrf(path: string): Promise<CsrfPair> {
    return this.#active(`csrf ${path}`, async () => {
      this.#csrfHeaders ??= [
        this.#merge(csrfHeaders(this.#target.origin, 'same-origin')),
        this.#merge(csrfHeaders(ATTACKER_ORIGIN, 'cross-site')),
      ];
      const jar = new Map<string, string>();
      const token = await this.#csrfToken(path, jar);
      const post = (headers: Record<string, string>, form: [string, string][] = []) => {
        const req: ProbeRequest = {
          method: 'POST',
          url: this.#target.base + path,
          headers: withCookies(headers, jar),
        };
        req.body = new URLSearchParams([['checksecure', 'probe'], ...form]).toString();
        return this.#send(req, false);
      };
      // The cross-site POST goes first, and alone: a refusal it gets then cannot be the
      // aftermath of the same-origin one (the item that one deleted, the cart it emptied).
      const crossSite = await post(this.#csrfHeaders[1]);
      const sameOrigin = await post({ ...this.#csrfHeaders[0], ...token.headers }, token.form);
      return { sameOrigin, crossSite };
    });
  }

  /** The token for the same-origin POST to `path`: as configured, or fetched by the function. */
  async #csrfToken(path: string, jar: Map<string, string>): Promise<ResolvedCsrfToken> {
    const sameOrigin = this.#options.csrfSameOrigin;
    if (sameOrigin === undefined) return NO_TOKEN;
    if (typeof sameOrigin !== 'function') return sameOrigin;
    const get = async (page: string): Promise<Exchange> => {
      if (typeof page !== 'string' || !/^\/[^\s]*$/.test(page))
        throw new ConfigError(
          `csrf.sameOrigin: get(${JSON.stringify(page)}) needs a path that starts with "/"`,
        );
      const exchange = await this.#send({
        ...this.#request('GET', page),
        headers: withCookies(this.#baseHeaders, jar),
      });
      for (const cookie of exchange.cookies) {
        if (cookie.deletion) jar.delete(cookie.name);
        else if (cookie.name !== '') jar.set(cookie.name, cookie.value);
      }
      return exchange;
    };
    return resolveCsrfToken(await sameOrigin({ path, get }), 'csrf.sameOrigin()');
  }

  /** A GET with a foreign `Origin` (or `null`), for CORS. */
  foreignOrigin(path: string, origin: string = ATTACKER_ORIGIN): Promise<Exchange> {
    return this.#active(`origin ${origin} ${path}`, () =>
      this.#send(this.#request('GET', path, { origin }), false),
    );
  }

  /** A GET with a foreign `Host` and `X-Forwarded-Host`, for host-header reflection. */
  foreignHost(path: string): Promise<Exchange> {
    return this.#active(`host ${path}`, () =>
      this.#send(
        this.#request('GET', path, { host: ATTACKER_HOST, 'x-forwarded-host': ATTACKER_HOST }),
        false,
      ),
    );
  }

  /**
   * Requests that make careless apps print a stack: a malformed percent-encoding (Express's
   * URIError) and a malformed JSON body (body-parser's SyntaxError).
   */
  errorPages(): Promise<Exchange[]> {
    return this.#active('errors', () => {
      const first = this.paths[0] ?? '/';
      const badPath = first.endsWith('/') ? `${first}%` : `${first}/%`;
      const json = this.#request('POST', first, {
        'content-type': 'application/json',
        origin: this.#target.origin,
      });
      json.body = '{"checksecure":';
      return Promise.all([
        this.#send(this.#request('GET', badPath), false),
        this.#send(this.#request('GET', `/%E0%A4%A/checksecure-missing-${Date.now().toString(36)}`), false),
        this.#send(json, false),
      ]);
    });
  }

  #once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let promise = this.#memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = make();
      // Marked handled here; each awaiting check still sees the rejection.
      promise.catch(() => {});
      this.#memo.set(key, promise);
    }
    return promise;
  }

  #active<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.#target.transport) {
      return Promise.reject(NO_PROBE);
    }
    return this.#once(key, make);
  }

  /**
   * A request for `path` on the target, or for `url` when given (another hop, the http: URL),
   * with the headers that origin may have: the user's go to the target's own origin alone.
   */
  #request(
    method: string,
    path: string,
    extra?: Record<string, string | undefined>,
    url?: string,
  ): ProbeRequest {
    const own =
      url === undefined || this.#wireOrigin === undefined || new URL(url).origin === this.#wireOrigin;
    const base = own ? this.#baseHeaders : this.#foreignHeaders;
    url ??= this.#target.base + path;
    return { method, url, headers: extra ? this.#merge(extra, base) : base };
  }

  /** The base headers with `extra` over them; an undefined value removes a header. */
  #merge(
    extra: Record<string, string | undefined>,
    base: Record<string, string> = this.#baseHeaders,
  ): Record<string, string> {
    const headers: Record<string, string> = { ...base };
    for (const [name, value] of Object.entries(extra)) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    return headers;
  }

  #send(req: ProbeRequest, https = this.#httpsFor(req.url)): Promise<Exchange> {
    const transport = this.#target.transport;
    if (!transport) return Promise.reject(new SkipCheck('no transport'));
    return this.#limit(() =>
      transport.send(req, this.#options.timeoutMs).then((raw) => {
        this.#options.onProgress?.(++this.#done);
        return toExchange(req, req.url, raw, https);
      }),
    );
  }

  #httpsFor(url: string): boolean {
    return this.#target.followAbsolute ? url.startsWith('https:') : this.info.https;
  }

  /**
   * GETs `path` and follows same-host redirects to http: and https: URLs, recording the chain; a
   * loop ends at `maxRedirects`. A Location that is not a URL, or names another scheme (file:,
   * ftp:, data:, javascript:) or another host, ends the chain there: that answer is the page
   * judged, and pageNotes() says why. A hop to another scheme or port of the host is another
   * origin: it is requested without the user's headers (see #request).
   */
  async #follow(path: string, follows?: (next: URL) => boolean): Promise<Exchange> {
    const hops: RedirectHop[] = [];
    let req = this.#request('GET', path);
    /** Whether the hop goes to the URL as written (another server), not to the target's own. */
    let absolute = this.#target.followAbsolute;
    for (;;) {
      const exchange = await this.#send(req, absolute ? req.url.startsWith('https:') : this.info.https);
      const location = exchange.headers.location?.[0];
      if (exchange.status < 300 || exchange.status >= 400 || location === undefined) {
        exchange.redirects = hops;
        return exchange;
      }
      let next: URL;
      try {
        next = new URL(location, req.url);
      } catch {
        exchange.redirects = hops;
        return exchange;
      }
      // Not a request the probe can send (and a file: URL names this machine, not the site).
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        exchange.redirects = hops;
        return exchange;
      }
      const current = new URL(req.url);
      const presented = new URL(this.#target.origin);
      const sameHost = next.hostname === current.hostname || next.hostname === presented.hostname;
      if (!sameHost) {
        exchange.redirects = hops;
        return exchange;
      }
      if (follows && !follows(next)) {
        exchange.redirects = hops;
        return exchange;
      }
      hops.push({ url: req.url, status: exchange.status, location });
      if (hops.length > this.#options.maxRedirects) {
        throw new Error(
          `more than ${this.#options.maxRedirects} redirects (${hops
            .slice(0, 4)
            .map((h) => h.location)
            .join(' → ')}${hops.length > 4 ? ' → …' : ''})`,
        );
      }
      // A local target's own port stands for the site behind its assumed proxy (a redirect to
      // https://localhost/ is followed on it); another port of the host is another server (an
      // auth service on :8080), reached where the redirect says.
      absolute =
        this.#target.followAbsolute ||
        (this.info.kind === 'url' && next.port !== '' && next.port !== this.#port);
      const url = absolute ? next.href : this.#target.base + next.pathname + next.search;
      req = this.#request('GET', next.pathname + next.search, undefined, url);
    }
  }
}
