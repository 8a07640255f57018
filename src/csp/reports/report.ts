/** The fields of one stored CSP violation (a jsonlSink line) that the analysis reads, as strings. */
export interface ReportFields {
  documentUrl: string;
  /** The page without query or fragment: query strings make every page unique, and a fix targets the path. */
  page: string;
  /** The page's origin, or '' when the page URL does not parse. */
  pageOrigin: string;
  blockedUrl: string;
  /** Lower-cased; '(unknown)' when missing or not a directive name. */
  directive: string;
  originalPolicy: string;
  sourceFile: string;
  /** The report's receivedAt in ms since the epoch, NaN when missing. */
  receivedAt: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Page (URL without query) → the page's one string and its origin: a million reports come from a
 * few hundred pages, so each is parsed once, and every map keyed by the page afterwards hashes a
 * string whose hash V8 has already kept.
 */
const pages = new Map<string, { page: string; origin: string }>();
/** Directive names seen, checked once each. */
const directives = new Map<string, string>();
const MAX_CACHED = 10_000;

/** The URL without query or fragment: query strings make every page unique, and a fix targets the path. */
function withoutQuery(url: string): string {
  const query = url.indexOf('?');
  const fragment = url.indexOf('#');
  const end = query === -1 ? fragment : fragment === -1 ? query : Math.min(query, fragment);
  return end === -1 ? url : url.slice(0, end);
}

function pageOf(url: string): { page: string; origin: string } {
  const page = withoutQuery(url);
  let entry = pages.get(page);
  if (entry === undefined) {
    let origin = '';
    try {
      const parsed = new URL(page);
      origin = parsed.origin === 'null' ? '' : parsed.origin;
    } catch {
      // A page URL that does not parse has no origin: it is never the site's.
    }
    entry = { page: page === '' ? '(unknown)' : page, origin };
    if (pages.size >= MAX_CACHED) pages.clear();
    pages.set(page, entry);
  }
  return entry;
}

function directiveOf(value: unknown): string {
  if (typeof value !== 'string') return '(unknown)';
  let name = directives.get(value);
  if (name === undefined) {
    const lower = value.toLowerCase();
    name = /^[a-z][a-z-]{0,40}$/.test(lower) ? lower : '(unknown)';
    if (directives.size >= MAX_CACHED) directives.clear();
    directives.set(value, name);
  }
  return name;
}

/** The minute of the last receivedAt parsed (`2026-01-01T00:00`) and its time: most reports share it. */
let minute = '';
let minuteMs = NaN;

const digit = (text: string, i: number) => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};

/**
 * An ISO time as jsonlSink writes it (`toISOString()`), in ms: Date.parse costs as much as a
 * third of the JSON.parse before it, so within a minute already parsed only the seconds are read.
 */
function timeOf(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  if (
    value.length === 24 &&
    value.charCodeAt(23) === 0x5a &&
    minute !== '' &&
    value.startsWith(minute) &&
    value.charCodeAt(16) === 0x3a &&
    value.charCodeAt(19) === 0x2e
  ) {
    const ms =
      (digit(value, 17) * 10 + digit(value, 18)) * 1000 +
      digit(value, 20) * 100 +
      digit(value, 21) * 10 +
      digit(value, 22);
    if (!Number.isNaN(ms)) return minuteMs + ms;
  }
  const ms = Date.parse(value);
  if (value.length === 24 && !Number.isNaN(ms)) {
    minute = value.slice(0, 16);
    minuteMs = ms - (((ms % 60_000) + 60_000) % 60_000);
  }
  return ms;
}

/**
 * One JSON line as the fields the analysis reads, or undefined when it is not a JSON object (a
 * torn last line, garbage): the caller counts it as skipped.
 *
 * @example
 * reportFields('{"documentUrl":"https://shop.example/?q=1","effectiveDirective":"img-src"}')?.page
 * // 'https://shop.example/'
 */
export function reportFields(line: string): ReportFields | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const r = json as Record<string, unknown>;
  const documentUrl = text(r.documentUrl);
  const { page, origin } = pageOf(documentUrl);
  return {
    documentUrl,
    page,
    pageOrigin: origin,
    blockedUrl: text(r.blockedUrl),
    directive: directiveOf(r.effectiveDirective),
    originalPolicy: text(r.originalPolicy),
    sourceFile: text(r.sourceFile),
    receivedAt: timeOf(r.receivedAt),
  };
}
