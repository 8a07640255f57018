/**
 * The contracts the engine, the checks, the probe and the reports share: one module with no
 * imports from the rest of the code base but header parsers' types and the names of secure()'s
 * parts, so that no layer needs another to name what it passes.
 */
import type { SecurePart } from '../../middleware/secure-parts.js';
import type { ParsedCookie } from '../headers/set-cookie.js';

/** How bad a finding is: `error` is exploitable or rejected by browsers, `info` is hardening. */
export type Severity = 'error' | 'warning' | 'info';

/** The middleware that fixes a warning, and a snippet that shows it in place. */
export interface Fix {
  /** The factory to call, as written in docs/checks.md, e.g. `hsts()`. */
  middleware: string;
  /**
   * Code to paste: for an Express app, or, when the scan knew the app for a Fastify, Koa, hapi or
   * fetch app, for the adapter that mounts secure() there.
   */
  snippet: string;
}

/** A JSON value: what a fix passes to a part of secure(), written into snippets as a JS literal. */
export type FixValue =
  string | number | boolean | null | readonly FixValue[] | { readonly [key: string]: FixValue };

/**
 * A fix by one part of secure() with these options: `app.use(hsts({ maxAge: 63072000 }))` for
 * Express and Connect, `secure({ hsts: { maxAge: 63072000 } })` through the Fastify, Koa, hapi
 * and fetch adapters, with `import` or `require()` as the project loads modules.
 */
export interface PartFix {
  /** The option of secure(), and the factory of `checksecure/middleware` of the same name. */
  part: SecurePart;
  /** What the part is given; none when its defaults fix the code. */
  options?: FixValue;
  /** Comment lines above the Express mount, about Express (`res.locals`): adapters leave them out. */
  comment?: string;
  /** The fix as reports name it, when more than `part()`: `contentSecurityPolicy({ strict: true })`. */
  label?: string;
}

/** A module a manual fix's code uses: `import` or `require()` as the project loads modules. */
export interface FixImport {
  /** The module, e.g. `cors` or `checksecure/middleware`. */
  from: string;
  /** Its default export's local name: `import cors from 'cors'`. */
  default?: string;
  /** Named exports: `import { errorHandler } from 'checksecure/middleware'`. */
  names?: readonly string[];
}

/**
 * A fix no part of secure() makes (configuration, markup, a middleware mounted apart): shown as
 * given, after the lines that import what `imports` names.
 */
export interface ManualFix {
  /** What fixes it, e.g. `CORS configuration`, `markup`, `errorHandler()`. */
  middleware: string;
  /** Code, markup or configuration to paste. */
  snippet: string;
  imports?: readonly FixImport[];
}

/** How a check declares a fix: data, written out per framework and module syntax by the reports. */
export type FixSpec = PartFix | ManualFix;

/** The apps that mount the middleware through an adapter of their own rather than app.use(part()). */
export type Adapter = 'fastify' | 'koa' | 'hapi' | 'fetch';

/** What a check declares about each code it may return. */
export interface MessageSpec {
  severity: Severity;
  /** One line: what is wrong. */
  message: string;
  /** The longer "why it matters", printed by `--explain` and at verbosity 2. */
  explanation?: string;
  fix?: FixSpec;
}

/** A finding. `message` is specific to what was seen; the generic text is in the check's `messages`. */
export interface Warning {
  code: string;
  check: string;
  severity: Severity;
  message: string;
  /** The URL of the response that showed the problem. */
  url: string;
  /** What was seen: a header value, a cookie, the request that was accepted. */
  evidence?: string;
  fix?: Fix;
  /**
   * Every page the finding holds on, `url` first, when it holds on more than one: a finding is
   * reported once per site, not once per page (the evidence is the first page's).
   */
  pages?: string[];
  /**
   * With a baseline: whether the earlier report had this finding (on every page it holds on now
   * that both judged), or `not-compared` when the earlier report judged none of its pages (a
   * crawl reached them this time only): never counted as new, never failing the run.
   */
  baseline?: 'new' | 'unchanged' | 'not-compared';
}

/** A finding that the config's `accept` list accepts: shown apart, never failing a run. */
export interface AcceptedWarning extends Warning {
  /** The acceptance's reason. */
  reason: string;
  /** The acceptance's end date (YYYY-MM-DD), when it has one. */
  until?: string;
}

/** An entry of the config's `accept` list: a finding the team has looked at and accepted. */
export interface Acceptance {
  /** The warning code accepted. */
  code: string;
  /** Path patterns (globs on the URL path, e.g. `/legacy/**`) where it is accepted; default every page. */
  paths?: string[];
  /** Why it is accepted: required, shown beside the finding and in SARIF's suppression. */
  reason: string;
  /** The last day (YYYY-MM-DD) it is accepted; after it, the finding counts again. */
  until?: string;
}

/** How a scanned page came to be scanned. */
export type PageSource = 'start' | 'link' | 'form' | 'sitemap' | 'robots';

/** A page the scan judged, and how it was found. */
export interface ScannedPage {
  /** The page judged: where the redirects of the URL requested ended. */
  url: string;
  via: PageSource;
  /** The page (or sitemap) that linked to it; absent for start pages. */
  from?: string;
  /**
   * The URL requested, when it redirected to `url`: the active probes' findings of a start path
   * are named by it, and a comparison with a baseline must know that page was judged.
   */
  requested?: string;
}

/** How `crawl` discovers pages beyond the start paths. */
export interface CrawlOptions {
  /** The most pages judged, start pages included. Default 100. */
  pages?: number;
  /** Globs on the URL path: only matching pages are crawled (start pages always are). */
  include?: string[];
  /** Globs on the URL path never crawled, besides the logout-like links always left out. */
  exclude?: string[];
}

/** A warning as a check's run gives it, its fix still data: the report writes it out for the app. */
export interface Finding extends Omit<Warning, 'fix'> {
  fix?: FixSpec;
}

/** The request a probe sent. Header names are lower-case. */
export interface ProbeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** One response in a redirect chain. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
}

/**
 * A request and its normalised response: header names lower-case, every value of a repeated
 * header kept in order, cookies parsed, the body read up to the configured cap.
 */
export interface Exchange {
  request: ProbeRequest;
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string[]>;
  cookies: ParsedCookie[];
  body: string;
  bodyTruncated: boolean;
  redirects: RedirectHop[];
  /** True when the response is judged as served over HTTPS (a real `https:` URL or an assumed proxy). */
  https: boolean;
  /** Lower-case media type without parameters, or '' when absent. */
  contentType: string;
  isHtml: boolean;
}

/** What the probe knows about the target, shared by every check. */
export interface TargetInfo {
  kind: 'url' | 'app' | 'fetch' | 'response';
  /** The base URL requests go to (for in-process apps, the loopback address used). */
  url: string;
  /** Human-readable description for reports. */
  description: string;
  /** Responses are judged as HTTPS (a real `https:` URL, or a local target behind an assumed TLS proxy). */
  https: boolean;
  /** In-process app, `localhost` or `127.0.0.1`. */
  local: boolean;
  /** The `X-Forwarded-Proto: https` assumption is in force. */
  assumedHttps: boolean;
  /** Active probes can be sent (false for a captured response). */
  canProbe: boolean;
  /** The adapter that mounts the middleware on this app, when it is not app.use(): fixes show it. */
  adapter?: Adapter;
}

/** Check status in a report. */
export type CheckState = 'passed' | 'warned' | 'errored' | 'skipped';

export interface CheckStatus {
  name: string;
  status: CheckState;
  /** Why a check was skipped or errored. */
  reason?: string;
}

/** A page whose GET could not be read: timed out, refused, a redirect loop. */
export interface UnscannedPage {
  /** The URL requested. */
  url: string;
  /** Why it could not be read, in one line. */
  reason: string;
}

/** The full result of a scan. */
export interface Report {
  version: 1;
  target: string;
  /** What kind of target was scanned; in-process targets have loopback URLs worth shortening. */
  targetKind: TargetInfo['kind'];
  warnings: Warning[];
  checks: CheckStatus[];
  /** What the probe assumed, e.g. a TLS-terminating proxy in front of a local app. */
  assumptions: string[];
  /** About the pages judged: one that answered an error status or redirected to another host. */
  notes?: string[];
  /**
   * The pages that could not be read, so were not judged: the others were, and the run fails
   * (unless fail-on is never). Empty when every page was read.
   */
  unscanned?: UnscannedPage[];
  /** The pages judged, and how each was found (the start paths, or what the crawl found). */
  pages?: ScannedPage[];
  /** Findings the config's `accept` list accepts: not in `warnings`, never failing the run. */
  accepted?: AcceptedWarning[];
  /** With a baseline: the earlier report compared with, and the findings it had that are gone. */
  baseline?: { target: string; fixed: Warning[] };
  durationMs: number;
}

/** Re-exported so that users of `Exchange.cookies` need one import. */
export type { ParsedCookie };

/** A finding as a check yields it; the registry adds the check name, severity and fix. */
export interface WarningInit {
  code: string;
  /** Defaults to the URL of the first probed page. */
  url?: string;
  /** Specific to this finding; defaults to the code's message. */
  message?: string;
  evidence?: string;
  /** Specific to this finding (the cookie it names); defaults to the code's fix. */
  fix?: FixSpec;
}

export type CheckYield = string | WarningInit;
type Yields = void | undefined | null | CheckYield | Iterable<CheckYield> | AsyncIterable<CheckYield>;
/** What `run` may return: codes or warning objects, as an array, a generator, or a promise of either. */
export type CheckResult = Yields | PromiseLike<Yields>;

/** What every check receives. */
export interface CheckContext {
  target: TargetInfo;
  /** The GET of every probed path, after redirects. */
  pages: Exchange[];
  /** Active probes (plain HTTP, cross-site POST, foreign Origin/Host...), each sent once per scan. */
  probe: ProbeApi;
  options: ResolvedOptions;
  /** `options.checkOptions[check.name]`. */
  checkOptions: unknown;
  /** Ends the check as skipped, with the reason shown in the report. */
  skip(reason: string): never;
  /** Whether a cookie is a session cookie, by `sessionCookies` or by the default name rule. */
  isSessionCookie(name: string): boolean;
}

/** A check: a name, the codes it may return with their explanations, and `run`. */
export interface Check {
  name: string;
  messages: Readonly<Record<string, MessageSpec>>;
  run(ctx: CheckContext): CheckResult;
  /** One line for `--list`. */
  description?: string;
  /** Judges HTTPS-only properties: reported as skipped when the target is not served over HTTPS. */
  requiresHttps?: boolean;
  /** Needs active probes: reported as skipped on a captured response. */
  needsProbe?: boolean;
  /**
   * Checks this check's `checkOptions` entry before any request; throws a `ConfigError` whose
   * message starts with `where` (`checkOptions.<name>`). Without it, any value is passed on.
   */
  validateOptions?(value: unknown, where: string): void;
}

/**
 * The original `checksecure` form: a function with a `messages` attribute mapping each code to
 * its message (severity `warning`) or to a full `MessageSpec`.
 */
export type FunctionCheck = ((ctx: CheckContext) => CheckResult) & {
  messages: Record<string, string | MessageSpec>;
};

/** What `defineCheck` accepts: a `Check` whose messages may also be plain strings (severity `warning`). */
export interface CheckDefinition extends Omit<Check, 'messages'> {
  messages: Readonly<Record<string, MessageSpec | string>>;
}

export type CheckInput = Check | CheckDefinition | FunctionCheck;

/** Options of `scan()` and `runChecks()`; the config file uses the same names. */
export interface ScanOptions {
  /** Paths to request on the target, each starting with `/`. Default `['/']`. */
  paths?: string[];
  /** Extra request headers, e.g. a session cookie or `Authorization` for logged-in pages. */
  headers?: Record<string, string>;
  /** Seconds before a request is abandoned. Default 10. */
  timeout?: number;
  /** Bytes of each body read at most. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed per request. Default 10. */
  maxRedirects?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /**
   * Judge a local target as served over HTTPS by a TLS-terminating proxy, sending
   * `X-Forwarded-Proto: https`. Default true for in-process apps, `localhost` and `127.0.0.1`.
   */
  assumeHttps?: boolean;
  /** Names of session cookies. Default: any cookie whose name contains sess, sid, login or auth. */
  sessionCookies?: string[];
  /** Paths (prefixes, or regular expressions) whose responses must not be cached. */
  confidentialPaths?: (string | RegExp)[];
  /**
   * Endpoints for the cross-site POST probe (default: the probed paths), and what only the
   * same-origin POST carries: an anti-CSRF token, or a function that fetches a fresh one.
   */
  csrf?: { paths?: string[]; sameOrigin?: CsrfSameOrigin };
  /** The checks to run. Default `defaultChecks`. */
  checks?: readonly CheckInput[];
  /** Codes to leave out of the results. */
  skip?: string[];
  /**
   * Per-check options, by check name, read by checks as `ctx.checkOptions`. A name that is not
   * an enabled check is refused, and so is a value the check's `validateOptions` refuses.
   */
  checkOptions?: Record<string, unknown>;
  /** Called after each request with the number answered so far (the CLI's progress line). */
  onProgress?: (requestsDone: number) => void;
  /**
   * Follow same-origin links, form actions and the sitemap from the start paths: `true` (up to
   * 100 pages), a number of pages, or the crawl's options. Active probes stay on the start paths.
   */
  crawl?: boolean | number | CrawlOptions;
  /** Findings the team accepts, each with its reason (and an end date): reported apart. */
  accept?: Acceptance[];
}

/** Options after defaults and validation. */
export interface ResolvedOptions {
  paths: string[];
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  concurrency: number;
  assumeHttps: boolean | undefined;
  sessionCookies: string[] | undefined;
  confidentialPaths: (string | RegExp)[];
  csrfPaths: string[] | undefined;
  csrfSameOrigin: ResolvedCsrfToken | ((ctx: CsrfTokenContext) => CsrfToken | Promise<CsrfToken>) | undefined;
  skip: Set<string>;
  checkOptions: Record<string, unknown>;
  onProgress: ((requestsDone: number) => void) | undefined;
  /** The `accept` list, checked: applied to the findings after the checks ran. */
  accept: Acceptance[];
  /** Undefined when the scan judges its start paths alone. */
  crawl: { pages: number; include: string[]; exclude: string[] } | undefined;
}

/** What only the same-origin POST carries: the anti-CSRF token a page on another site cannot read. */
export interface CsrfToken {
  /** Request headers, e.g. `{ 'X-CSRF-Token': token }` (csrf-csrf, lusca, Angular's `X-XSRF-TOKEN`). */
  headers?: Record<string, string>;
  /** Form fields added to the POST body, e.g. `{ _csrf: token }` (csurf, lusca, Rails' `authenticity_token`). */
  form?: Record<string, string>;
}

/** What a token function is given: the endpoint about to be probed, and a way to read its form page. */
export interface CsrfTokenContext {
  /** The endpoint about to receive the two POSTs. */
  path: string;
  /**
   * GETs a path of the target (redirects not followed). The cookies it sets go with both POSTs,
   * as a browser sends them; only what the function returns is kept from the cross-site one.
   * A function property, not a method: `async ({ get }) => …` may take it out of the context.
   */
  get: (path: string) => Promise<Exchange>;
}

/** `csrf.sameOrigin`: a token, or a function that fetches a fresh one for each endpoint. */
export type CsrfSameOrigin = CsrfToken | ((ctx: CsrfTokenContext) => CsrfToken | Promise<CsrfToken>);

/** A token as the probe sends it: header names lower-case, fields in order. */
export interface ResolvedCsrfToken {
  headers: Record<string, string>;
  form: [string, string][];
}

/** The two halves of the CSRF probe: the same POST, from the site itself and from another site. */
export interface CsrfPair {
  sameOrigin: Exchange;
  crossSite: Exchange;
}

/**
 * The active probes a check may ask for (`ctx.probe`). Each request is sent once per scan and
 * shared by every check that asks for it; on a captured response each one ends the check as skipped.
 */
export interface ProbeApi {
  /** The probed paths, as configured. */
  readonly paths: string[];
  /** The GET of a path, after redirects (shared with `ctx.pages`). */
  page(path: string): Promise<Exchange>;
  /** The same GET sent again: a second answer, e.g. to compare nonces. */
  refetch(path: string): Promise<Exchange>;
  /** The GET over plain HTTP, redirects not followed. */
  plainHttp(path: string): Promise<Exchange>;
  /** The same form POST from the site itself and from another site. */
  csrf(path: string): Promise<CsrfPair>;
  /** The GET with a foreign `Origin`. */
  foreignOrigin(path: string, origin?: string): Promise<Exchange>;
  /** The GET with a foreign `Host`. */
  foreignHost(path: string): Promise<Exchange>;
  /** Requests made to provoke error pages (a malformed URL, a missing page). */
  errorPages(): Promise<Exchange[]>;
}
