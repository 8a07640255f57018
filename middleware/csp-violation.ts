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

/** A browser batches; more than this in one body is not a browser. */
export const MAX_REPORTS_PER_BODY = 100;

/**
 * Stored bytes per text field, as UTF-8 in a JSON line (an escape such as `\u0001` counts its
 * six bytes): enough for a long URL or a policy with many hashes, while a report stays under
 * MAX_REPORT_BYTES whatever the client sends. Browsers send at most 40 characters of sample.
 */
const URL_BYTES = 2048;
const POLICY_BYTES = 4096;
const SAMPLE_BYTES = 256;
const AGENT_BYTES = 512;
const NAME_BYTES = 64;

/** The most one stored report takes as a JSON line: every field at its limit, names included. */
export const MAX_REPORT_BYTES = 16 * 1024;

/** What one UTF-16 code unit at `i` takes in JSON.stringify's UTF-8 output; 0 for a pair's low half. */
function storedBytes(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x20) return c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
  if (c === 0x22 || c === 0x5c) return 2;
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 4 : 6;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = s.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? 0 : 6;
  }
  return 3;
}

/**
 * A string field cut to `max` stored bytes, never inside a surrogate pair. Cutting characters
 * would not do: a character can take six bytes once stored, so 2,048 characters could fill 12 KiB.
 */
function clip(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  let used = 0;
  // Every code unit stores as at least one byte, so no more than `max` of them are ever read.
  const end = Math.min(value.length, max);
  for (let i = 0; i < end; i++) {
    const bytes = storedBytes(value, i);
    // A high surrogate whose pair would not fit goes with it.
    if (used + bytes > max || (bytes === 4 && i + 1 >= end)) return value.slice(0, i);
    used += bytes;
  }
  return end === value.length ? value : value.slice(0, end);
}

const url = (value: unknown) => clip(value, URL_BYTES);
const name = (value: unknown) => clip(value, NAME_BYTES);
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
        documentUrl: url(r['document-uri']),
        blockedUrl: url(r['blocked-uri']),
        effectiveDirective:
          name(r['effective-directive']) ??
          (typeof r['violated-directive'] === 'string'
            ? name(r['violated-directive'].split(' ', 1)[0])
            : undefined),
        originalPolicy: clip(r['original-policy'], POLICY_BYTES),
        disposition: name(r.disposition),
        sourceFile: url(r['source-file']),
        lineNumber: num(r['line-number']),
        columnNumber: num(r['column-number']),
        statusCode: num(r['status-code']),
        referrer: url(r.referrer),
        sample: clip(r['script-sample'], SAMPLE_BYTES),
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
          documentUrl: url(body.documentURL) ?? url((entry as { url?: unknown }).url),
          blockedUrl: url(body.blockedURL),
          effectiveDirective: name(body.effectiveDirective),
          originalPolicy: clip(body.originalPolicy, POLICY_BYTES),
          disposition: name(body.disposition),
          sourceFile: url(body.sourceFile),
          lineNumber: num(body.lineNumber),
          columnNumber: num(body.columnNumber),
          statusCode: num(body.statusCode),
          referrer: url(body.referrer),
          sample: clip(body.sample, SAMPLE_BYTES),
          userAgent: clip((entry as { user_agent?: unknown }).user_agent, AGENT_BYTES),
        }),
      );
    }
    return out;
  }
  return undefined;
}
