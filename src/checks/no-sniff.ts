import { parseContentTypeOptions } from '../headers/content-type-options.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

export const noSniffCheck = defineCheck({
  name: 'noSniff',
  description: 'responses forbid MIME sniffing with X-Content-Type-Options: nosniff',
  messages: {
    NOSNIFF_MISSING: {
      severity: 'warning',
      message: 'No X-Content-Type-Options: nosniff',
      explanation:
        'Without nosniff a browser may guess that an uploaded text or JSON file is HTML or script and run it, turning an upload or a JSONP endpoint into cross-site scripting.',
      fix: { part: 'noSniff' },
    },
    NOSNIFF_INVALID: {
      severity: 'warning',
      message: 'X-Content-Type-Options has a value other than nosniff',
      explanation: 'nosniff is the only value browsers understand; anything else leaves sniffing on.',
      fix: { part: 'noSniff' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const values = header(page, 'x-content-type-options');
      if (values.length === 0) yield { code: 'NOSNIFF_MISSING', url: page.url };
      else if (!parseContentTypeOptions(values).nosniff) {
        yield {
          code: 'NOSNIFF_INVALID',
          url: page.url,
          evidence: `X-Content-Type-Options: ${values.join(' | ')}`,
        };
      }
    }
  },
});
