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

/** Page (URL without query) → its origin: a million reports come from a few hundred pages, so each is parsed once. */
const origins = new Map<string, string>();
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

function originOf(page: string): string {
  let origin = origins.get(page);
  if (origin === undefined) {
    origin = '';
    try {
      const parsed = new URL(page);
      origin = parsed.origin === 'null' ? '' : parsed.origin;
    } catch {
      // A page URL that does not parse has no origin: it is never the site's.
    }
    if (origins.size >= MAX_CACHED) origins.clear();
    origins.set(page, origin);
  }
  return origin;
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
  const page = withoutQuery(documentUrl);
  return {
    documentUrl,
    page: page === '' ? '(unknown)' : page,
    pageOrigin: originOf(page),
    blockedUrl: text(r.blockedUrl),
    directive: directiveOf(r.effectiveDirective),
    originalPolicy: text(r.originalPolicy),
    sourceFile: text(r.sourceFile),
    receivedAt: typeof r.receivedAt === 'string' ? Date.parse(r.receivedAt) : NaN,
  };
}
