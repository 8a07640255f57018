import type { CspPolicy } from '../headers/csp.js';
import {
  allowsInline,
  broadSources,
  effectiveSources,
  everyPolicy,
  followsBaseUrl,
  hostAllowlist,
  insecureSources,
  isStrictDynamic,
} from '../headers/csp-effective.js';
import { defineCheck } from '../core/registry.js';
import type { CheckContext, Exchange, PartFix, WarningInit } from '../core/types.js';
import { pagePolicies, type PagePolicies } from './page-policies.js';

const cspFix: PartFix = { part: 'contentSecurityPolicy' };
const strictFix: PartFix = {
  part: 'contentSecurityPolicy',
  options: { strict: true },
  comment: 'A nonce-based strict policy: <script nonce="<%= cspNonce %>"> with res.locals.cspNonce',
};

const scriptInline = (list: string[] | undefined) =>
  allowsInline(list, true) || (!!list && list.includes('data:') && !list.includes("'strict-dynamic'"));

const isNone = (list: string[] | undefined) =>
  !!list && (list.length === 0 || (list.length === 1 && list[0] === "'none'"));

function evidenceOf(policies: readonly CspPolicy[]): string {
  return policies
    .map(
      (p) =>
        `${p.source === 'meta' ? '<meta> CSP' : p.source === 'report-only' ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy'}: ${p.raw}`,
    )
    .join(' | ');
}

/**
 * Findings by what they are judged from (the policies' text and whether the page is HTTPS): the
 * pages of a site share one policy, so a crawl judges it once, not once per page. Bounded, since
 * pages with per-request nonces never repeat one.
 */
const judged = new Map<string, readonly WarningInit[]>();

/** Everything the csp check can say from one response alone (no second request). */
export function cspFindings(page: Exchange): WarningInit[] {
  const policies = pagePolicies(page);
  // Each policy's source and text, unambiguously: evidence text joins them with " | ", which a
  // policy's own text may hold.
  const key = JSON.stringify([
    page.https,
    ...[...policies.enforced, ...policies.reportOnly].map((p) => [p.source, p.raw]),
  ]);
  let findings = judged.get(key);
  if (!findings) {
    if (judged.size >= 500) judged.clear();
    judged.set(key, (findings = judge(policies, page.https)));
  }
  return findings.map((finding) => ({ ...finding, url: page.url }));
}

/** What the csp check says of a page's policies; `url` is the caller's to set. */
function judge({ enforced, reportOnly, headers }: PagePolicies, https: boolean): WarningInit[] {
  const out: WarningInit[] = [];
  if (enforced.length === 0) {
    out.push(
      reportOnly.length > 0
        ? { code: 'CSP_REPORT_ONLY', evidence: evidenceOf(reportOnly) }
        : { code: 'CSP_MISSING' },
    );
    return out;
  }
  const evidence = evidenceOf(enforced);
  const all = [...enforced, ...reportOnly];
  const problems = (kind: string) =>
    all.flatMap((p) => p.problems.filter((x) => x.kind === kind).map((x) => x.message));
  const syntax = problems('syntax');
  if (syntax.length > 0) out.push({ code: 'CSP_INVALID', evidence, message: `CSP: ${syntax.join('; ')}` });
  const deprecated = problems('deprecated');
  if (deprecated.length > 0)
    out.push({ code: 'CSP_DEPRECATED', evidence, message: `CSP: ${deprecated.join('; ')}` });
  const weak = problems('weak-nonce');
  if (weak.length > 0) out.push({ code: 'CSP_NONCE_WEAK', evidence, message: `CSP: ${weak.join('; ')}` });

  const elem = (p: CspPolicy) => effectiveSources(p, 'script-src-elem');
  const attr = (p: CspPolicy) => effectiveSources(p, 'script-src-attr');
  const script = (p: CspPolicy) => effectiveSources(p, 'script-src');
  if (
    everyPolicy(enforced, (p) => scriptInline(elem(p))) ||
    everyPolicy(enforced, (p) => allowsInline(attr(p), true))
  ) {
    const noScript = enforced.every((p) => script(p) === undefined);
    out.push({
      code: 'CSP_UNSAFE_INLINE',
      evidence,
      message: noScript
        ? 'CSP sets neither script-src nor default-src, so any script runs'
        : "CSP script-src lets inline script run ('unsafe-inline' without a nonce or hash, or data:)",
    });
  }
  if (everyPolicy(enforced, (p) => script(p)?.includes("'unsafe-eval'") ?? false)) {
    out.push({ code: 'CSP_UNSAFE_EVAL', evidence, message: "CSP script-src allows 'unsafe-eval'" });
  }
  // <script src> follows script-src-elem where a policy sets one (CSP3), else script-src.
  const scriptLabel = enforced.some((p) => p.directives.has('script-src-elem'))
    ? 'script-src-elem'
    : 'script-src';
  for (const directive of ['script-src', 'object-src', 'base-uri']) {
    const broad = enforced.map((p) =>
      directive === 'script-src'
        ? broadSources(elem(p), true)
        : broadSources(effectiveSources(p, directive), false),
    );
    if (broad.every((list) => list.length > 0)) {
      out.push({
        code: 'CSP_BROAD_SOURCE',
        evidence,
        message: `CSP ${directive === 'script-src' ? scriptLabel : directive} allows ${[...new Set(broad.flat())].join(' ')}, so code loads from almost any server`,
      });
    }
  }
  if (everyPolicy(enforced, (p) => !isNone(effectiveSources(p, 'object-src')))) {
    out.push({
      code: 'CSP_OBJECT_SRC',
      evidence,
      message: "CSP object-src is not 'none' (directly or through default-src)",
    });
  }
  const trustsByNonce = enforced.some(
    (p) => followsBaseUrl(elem(p) ?? []) || followsBaseUrl(script(p) ?? []),
  );
  if (trustsByNonce && enforced.every((p) => !p.directives.has('base-uri'))) {
    out.push({ code: 'CSP_BASE_URI_MISSING', evidence });
  }
  if (https) {
    // With 'strict-dynamic' and a nonce, http: in a script list is a fallback for old browsers that CSP3 ignores.
    const insecure = enforced.flatMap((p) =>
      [...p.directives.values()]
        .map((list) => list.map((s) => s.toLowerCase()))
        .filter((list) => !isStrictDynamic(list))
        .flatMap(insecureSources),
    );
    if (insecure.length > 0) {
      out.push({
        code: 'CSP_INSECURE_SOURCE',
        evidence,
        message: `CSP allows plain-HTTP sources on an HTTPS page: ${[...new Set(insecure)].join(' ')}`,
      });
    }
  }
  if (
    everyPolicy(
      enforced,
      (p) =>
        effectiveSources(p, 'style-src-elem') !== undefined &&
        allowsInline(effectiveSources(p, 'style-src-elem'), false),
    )
  ) {
    out.push({ code: 'CSP_STYLE_UNSAFE_INLINE', evidence });
  }
  const hosts = enforced.map((p) => hostAllowlist(elem(p)));
  if (hosts.every((list) => list.length > 0)) {
    out.push({
      code: 'CSP_HOST_ALLOWLIST',
      evidence,
      message: `CSP ${scriptLabel} relies on a host allowlist (${[...new Set(hosts.flat())].slice(0, 5).join(' ')}) without 'strict-dynamic'`,
    });
  }
  const reporting = [...headers, ...reportOnly].some(
    (p) => p.directives.has('report-uri') || p.directives.has('report-to'),
  );
  if (!reporting) out.push({ code: 'CSP_NO_REPORTING', evidence });
  return out;
}

function nonces(page: Exchange): string[] {
  return pagePolicies(page).headers.flatMap((p) => p.nonces);
}

async function nonceReuse(ctx: CheckContext): Promise<WarningInit[]> {
  const out: WarningInit[] = [];
  // The start paths alone are asked twice: a crawl's pages are fetched once each, so a crawl of
  // N pages costs N requests, not 2N; a static nonce is a server setting, which the start paths show.
  const start = await Promise.all(
    ctx.probe.paths.map(async (path) => ({ path, page: await ctx.probe.page(path) })),
  );
  const withNonces = start.filter(({ page }) => page.isHtml && nonces(page).length > 0);
  const again = await Promise.all(withNonces.map(({ path }) => ctx.probe.refetch(path)));
  withNonces.forEach(({ page }, i) => {
    const first = new Set(nonces(page));
    const repeated = nonces(again[i] as Exchange).filter((n) => first.has(n));
    if (repeated.length > 0) {
      out.push({
        code: 'CSP_NONCE_REUSED',
        url: page.url,
        evidence: `nonce-${repeated[0]} in two responses`,
        message: `CSP nonce "${repeated[0]}" is the same in two responses: a static nonce protects nothing`,
      });
    }
  });
  return out;
}

export const cspCheck = defineCheck({
  name: 'csp',
  description: 'HTML pages enforce a Content-Security-Policy that stops injected script',
  messages: {
    CSP_MISSING: {
      severity: 'warning',
      message: 'The HTML response has no enforced Content-Security-Policy',
      explanation:
        'A CSP is the second line of defence against cross-site scripting: with a strict policy an injected <script> does not run.',
      fix: strictFix,
    },
    CSP_REPORT_ONLY: {
      severity: 'warning',
      message: 'Only Content-Security-Policy-Report-Only is sent: nothing is enforced',
      explanation:
        'Report-only mode is for trying a policy out. Once its reports are clean, send it as Content-Security-Policy.',
      fix: cspFix,
    },
    CSP_INVALID: {
      severity: 'warning',
      message: 'The Content-Security-Policy has syntax errors that browsers skip',
      explanation:
        'Browsers ignore unknown directives, unquoted keywords (self is read as a host named "self"), malformed nonces and hashes (so a \'unsafe-inline\' beside them stays in force), and repeated directives (the first wins), so the policy is weaker than it reads.',
      fix: cspFix,
    },
    CSP_UNSAFE_INLINE: {
      severity: 'error',
      message: 'The effective script-src lets inline script run',
      explanation:
        "'unsafe-inline' without a nonce or hash, data:, or no script-src and no default-src means an injected <script> or onclick= runs: the policy does not stop XSS.",
      fix: strictFix,
    },
    CSP_UNSAFE_EVAL: {
      severity: 'warning',
      message: "'unsafe-eval' is in the effective script-src",
      explanation:
        "eval() and new Function() turn injected strings into code; most modern code does not need 'unsafe-eval'.",
      fix: cspFix,
    },
    CSP_BROAD_SOURCE: {
      severity: 'error',
      message: 'script-src, object-src or base-uri allows *, a bare scheme or a wildcard host',
      explanation:
        "A source such as https: or * lets an attacker load script from any server they control; 'strict-dynamic' with a nonce cancels such allowlists.",
      fix: strictFix,
    },
    CSP_OBJECT_SRC: {
      severity: 'warning',
      message: "object-src is not 'none'",
      explanation: "Plugins (<object>, <embed>) can run script outside script-src; set object-src 'none'.",
      fix: cspFix,
    },
    CSP_BASE_URI_MISSING: {
      severity: 'warning',
      message: "The policy relies on nonces (or hashes with 'strict-dynamic') but sets no base-uri",
      explanation:
        "An injected <base href> makes nonce'd relative scripts, and those a trusted script creates under 'strict-dynamic', load from the attacker's server; base-uri 'none' or 'self' prevents it.",
      fix: cspFix,
    },
    CSP_NONCE_WEAK: {
      severity: 'warning',
      message: 'A CSP nonce is shorter than 128 bits',
      explanation:
        'A nonce must be unguessable: at least 128 bits of randomness, base64-encoded (22 characters or more). A nonce with other characters is not a nonce at all: browsers drop it (CSP_INVALID).',
      fix: cspFix,
    },
    CSP_NONCE_REUSED: {
      severity: 'error',
      message: 'Two responses carry the same CSP nonce',
      explanation:
        'A nonce that does not change per response is known to the attacker, who simply copies it into the injected script.',
      fix: cspFix,
    },
    CSP_INSECURE_SOURCE: {
      severity: 'info',
      message: 'An http: source on an HTTPS page',
      explanation:
        'Browsers block active mixed content, so http: sources only work for passive content and invite mixed-content warnings; use https:.',
      fix: cspFix,
    },
    CSP_STYLE_UNSAFE_INLINE: {
      severity: 'info',
      message: "'unsafe-inline' is in style-src",
      explanation:
        'Inline styles allow CSS injection, which can exfiltrate data through attribute selectors; nonces or hashes avoid it.',
      fix: cspFix,
    },
    CSP_HOST_ALLOWLIST: {
      severity: 'info',
      message: "script-src relies on a host allowlist without 'strict-dynamic'",
      explanation:
        "Allowlisted hosts routinely serve JSONP endpoints or old libraries that bypass the policy; a nonce with 'strict-dynamic' does not depend on them.",
      fix: { ...strictFix, label: 'contentSecurityPolicy({ strict: true })' },
    },
    CSP_DEPRECATED: {
      severity: 'info',
      message: 'The policy uses a deprecated directive',
      explanation:
        'reflected-xss, referrer, prefetch-src, block-all-mixed-content and plugin-types are ignored by current browsers; remove them.',
      fix: cspFix,
    },
    CSP_NO_REPORTING: {
      severity: 'info',
      message: 'No report-to or report-uri: violations go unseen',
      explanation:
        'Without reporting, an attack blocked by the policy and a page broken by it both go unnoticed.',
      fix: { part: 'cspReport', options: { path: '/csp-reports' } },
    },
  },
  run(ctx) {
    const html = ctx.pages.filter((page) => page.isHtml);
    const found = html.flatMap(cspFindings);
    // Stay synchronous for captured responses, so matchers on a response need no await.
    if (!ctx.target.canProbe || !html.some((page) => nonces(page).length > 0)) return found;
    return nonceReuse(ctx).then((more) => [...found, ...more]);
  },
});
