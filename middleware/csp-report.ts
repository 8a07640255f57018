import { clientAddress } from './client-address.js';
import { parseCspReports, type CspViolation } from './csp-violation.js';
import { securityEvent, toLogger } from './logger.js';
import { logText } from '../src/util/log-text.js';
import { toMiddleware, type PartMiddleware } from './node-adapter.js';
import type { Endpoint, Finalize } from './part.js';
import { rateTable, type RateTable } from './rate-table.js';
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
  /**
   * Clients tracked by the rate limit at once. Default 10,000. A client keeps its entry until its
   * window ends; while the table is full, clients without an entry share one spare allowance.
   */
  maxClients?: number;
  /** Receives every violation: a database, a queue, or jsonlSink(file). */
  sink?: (report: CspViolation) => unknown;
  /**
   * The proxies in front of the app, for the rate limit: `1` (or `true`) for one, `2` for two.
   * The client is then the entry that many places from the right of X-Forwarded-For (the
   * left-most entries are the client's own and prove nothing). Default false: the socket's peer.
   * Only when the app cannot be reached without passing through them.
   */
  trustProxy?: boolean | number;
  /**
   * The client a report is counted against; overrides trustProxy. Default the socket's address
   * (or X-Forwarded-For's, with trustProxy), an IPv6 client by its /64.
   */
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

/** More proxies than this in front of one app is a typo. */
const MAX_HOPS = 10;

function proxyHops(value: unknown): number {
  if (value === undefined || value === false) return 0;
  if (value === true) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_HOPS)
    fail(
      'cspReport: trustProxy',
      value,
      `must be true, false or the number of proxies in front of the app (1 to ${MAX_HOPS})`,
    );
  return value;
}

/** The fields of a report as a log shows them: one inert line each (the sink gets them as sent). */
function logFields(report: CspViolation): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report))
    fields[key] = typeof value === 'string' ? logText(value) : value;
  return fields;
}

/**
 * An endpoint for CSP violation reports (`application/csp-report` from report-uri and
 * `application/reports+json` from report-to) with a body-size limit and a per-client rate
 * limit (an IPv6 client by its /64; behind proxies, see trustProxy), plus the
 * `Reporting-Endpoints` header on every response. Reports go to the logger (escaped, one line
 * each) and to `sink` (as sent, each field capped). Pair it with `contentSecurityPolicy({ reportUri: '/csp-reports', reportTo: 'csp-endpoint' })`,
 * which secure() does for you. Fixes CSP_NO_REPORTING.
 *
 * @example
 * app.use(cspReport({ sink: jsonlSink('csp-reports.jsonl'), logger: pino() }));
 * // Behind one reverse proxy that appends to X-Forwarded-For:
 * app.use(cspReport({ trustProxy: 1, sink: jsonlSink('csp-reports.jsonl', { keep: 2 }) }));
 */
export function cspReport(options: CspReportOptions = {}): PartMiddleware {
  knownKeys('cspReport', options, [
    'path',
    'endpointName',
    'maxBodyBytes',
    'rateLimit',
    'maxClients',
    'sink',
    'trustProxy',
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
  const hops = proxyHops(options.trustProxy);
  const logger = toLogger('cspReport', options.logger);
  let allow: RateTable | undefined;
  if (options.rateLimit !== false) {
    const rate = options.rateLimit ?? {};
    knownKeys('cspReport: rateLimit', rate, ['max', 'windowSeconds']);
    allow = rateTable(
      integer('cspReport: rateLimit.max', rate.max, 60, 1),
      integer('cspReport: rateLimit.windowSeconds', rate.windowSeconds, 60, 1) * 1000,
      integer('cspReport: maxClients', options.maxClients, 10_000, 1),
    );
  }
  const clientKey = options.clientKey ?? ((view: RequestView) => clientAddress(view, hops));
  const sink = options.sink;
  // JSON is UTF-8 (RFC 8259), as every browser sends it. Decoding other bytes leniently would
  // store each as U+FFFD, three bytes: a body would take up to three times its size on disk.
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  const endpoint: Endpoint = {
    path,
    maxBodyBytes,
    receive(view, contentType, body) {
      // The limit counts reports, not bodies (one body may carry a hundred): the first is
      // charged before the body is read, the rest once it is parsed.
      const client = allow ? clientKey(view) : '';
      if (allow && allow(client, Date.now()) === 0) return answer(429, 'Too Many Requests\n');
      if (body === undefined) return answer(413, 'Payload Too Large\n');
      if (!TYPES.has(contentType))
        return answer(
          415,
          'Unsupported Media Type: send application/csp-report or application/reports+json\n',
        );
      let reports: CspViolation[] | undefined;
      try {
        reports = parseCspReports(JSON.parse(utf8.decode(body)));
      } catch {
        reports = undefined;
      }
      if (!reports) return answer(400, 'Bad Request: not a CSP report\n');
      const taken =
        allow && reports.length > 1 ? 1 + allow(client, Date.now(), reports.length - 1) : reports.length;
      for (const report of reports.slice(0, taken)) {
        // A console-style logger prints these as they are: a newline or an escape sequence in a
        // URL would forge a log line or restyle the terminal, so each is made one inert line.
        if (logger.warn) {
          const fields = logFields(report);
          securityEvent(
            logger,
            'warn',
            'csp.report',
            fields,
            `CSP violation: ${report.effectiveDirective ?? '?'} blocked ${report.blockedUrl ?? '?'} on ${report.documentUrl ?? '?'}`,
          );
        }
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
      return taken < reports.length ? answer(429, 'Too Many Requests\n') : answer(204);
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
