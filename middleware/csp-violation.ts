/** One CSP violation, from either report format, normalised. */
export interface CspViolation {
  receivedAt: string;
  documentUrl?: string;
  blockedUrl?: string;
  effectiveDirective?: string;
  originalPolicy?: string;
  disposition?: string;
  sourceFile?: string;
  lineNumber?: number;
  columnNumber?: number;
  statusCode?: number;
  referrer?: string;
  sample?: string;
  userAgent?: string;
}

const MAX_TEXT = 2048;
/** A browser batches; more than this in one body is not a browser. */
export const MAX_REPORTS_PER_BODY = 100;

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_TEXT) : undefined);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function compact(v: CspViolation): CspViolation {
  return Object.fromEntries(
    Object.entries(v).filter(([, value]) => value !== undefined),
  ) as unknown as CspViolation;
}

/**
 * Reads `application/csp-report` (`{"csp-report": {...}}`, report-uri) and
 * `application/reports+json` (`[{type: "csp-violation", body: {...}}]`, report-to). Returns
 * undefined for anything that is neither.
 *
 * @example
 * parseCspReports(JSON.parse(body), 'application/csp-report')?.[0]?.blockedUrl
 */
export function parseCspReports(
  json: unknown,
  receivedAt = new Date().toISOString(),
): CspViolation[] | undefined {
  if (json && typeof json === 'object' && !Array.isArray(json) && 'csp-report' in json) {
    const r = (json as Record<string, unknown>)['csp-report'] as Record<string, unknown> | null;
    if (!r || typeof r !== 'object') return undefined;
    return [
      compact({
        receivedAt,
        documentUrl: text(r['document-uri']),
        blockedUrl: text(r['blocked-uri']),
        effectiveDirective: text(r['effective-directive']) ?? text(r['violated-directive'])?.split(' ')[0],
        originalPolicy: text(r['original-policy']),
        disposition: text(r.disposition),
        sourceFile: text(r['source-file']),
        lineNumber: num(r['line-number']),
        columnNumber: num(r['column-number']),
        statusCode: num(r['status-code']),
        referrer: text(r.referrer),
        sample: text(r['script-sample']),
      }),
    ];
  }
  if (Array.isArray(json)) {
    const out: CspViolation[] = [];
    for (const entry of json.slice(0, MAX_REPORTS_PER_BODY)) {
      if (!entry || typeof entry !== 'object' || (entry as { type?: unknown }).type !== 'csp-violation')
        continue;
      const body = (entry as { body?: unknown }).body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object') continue;
      out.push(
        compact({
          receivedAt,
          documentUrl: text(body.documentURL) ?? text((entry as { url?: unknown }).url),
          blockedUrl: text(body.blockedURL),
          effectiveDirective: text(body.effectiveDirective),
          originalPolicy: text(body.originalPolicy),
          disposition: text(body.disposition),
          sourceFile: text(body.sourceFile),
          lineNumber: num(body.lineNumber),
          columnNumber: num(body.columnNumber),
          statusCode: num(body.statusCode),
          referrer: text(body.referrer),
          sample: text(body.sample),
          userAgent: text((entry as { user_agent?: unknown }).user_agent),
        }),
      );
    }
    return out;
  }
  return undefined;
}
