import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

export const xssFilterCheck = defineCheck({
  name: 'xssFilter',
  description: 'the legacy XSS auditor is not switched on',
  messages: {
    XSS_FILTER_ENABLED: {
      severity: 'info',
      message: 'X-XSS-Protection other than 0: the legacy filter causes leaks, not protection',
      explanation:
        'The XSS auditor was removed from browsers because attackers used it to disable scripts selectively and leak data; where it still exists, X-XSS-Protection: 0 is the safe value. A missing header is fine.',
      fix: { part: 'xssProtection' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const values = header(page, 'x-xss-protection');
      if (values.length > 0 && values.some((v) => v.trim() !== '0')) {
        yield {
          code: 'XSS_FILTER_ENABLED',
          url: page.url,
          evidence: `X-XSS-Protection: ${values.join(' | ')}`,
        };
      }
    }
  },
});
