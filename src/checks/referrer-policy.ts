import { parseReferrerPolicy, UNSAFE_REFERRER_POLICIES } from '../headers/referrer-policy.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../registry.js';
import { fix } from './fix.js';

export const referrerPolicyCheck = defineCheck({
  name: 'referrerPolicy',
  description: 'Referrer-Policy keeps full URLs from leaking to other sites',
  messages: {
    REFERRER_POLICY_MISSING: {
      severity: 'info',
      message: 'No Referrer-Policy (browsers fall back to strict-origin-when-cross-origin)',
      explanation:
        'Current browsers default to strict-origin-when-cross-origin; stating it protects older browsers and documents intent.',
      fix: fix('referrerPolicy'),
    },
    REFERRER_POLICY_UNSAFE: {
      severity: 'warning',
      message: 'The effective Referrer-Policy sends the URL or origin to other sites',
      explanation:
        'unsafe-url and no-referrer-when-downgrade send full URLs (with tokens in query strings) to every site a page links to; origin and origin-when-cross-origin leak the origin even over HTTP.',
      fix: fix('referrerPolicy'),
    },
    REFERRER_POLICY_INVALID: {
      severity: 'warning',
      message: 'Referrer-Policy has no valid token',
      explanation: 'Browsers ignore unknown tokens; with none valid, the header does nothing.',
      fix: fix('referrerPolicy'),
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const values = header(page, 'referrer-policy');
      if (values.length === 0) {
        yield { code: 'REFERRER_POLICY_MISSING', url: page.url };
        continue;
      }
      const evidence = `Referrer-Policy: ${values.join(' | ')}`;
      const parsed = parseReferrerPolicy(values);
      if (!parsed.policy) yield { code: 'REFERRER_POLICY_INVALID', url: page.url, evidence };
      else if (UNSAFE_REFERRER_POLICIES.has(parsed.policy)) {
        yield {
          code: 'REFERRER_POLICY_UNSAFE',
          url: page.url,
          evidence,
          message: `Referrer-Policy ${parsed.policy} sends the URL or origin to other sites`,
        };
      }
    }
  },
});
