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

/** Page URL → [page, origin]: a million reports come from a few hundred pages, so each is parsed once. */
const pages = new Map<string, [string, string]>();
const MAX_CACHED_PAGES = 10_000;

function pageOf(url: string): [string, string] {
  let entry = pages.get(url);
  if (!entry) {
    const page = url.split(/[?#]/, 1)[0]!;
    let origin = '';
    try {
      const parsed = new URL(url);
      origin = parsed.origin === 'null' ? '' : parsed.origin;
    } catch {
      // A page URL that does not parse has no origin: it is never the site's.
    }
    entry = [page, origin];
    if (pages.size >= MAX_CACHED_PAGES) pages.clear();
    pages.set(url, entry);
  }
  return entry;
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
  const [page, pageOrigin] = pageOf(documentUrl);
  const directive = text(r.effectiveDirective).toLowerCase();
  return {
    documentUrl,
    page: page === '' ? '(unknown)' : page,
    pageOrigin,
    blockedUrl: text(r.blockedUrl),
    directive: /^[a-z][a-z-]{0,40}$/.test(directive) ? directive : '(unknown)',
    originalPolicy: text(r.originalPolicy),
    sourceFile: text(r.sourceFile),
    receivedAt: typeof r.receivedAt === 'string' ? Date.parse(r.receivedAt) : NaN,
  };
}
