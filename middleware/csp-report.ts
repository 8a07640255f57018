import { parseCspReports, type CspViolation } from './csp-violation.js';
import { securityEvent, toLogger } from './logger.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import type { Endpoint, Finalize } from './part.js';
import type { Answer, LoggerOption, RequestView } from './types.js';
import { fail, headerText, integer, knownKeys } from './validate.js';

export interface CspReportOptions extends LoggerOption {
  /** Where browsers POST reports. Default '/csp-reports'. */
  path?: string;
  /** The Reporting-Endpoints name for `report-to`. Default 'csp-endpoint'. */
  endpointName?: string;
  /** Largest body accepted. Default 64 KiB; larger bodies get 413. */
  maxBodyBytes?: number;
  /** Reports accepted per client per window; beyond, 429. Default 60 per 60 s; false for none. */
  rateLimit?: { max?: number; windowSeconds?: number } | false;
  /** Clients tracked by the rate limit at once (the oldest are forgotten first). Default 10,000. */
  maxClients?: number;
  /** Receives every violation: a database, a queue, or jsonlSink(file). */
  sink?: (report: CspViolation) => unknown;
  /** The client a report is counted against. Default the socket's address. */
  clientKey?: (view: RequestView) => string;
}

const TYPES: ReadonlySet<string> = new Set([
  'application/csp-report',
  'application/reports+json',
  'application/json',
]);
const answer = (status: number, body = ''): Answer => ({
  status,
  headers: body ? { 'Content-Type': 'text/plain; charset=utf-8' } : {},
  body,
});

/**
 * A fixed-window counter per client, with at most `maxClients` entries: when a flood of new
 * clients fills it, the oldest window is dropped, so memory stays bounded.
 */
function rateLimiter(
  max: number,
  windowMs: number,
  maxClients: number,
): (client: string, now: number) => boolean {
  const windows = new Map<string, { start: number; count: number }>();
  return (client, now) => {
    let entry = windows.get(client);
    if (!entry || now - entry.start >= windowMs) {
      windows.delete(client);
      if (windows.size >= maxClients) windows.delete(windows.keys().next().value as string);
      entry = { start: now, count: 0 };
      windows.set(client, entry);
    }
    entry.count++;
    return entry.count <= max;
  };
}

/**
 * An endpoint for CSP violation reports (`application/csp-report` from report-uri and
 * `application/reports+json` from report-to) with a body-size limit and a per-client rate
 * limit, plus the `Reporting-Endpoints` header on every response. Reports go to the logger and
 * to `sink`. Pair it with `contentSecurityPolicy({ reportUri: '/csp-reports', reportTo: 'csp-endpoint' })`,
 * which secure() does for you. Fixes CSP_NO_REPORTING.
 *
 * @example
 * app.use(cspReport({ sink: jsonlSink('csp-reports.jsonl'), logger: pino() }));
 */
export function cspReport(options: CspReportOptions = {}): PartMiddleware {
  knownKeys('cspReport', options, [
    'path',
    'endpointName',
    'maxBodyBytes',
    'rateLimit',
    'maxClients',
    'sink',
    'clientKey',
    'logger',
  ]);
  const path = headerText('cspReport: path', options.path ?? '/csp-reports');
  if (!/^\/[^\s"?#]*$/.test(path))
    fail('cspReport: path', path, 'must be a path starting with "/" without spaces, quotes or a query');
  const endpointName = headerText('cspReport: endpointName', options.endpointName ?? 'csp-endpoint');
  if (!/^[A-Za-z0-9_-]+$/.test(endpointName))
    fail('cspReport: endpointName', endpointName, 'must be letters, digits, "-" or "_"');
  const maxBodyBytes = integer(
    'cspReport: maxBodyBytes',
    options.maxBodyBytes,
    64 * 1024,
    1,
    16 * 1024 * 1024,
  );
  if (options.sink !== undefined && typeof options.sink !== 'function')
    fail('cspReport: sink', options.sink, 'must be a function (report) => void');
  if (options.clientKey !== undefined && typeof options.clientKey !== 'function')
    fail('cspReport: clientKey', options.clientKey, 'must be a function (request) => string');
  const logger = toLogger('cspReport', options.logger);
  let allow: ((client: string, now: number) => boolean) | undefined;
  if (options.rateLimit !== false) {
    const rate = options.rateLimit ?? {};
    knownKeys('cspReport: rateLimit', rate, ['max', 'windowSeconds']);
    allow = rateLimiter(
      integer('cspReport: rateLimit.max', rate.max, 60, 1),
      integer('cspReport: rateLimit.windowSeconds', rate.windowSeconds, 60, 1) * 1000,
      integer('cspReport: maxClients', options.maxClients, 10_000, 1),
    );
  }
  const clientKey = options.clientKey ?? ((view: RequestView) => view.remoteAddress ?? 'unknown');
  const sink = options.sink;

  const endpoint: Endpoint = {
    path,
    maxBodyBytes,
    receive(view, contentType, body) {
      if (allow && !allow(clientKey(view), Date.now())) return answer(429, 'Too Many Requests\n');
      if (body === undefined) return answer(413, 'Payload Too Large\n');
      if (!TYPES.has(contentType))
        return answer(
          415,
          'Unsupported Media Type: send application/csp-report or application/reports+json\n',
        );
      let reports: CspViolation[] | undefined;
      try {
        reports = parseCspReports(JSON.parse(body.toString('utf8')));
      } catch {
        reports = undefined;
      }
      if (!reports) return answer(400, 'Bad Request: not a CSP report\n');
      for (const report of reports) {
        securityEvent(
          logger,
          'warn',
          'csp.report',
          { ...report },
          `CSP violation: ${report.effectiveDirective ?? '?'} blocked ${report.blockedUrl ?? '?'} on ${report.documentUrl ?? '?'}`,
        );
        try {
          const result = sink?.(report);
          if (result && typeof (result as Promise<unknown>).catch === 'function')
            (result as Promise<unknown>).catch((error) =>
              logger.error?.({ event: 'csp.sink.failed', error }, 'checksecure: CSP report sink failed'),
            );
        } catch (error) {
          logger.error?.({ event: 'csp.sink.failed', error }, 'checksecure: CSP report sink failed');
        }
      }
      return answer(204);
    },
  };
  // A policy set elsewhere (another middleware, the app) without reporting is pointed here.
  const targets = `; report-uri ${path}; report-to ${endpointName}`;
  const policies = ['content-security-policy', 'content-security-policy-report-only'];
  const finalize: Finalize = {
    on: policies,
    run(headers) {
      for (const name of policies) {
        const values = headers.get(name);
        if (!values || values.every((v) => /(^|;)\s*report-(uri|to)\b/i.test(v))) continue;
        headers.set(
          name,
          values.map((v) =>
            /(^|;)\s*report-(uri|to)\b/i.test(v) ? v : `${v.replace(/[;\s]+$/, '')}${targets}`,
          ),
        );
      }
    },
  };
  return toMiddleware('cspReport', [
    {
      name: 'cspReport',
      endpoint,
      finalize,
      headers: [['Reporting-Endpoints', `${endpointName}="${path}"`]],
    },
  ]);
}

/** The report path and endpoint name a cspReport() middleware uses, for wiring the CSP to it. */
export function reportTargets(options: CspReportOptions = {}): { reportUri: string; reportTo: string } {
  return { reportUri: options.path ?? '/csp-reports', reportTo: options.endpointName ?? 'csp-endpoint' };
}
