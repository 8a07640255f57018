import { SkipCheck, TargetError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import type { Exchange, ProbeRequest, RedirectHop, TargetInfo } from '../types.js';
import { toExchange } from './exchange.js';
import { createLimit } from './limit.js';
import { explainRequestError } from './request-error.js';
import type { OpenTarget } from './target.js';

/** The foreign origin and host the active probes pretend to come from. */
export const ATTACKER_ORIGIN = 'https://attacker.example';
export const ATTACKER_HOST = 'attacker.example';

/** The two halves of the CSRF probe: the same POST, from the site itself and from another site. */
export interface CsrfPair {
  sameOrigin: Exchange;
  crossSite: Exchange;
}

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

const USER_AGENT = 'checksecure (+https://www.npmjs.com/package/checksecure)';

/**
 * Sends the requests the checks ask for, each at most once per scan: every check that needs
 * the plain-HTTP answer or the cross-site POST shares one promise. A captured response has no
 * probe behind it, so the active probes skip the checks that ask for them.
 */
export class Probe {
  readonly info: TargetInfo;
  readonly paths: string[];
  readonly #target: OpenTarget;
  readonly #options: ResolvedOptions;
  readonly #memo = new Map<string, Promise<unknown>>();
  readonly #limit: <T>(task: () => Promise<T>) => Promise<T>;
  readonly #baseHeaders: Record<string, string>;
  /** The CSRF probe's two header sets, alike for every page: merged once per scan. */
  #csrfHeaders: [Record<string, string>, Record<string, string>] | undefined;
  #done = 0;

  constructor(target: OpenTarget, options: ResolvedOptions) {
    this.info = target.info;
    this.#target = target;
    this.#options = options;
    this.#limit = createLimit(options.concurrency);
    const first = target.initialPath;
    this.paths =
      first && !options.paths.includes(first) && options.paths.length === 1 && options.paths[0] === '/'
        ? [first]
        : options.paths;
    // Frozen and shared by every request that adds nothing to it (each page's GET): the
    // transports only read request headers.
    this.#baseHeaders = Object.freeze({
      'user-agent': USER_AGENT,
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      ...(target.info.assumedHttps && target.transport ? { 'x-forwarded-proto': 'https' } : {}),
      ...options.headers,
    });
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

  /** The GET of every configured path, redirects followed; a failure here is a target error. */
  pages(): Promise<Exchange[]> {
    if (this.#target.captured) return Promise.resolve([this.#target.captured]);
    return this.#once('pages', () => Promise.all(this.paths.map((path) => this.page(path))));
  }

  page(path: string): Promise<Exchange> {
    return this.#once(`page ${path}`, async () => {
      const url = this.#target.base + path;
      try {
        return await this.#follow(this.#request('GET', path));
      } catch (error) {
        const reason = await explainRequestError(error, url, {
          // Only a URL target is a server elsewhere that may speak TLS on the port given.
          probeTls: this.info.kind === 'url',
          timeoutMs: this.#options.timeoutMs,
        });
        throw new TargetError(`GET ${url}: ${reason}`, { cause: error });
      }
    });
  }

  /** A second GET of a page, for nonce reuse. */
  refetch(path: string): Promise<Exchange> {
    return this.#active(`refetch ${path}`, () => this.#follow(this.#request('GET', path)));
  }

  /**
   * The first hop of a plain-HTTP request: the `http:` URL for an `https:` target or a remote one
   * (port 80 for a target on 443: where a visitor's http:// goes), `X-Forwarded-Proto: http` for
   * a local plain-HTTP target behind its assumed proxy. Never follows the redirect, which may
   * leave the machine.
   */
  plainHttp(path: string): Promise<Exchange> {
    return this.#active(`http ${path}`, () => {
      const target = this.#target;
      // A server that terminates TLS itself rightly ignores X-Forwarded-Proto on a TLS
      // connection: only a real plain-HTTP request says how it answers one.
      if (target.info.kind === 'url' && (!target.info.local || target.base.startsWith('https:'))) {
        const url = new URL(path, target.base);
        url.protocol = 'http:';
        const req = this.#request('GET', path, { 'x-forwarded-proto': undefined });
        req.url = url.href;
        return this.#send(req, false);
      }
      const req = this.#request('GET', path, { 'x-forwarded-proto': 'http' });
      if (target.info.kind === 'fetch') req.url = req.url.replace(/^https:/, 'http:');
      return this.#send(req, false);
    });
  }

  /** The same form POST as same-origin and as cross-site, for the CSRF check. */
  csrf(path: string): Promise<CsrfPair> {
    return this.#active(`csrf ${path}`, async () => {
      this.#csrfHeaders ??= [
        this.#merge(csrfHeaders(this.#target.origin, 'same-origin')),
        this.#merge(csrfHeaders(ATTACKER_ORIGIN, 'cross-site')),
      ];
      const post = (headers: Record<string, string>) => {
        const req: ProbeRequest = { method: 'POST', url: this.#target.base + path, headers };
        req.body = 'checksecure=probe';
        return this.#send(req, false);
      };
      const [sameOrigin, crossSite] = await Promise.all([
        post(this.#csrfHeaders[0]),
        post(this.#csrfHeaders[1]),
      ]);
      return { sameOrigin, crossSite };
    });
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

  #request(method: string, path: string, extra?: Record<string, string | undefined>): ProbeRequest {
    return {
      method,
      url: this.#target.base + path,
      headers: extra ? this.#merge(extra) : this.#baseHeaders,
    };
  }

  /** The base headers with `extra` over them; an undefined value removes a header. */
  #merge(extra: Record<string, string | undefined>): Record<string, string> {
    const headers: Record<string, string> = { ...this.#baseHeaders };
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

  /** Follows same-host redirects, recording the chain; a loop ends at `maxRedirects`. */
  async #follow(first: ProbeRequest): Promise<Exchange> {
    const hops: RedirectHop[] = [];
    let req = first;
    for (;;) {
      const exchange = await this.#send(req);
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
      const current = new URL(req.url);
      const presented = new URL(this.#target.origin);
      const sameHost = next.hostname === current.hostname || next.hostname === presented.hostname;
      if (!sameHost) {
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
      const url = this.#target.followAbsolute ? next.href : this.#target.base + next.pathname + next.search;
      req = { ...req, url };
    }
  }
}
