/** One `securitypolicyviolation` the recording policy raised on a page. */
export interface Violation {
  /** The violation's effectiveDirective (script-src-elem, img-src, …). */
  directive: string;
  /** A URL, or 'inline', 'eval', 'wasm-eval', or a scheme such as 'data'. */
  blocked: string;
  /** The first 40 characters of the inline code, where the directive says 'report-sample'. */
  sample: string;
  /** The document the violation happened in (the page, or a same-origin frame of it). */
  documentUrl: string;
}

/** What one crawled page showed: its HTML as served, the app's own policies, and what it loaded and ran. */
export interface PageRecord {
  url: string;
  status?: number;
  /** Why the page was not (completely) read: a timeout, a download, a navigation error. */
  error?: string;
  contentType?: string;
  /** The main document's body as the server sent it. */
  html?: string;
  /** The Content-Security-Policy values the app sent (set aside while recording, so nothing is blocked). */
  policies: string[];
  violations: Violation[];
  /** Where the page's forms submit, resolved (a form without action submits to its page). */
  forms: string[];
}

const SAMPLED = [
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
];
const FETCHES = [
  'default-src',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
];

/**
 * The report-only policy the crawler serves with every page: it allows nothing, so everything a
 * page loads or runs raises a violation that names its directive, and 'report-sample' adds the
 * start of inline code. Report-only: the page still works, so what its scripts load is seen too.
 */
export const RECORDING_POLICY = [
  ...FETCHES.map((directive) => `${directive} 'none'`),
  ...SAMPLED.map((directive) => `${directive} 'report-sample'`),
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** The name of the binding the init script reports violations through. */
export const BINDING = '__checksecureCspDraft';

/**
 * Runs in every document before its scripts: hands each violation of the recording policy (and
 * only that policy's: an app's <meta> policy raises its own) to the binding.
 */
export const INIT_SCRIPT = `(() => {
  const policy = ${JSON.stringify(RECORDING_POLICY)};
  const name = ${JSON.stringify(BINDING)};
  let report = globalThis[name];
  document.addEventListener('securitypolicyviolation', (e) => {
    report = typeof report === 'function' ? report : globalThis[name];
    if (e.disposition !== 'report' || e.originalPolicy !== policy || typeof report !== 'function') return;
    report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample || '', documentUrl: e.documentURI });
  }, true);
})();`;
