/** Whether the policy that was violated blocked the action or only reported it (Report-Only). */
export type CspDisposition = 'enforce' | 'report';

/**
 * One Content-Security-Policy violation a page of the test met, as the browser saw it.
 * `blockedURI` is a URL, or what was blocked without one: `inline`, `eval`, `wasm-eval`,
 * `trusted-types-policy`, `trusted-types-sink`.
 */
export interface BrowserCspViolation {
  /** The directive that decided, e.g. `script-src-elem` (from a console report: as written in the policy). */
  directive: string;
  blockedURI: string;
  /** The script or document where it happened, with `line` and `column` (1-based); '' and 0 when unknown. */
  sourceFile: string;
  line: number;
  column: number;
  /** The first characters of the blocked code, when the policy has 'report-sample'. */
  sample: string;
  disposition: CspDisposition;
  /** The document (a frame's, or the page's) whose policy was violated; '' when the browser did not say. */
  documentURL: string;
  /** The page's URL when the violation arrived. */
  pageURL: string;
  /**
   * How it was seen: the `securitypolicyviolation` event, or only Chromium's console report
   * (what no event reaches: a frame refused by `frame-ancestors`, for one).
   */
  via: 'event' | 'console';
}

/** One way to leave violations out of `toHaveNoCspViolations()`. */
export type CspViolationFilter = string | RegExp | ((violation: BrowserCspViolation) => boolean);

/** The options of `toHaveNoCspViolations()`. */
export interface CspViolationsExpectation {
  /**
   * Violations that do not count. A string is a prefix of the blocked URI (`'inline'`, `'eval'`,
   * `'https://www.googletagmanager.com/'`) or a directive's name (`'img-src'`); a RegExp is tested
   * against both; a function gets the violation.
   */
  ignore?: readonly CspViolationFilter[];
  /** Which ones count: blocked (`'enforce'`), Report-Only (`'report'`), or both (`'any'`, the default). */
  disposition?: CspDisposition | 'any';
}
