import { defineCheck } from '../core/registry.js';
import type { Exchange } from '../core/types.js';
import { judgeCsrf, redirectsEveryMethod, type CsrfVerdict } from './csrf-verdict.js';

/** How an answer looks, for the evidence: its status, and where it redirects. */
function shape(exchange: Exchange): string {
  const location = exchange.headers.location?.[0];
  return `${exchange.status}${location ? ` → ${location}` : ''}`;
}

/** Up to three of the paths, each with what it showed, for a skip reason. */
function listed<T extends { path: string }>(items: T[], show: (item: T) => string): string {
  const seen = items.slice(0, 3).map(show);
  return `${seen.join(', ')}${items.length > 3 ? ', …' : ''}`;
}

/** A path whose same-origin POST did not succeed, and what the cross-site POST before it got. */
function unjudgedShape(r: {
  path: string;
  sameOrigin: Exchange;
  crossSite: Exchange;
  verdict: CsrfVerdict;
}): string {
  const after =
    r.verdict.kind === 'unjudged' && !r.verdict.crossSiteRefused
      ? `, after the cross-site POST → ${shape(r.crossSite)}`
      : '';
  return `${r.path} → ${shape(r.sameOrigin)}${after}`;
}

export const csrfCheck = defineCheck({
  name: 'csrf',
  description: 'a cross-site form POST is refused where a same-origin one is accepted',
  messages: {
    CSRF_UNPROTECTED: {
      severity: 'error',
      message: 'A cross-site POST is not refused where a same-origin one succeeds',
      explanation:
        "Any site the user visits can submit a form to this endpoint with the user's cookies. The probe sent the same POST twice, with Origin and Sec-Fetch-Site of https://attacker.example and then of the site itself, and the cross-site one was not refused: it got a success status, or a redirect to the same place as the same-origin one. Refuse cross-site state-changing requests (Fetch Metadata / Origin checks) or require a token.",
      fix: { part: 'csrf' },
    },
  },
  needsProbe: true,
  async *run(ctx) {
    // Paths the user named are endpoints: one that cannot be judged is said so, not passed
    // over. The probed pages are guesses, and most of them rightly refuse a POST.
    const named = ctx.options.csrfPaths !== undefined;
    const paths = ctx.options.csrfPaths ?? ctx.probe.paths;
    const results = await Promise.all(
      paths.map(async (path) => {
        const pair = await ctx.probe.csrf(path);
        let verdict = judgeCsrf(pair.sameOrigin, pair.crossSite);
        if (verdict.kind === 'accepted' && pair.crossSite.status >= 300 && pair.crossSite.status < 400) {
          // A redirect alike for a GET is the route's, not the form's: nothing says a POST did anything.
          const get = await ctx.probe.page(path).then(
            (page) => page.redirects?.[0] ?? { status: page.status, location: page.headers.location?.[0] },
            () => undefined,
          );
          if (get && redirectsEveryMethod(pair.crossSite, get))
            verdict = {
              kind: 'unclear',
              why: 'a GET of the path gets the same redirect, so it is not a form endpoint',
            };
        }
        return { path, ...pair, verdict };
      }),
    );
    let unprotected = false;
    for (const { sameOrigin, crossSite, verdict } of results) {
      if (verdict.kind !== 'accepted') continue;
      unprotected = true;
      yield {
        code: 'CSRF_UNPROTECTED',
        url: crossSite.request.url,
        evidence: `POST ${crossSite.request.url} with Origin: ${crossSite.request.headers.origin}, Sec-Fetch-Site: cross-site → ${shape(crossSite)} (same-origin → ${shape(sameOrigin)})`,
        message: `A cross-site POST to ${new URL(crossSite.request.url).pathname} is accepted (${crossSite.status}) like a same-origin one`,
      };
    }
    // A finding already fails the check; otherwise a pass needs every path it must judge refused.
    if (unprotected) return;
    const of = (kind: CsrfVerdict['kind']) => results.filter((r) => r.verdict.kind === kind);
    const unclear = of('unclear');
    const unjudged = of('unjudged');
    const reasons: string[] = [];
    if (unclear.length > 0) {
      reasons.push(
        `cannot tell whether the cross-site POST was refused (${listed(unclear, (r) => `${r.path}: cross-site → ${shape(r.crossSite)}, same-origin → ${shape(r.sameOrigin)}: ${r.verdict.kind === 'unclear' ? r.verdict.why : ''}`)}): refuse it with a 4xx (403, 419, 422) or a redirect to a login or error page`,
      );
    }
    if (unjudged.length > 0 && (named || of('refused').length === 0)) {
      reasons.push(
        `the same-origin POST was refused too (${listed(unjudged, unjudgedShape)}), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths)${ctx.options.csrfSameOrigin ? '; the token from csrf.sameOrigin was sent' : ', or send its token (csrf.sameOrigin)'}`,
      );
    }
    if (reasons.length > 0) ctx.skip(reasons.join('; '));
  },
});
