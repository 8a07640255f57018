import { parseFrameOptions } from '../headers/frame-options.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';
import { pagePolicies } from './page-policies.js';

const PERMISSIVE_ANCESTOR = /^(\*|https?:|[a-z][a-z0-9+.-]*:\/\/\*)$/i;

export const framingCheck = defineCheck({
  name: 'framing',
  description: 'HTML pages refuse to be framed by other sites (clickjacking)',
  messages: {
    FRAMING_ALLOWED: {
      severity: 'error',
      message:
        'The page can be framed by any site: no X-Frame-Options DENY/SAMEORIGIN and no CSP frame-ancestors',
      explanation:
        'A page that other sites can frame is open to clickjacking: an attacker overlays it invisibly and tricks the visitor into clicking its buttons. CSP frame-ancestors (which browsers prefer) or X-Frame-Options stops it.',
      fix: { part: 'frameGuard' },
    },
    FRAME_OPTIONS_INVALID: {
      severity: 'warning',
      message: 'X-Frame-Options is not DENY or SAMEORIGIN, or is repeated',
      explanation:
        'Browsers ignore ALLOW-FROM and unknown values, so such a header alone protects nothing; repeated values (often one from the app and one from a proxy) leave what is enforced to how each browser reconciles them. Use DENY or SAMEORIGIN once, and CSP frame-ancestors to allow specific sites.',
      fix: { part: 'frameGuard' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      if (!page.isHtml) continue;
      const xfoValues = header(page, 'x-frame-options');
      const xfo = parseFrameOptions(xfoValues);
      const evidence = xfoValues.length ? `X-Frame-Options: ${xfoValues.join(' | ')}` : undefined;
      if (xfo.problems.length > 0) {
        yield {
          code: 'FRAME_OPTIONS_INVALID',
          url: page.url,
          evidence,
          message: `X-Frame-Options: ${xfo.problems.join('; ')}`,
        };
      }
      // frame-ancestors in an enforced header overrides X-Frame-Options in browsers; a <meta> one is ignored.
      const ancestors = pagePolicies(page)
        .headers.map((p) => p.directives.get('frame-ancestors'))
        .filter((list): list is string[] => list !== undefined);
      if (ancestors.length > 0) {
        const everyPermissive = ancestors.every((list) => list.some((s) => PERMISSIVE_ANCESTOR.test(s)));
        if (everyPermissive) {
          yield {
            code: 'FRAMING_ALLOWED',
            url: page.url,
            evidence: `frame-ancestors ${ancestors.map((l) => l.join(' ')).join(' | ')}`,
            message:
              'CSP frame-ancestors allows every site to frame the page (and overrides X-Frame-Options)',
          };
        }
        continue;
      }
      if (!xfo.value) yield { code: 'FRAMING_ALLOWED', url: page.url, evidence };
    }
  },
});
