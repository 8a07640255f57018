import { UNSAFE_REFERRER_POLICIES } from '../headers/referrer-policy.js';
import { defineCheck } from '../core/registry.js';
import type { ManualFix } from '../core/types.js';
import { pageReferrerPolicy } from './page-referrer-policy.js';

/** A page's own `<meta name="referrer">` beats the header, so no middleware can fix it. */
const metaFix: ManualFix = {
  middleware: 'markup',
  snippet:
    '<!-- remove the <meta name="referrer"> or make it safe: it overrides the Referrer-Policy header -->\n<meta name="referrer" content="strict-origin-when-cross-origin">',
};

export const referrerPolicyCheck = defineCheck({
  name: 'referrerPolicy',
  description: 'Referrer-Policy keeps full URLs from leaking to other sites',
  messages: {
    REFERRER_POLICY_MISSING: {
      severity: 'info',
      message: 'No Referrer-Policy (browsers fall back to strict-origin-when-cross-origin)',
      explanation:
        'Current browsers default to strict-origin-when-cross-origin; stating it protects older browsers and documents intent.',
      fix: { part: 'referrerPolicy' },
    },
    REFERRER_POLICY_UNSAFE: {
      severity: 'warning',
      message: 'The effective Referrer-Policy sends the URL or origin to other sites',
      explanation:
        'unsafe-url and no-referrer-when-downgrade send full URLs (with tokens in query strings) to every site a page links to; origin and origin-when-cross-origin leak the origin even over HTTP. A <meta name="referrer"> with one policy overrides the header.',
      fix: { part: 'referrerPolicy' },
    },
    REFERRER_POLICY_INVALID: {
      severity: 'warning',
      message: 'Referrer-Policy has no valid token',
      explanation:
        'Browsers ignore unknown tokens, and a <meta name="referrer"> whose content is not exactly one policy; with none valid, the header does nothing.',
      fix: { part: 'referrerPolicy' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const found = pageReferrerPolicy(page);
      const evidence = [
        ...(found.header.length > 0 ? [`Referrer-Policy: ${found.header.join(' | ')}`] : []),
        ...found.meta.map((content) => `<meta name="referrer" content="${content}">`),
      ].join(' | ');
      if (!found.policy) {
        yield found.header.length === 0 && found.meta.length === 0
          ? { code: 'REFERRER_POLICY_MISSING', url: page.url }
          : { code: 'REFERRER_POLICY_INVALID', url: page.url, evidence };
      } else if (UNSAFE_REFERRER_POLICIES.has(found.policy)) {
        yield found.from === 'meta'
          ? {
              code: 'REFERRER_POLICY_UNSAFE',
              url: page.url,
              evidence,
              message: `<meta name="referrer"> sets ${found.policy}, which overrides any header and sends the URL or origin to other sites`,
              fix: metaFix,
            }
          : {
              code: 'REFERRER_POLICY_UNSAFE',
              url: page.url,
              evidence,
              message: `Referrer-Policy ${found.policy} sends the URL or origin to other sites`,
            };
      }
    }
  },
});
