import { defineCheck } from '../registry.js';
import type { Exchange } from '../types.js';
import { fix } from './fix.js';

/** How an answer looks, for comparing the same-origin and cross-site POSTs. */
function shape(exchange: Exchange): string {
  const location = exchange.headers.location?.[0];
  return `${exchange.status}${location ? ` → ${location}` : ''}`;
}

export const csrfCheck = defineCheck({
  name: 'csrf',
  description: 'a cross-site form POST is refused where a same-origin one is accepted',
  messages: {
    CSRF_UNPROTECTED: {
      severity: 'error',
      message: 'A cross-site POST is answered like a same-origin one',
      explanation:
        "Any site the user visits can submit a form to this endpoint with the user's cookies. The probe sent the same POST twice, with Origin and Sec-Fetch-Site of the site itself and of https://attacker.example, and both were accepted alike. Refuse cross-site state-changing requests (Fetch Metadata / Origin checks) or require a token.",
      fix: fix('csrf'),
    },
  },
  needsProbe: true,
  async *run(ctx) {
    const paths = ctx.options.csrfPaths ?? ctx.probe.paths;
    const pairs = await Promise.all(
      paths.map((path) => ctx.probe.csrf(path).then((pair) => ({ path, ...pair }))),
    );
    // Inconclusive unless the endpoint accepts the same-origin POST: a 404/405 (no such
    // endpoint) or a 4xx/5xx for both (a token or login required) says nothing about CSRF, and
    // a check that judged nothing is skipped rather than passed.
    const judged = pairs.filter((pair) => pair.sameOrigin.status < 400);
    if (judged.length === 0 && pairs.length > 0) {
      const seen = pairs.slice(0, 3).map((p) => `${p.path} → ${p.sameOrigin.status}`);
      ctx.skip(
        `the same-origin POST was refused too (${seen.join(', ')}${pairs.length > 3 ? ', …' : ''}), so protection cannot be judged: aim at an endpoint that accepts POSTs (csrf.paths)`,
      );
    }
    for (const { sameOrigin, crossSite } of judged) {
      if (shape(crossSite) !== shape(sameOrigin)) continue;
      yield {
        code: 'CSRF_UNPROTECTED',
        url: crossSite.request.url,
        evidence: `POST ${crossSite.request.url} with Origin: ${crossSite.request.headers.origin}, Sec-Fetch-Site: cross-site → ${shape(crossSite)} (same-origin → ${shape(sameOrigin)})`,
        message: `A cross-site POST to ${new URL(crossSite.request.url).pathname} is accepted (${crossSite.status}) like a same-origin one`,
      };
    }
  },
});
