import type { ParsedCookie } from './headers/set-cookie.js';

/** How bad a finding is: `error` is exploitable or rejected by browsers, `info` is hardening. */
export type Severity = 'error' | 'warning' | 'info';

/** The middleware that fixes a warning, and a snippet that shows it in place. */
export interface Fix {
  /** The factory to call, as written in CHECKS.md, e.g. `hsts()`. */
  middleware: string;
  /**
   * Code to paste: for an Express app, or, when the scan knew the app for a Fastify, Koa, hapi or
   * fetch app, for the adapter that mounts secure() there.
   */
  snippet: string;
}

/** The apps that mount the middleware through an adapter of their own rather than app.use(part()). */
export type Adapter = 'fastify' | 'koa' | 'hapi' | 'fetch';

/** What a check declares about each code it may return. */
export interface MessageSpec {
  severity: Severity;
  /** One line: what is wrong. */
  message: string;
  /** The longer "why it matters", printed by `--explain` and at verbosity 2. */
  explanation?: string;
  fix?: Fix;
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
  durationMs: number;
}

/** Re-exported so that users of `Exchange.cookies` need one import. */
export type { ParsedCookie };
