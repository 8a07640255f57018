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
 * The reports go to `reportPath`, on the site's origin, where the crawler catches them: they come
 * from the browser itself, which page script cannot impersonate (an event or a binding it could).
 *
 * @example
 * recordingPolicy('/.well-known/checksecure-csp-draft/0f3a'); // "default-src 'none'; …; report-uri /.well-known/…"
 */
export function recordingPolicy(reportPath: string): string {
  return [
    ...FETCHES.map((directive) => `${directive} 'none'`),
    ...SAMPLED.map((directive) => `${directive} 'report-sample'`),
    "form-action 'none'",
    "base-uri 'none'",
    `report-uri ${reportPath}`,
  ].join('; ');
}

/**
 * The violation a browser's `report-uri` POST describes, if it is one of `policy`'s (an app's
 * own <meta> policy may report elsewhere, never here, but a body is checked, not trusted).
 *
 * @example
 * violationOf('{"csp-report":{"effective-directive":"img-src","blocked-uri":"http://cdn.test/a.png",…}}', policy);
 */
export function violationOf(body: string, policy: string): Violation | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const report = (parsed as { 'csp-report'?: unknown } | null)?.['csp-report'];
  if (!report || typeof report !== 'object') return undefined;
  const field = (name: string, max: number) => {
    const value = (report as Record<string, unknown>)[name];
    return typeof value === 'string' ? value.slice(0, max) : '';
  };
  if (field('disposition', 20) !== 'report' || field('original-policy', policy.length + 1) !== policy)
    return undefined;
  return {
    directive: field('effective-directive', 100) || field('violated-directive', 100),
    blocked: field('blocked-uri', 2000),
    sample: field('script-sample', 200),
    documentUrl: field('document-uri', 2000),
  };
}
