import { ATTACKER_ORIGIN } from '../probe/probe.js';
import { defineCheck } from '../core/registry.js';
import type { Exchange, ManualFix, WarningInit } from '../core/types.js';

const corsFix: ManualFix = {
  middleware: 'CORS configuration',
  imports: [{ from: 'cors', default: 'cors' }],
  snippet:
    "// list the origins that may read responses with credentials; never reflect Origin\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));",
};

const allowOrigin = (e: Exchange) => e.headers['access-control-allow-origin']?.map((v) => v.trim()) ?? [];
const withCredentials = (e: Exchange) =>
  e.headers['access-control-allow-credentials']?.some((v) => v.trim().toLowerCase() === 'true') ?? false;
const corsEvidence = (e: Exchange) =>
  `${e.request.headers.origin ? `Origin: ${e.request.headers.origin} → ` : ''}Access-Control-Allow-Origin: ${allowOrigin(e).join(' | ')}${withCredentials(e) ? ', Access-Control-Allow-Credentials: true' : ''}`;

function judgeCors(seen: readonly Exchange[]): WarningInit[] {
  const out: WarningInit[] = [];
  // A static `null` shows on the page and on both probes: one misconfiguration, one warning.
  const nullAt = new Set<string>();
  for (const e of seen) {
    const origins = allowOrigin(e);
    if (origins.length === 0) continue;
    const credentials = withCredentials(e);
    if (credentials && e.request.headers.origin === ATTACKER_ORIGIN && origins.includes(ATTACKER_ORIGIN)) {
      out.push({ code: 'CORS_ORIGIN_REFLECTED', url: e.url, evidence: corsEvidence(e) });
    }
    if (credentials && origins.includes('null') && !nullAt.has(e.url)) {
      nullAt.add(e.url);
      out.push({ code: 'CORS_NULL_ORIGIN', url: e.url, evidence: corsEvidence(e) });
    }
    // Judged on the plain page only: the probes would repeat the same finding.
    if (e.isHtml && origins.includes('*') && !e.request.headers.origin)
      out.push({ code: 'CORS_WILDCARD', url: e.url, evidence: corsEvidence(e) });
  }
  return out;
}

export const corsCheck = defineCheck({
  name: 'cors',
  description: "CORS does not let other sites read responses with the user's credentials",
  messages: {
    CORS_ORIGIN_REFLECTED: {
      severity: 'error',
      message: 'A foreign Origin is echoed in Access-Control-Allow-Origin with credentials allowed',
      explanation:
        "Any site can then read this site's responses with the visitor's cookies: the same-origin policy is switched off.",
      fix: corsFix,
    },
    CORS_NULL_ORIGIN: {
      severity: 'warning',
      message: 'Access-Control-Allow-Origin: null with credentials',
      explanation: 'Sandboxed iframes and data: URLs send Origin: null, so any attacker page can obtain it.',
      fix: corsFix,
    },
    CORS_WILDCARD: {
      severity: 'info',
      message: 'Access-Control-Allow-Origin: * on an HTML response',
      explanation:
        'A wildcard lets any site read the page (without cookies); it is meant for public APIs and assets, rarely for HTML.',
      fix: corsFix,
    },
  },
  run(ctx) {
    // Synchronous on a captured response (matchers), with the foreign-Origin probes otherwise.
    if (!ctx.target.canProbe) return judgeCors(ctx.pages);
    const path = ctx.probe.paths[0] ?? '/';
    return Promise.all([ctx.probe.foreignOrigin(path), ctx.probe.foreignOrigin(path, 'null')]).then(
      (probes) => judgeCors([...ctx.pages, ...probes]),
    );
  },
});
