import type { CrossOriginHeader } from '../headers/cross-origin-values.js';
import { parseCrossOrigin } from '../headers/cross-origin.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';
import type { PartFix } from '../core/types.js';

const crossOriginFix: PartFix = { part: 'crossOriginPolicies' };
const INVALID_CODE: Record<CrossOriginHeader, string> = {
  'cross-origin-opener-policy': 'COOP_INVALID',
  'cross-origin-resource-policy': 'CORP_INVALID',
  'cross-origin-embedder-policy': 'COEP_INVALID',
};
const TITLE: Record<CrossOriginHeader, string> = {
  'cross-origin-opener-policy': 'Cross-Origin-Opener-Policy',
  'cross-origin-resource-policy': 'Cross-Origin-Resource-Policy',
  'cross-origin-embedder-policy': 'Cross-Origin-Embedder-Policy',
};

export const crossOriginCheck = defineCheck({
  name: 'crossOrigin',
  description: 'COOP, COEP and CORP are set to valid values',
  messages: {
    COOP_MISSING: {
      severity: 'info',
      message: 'No Cross-Origin-Opener-Policy',
      explanation:
        'COOP same-origin cuts the window.opener link to cross-origin popups and openers, closing XS-Leaks and tabnabbing, and is a step to cross-origin isolation.',
      fix: crossOriginFix,
    },
    COOP_INVALID: {
      severity: 'warning',
      message: 'Cross-Origin-Opener-Policy has an invalid value (it is a case-sensitive token)',
      explanation:
        'Browsers ignore an invalid COOP: same-origin, same-origin-allow-popups, noopener-allow-popups or unsafe-none, in lower case.',
      fix: crossOriginFix,
    },
    CORP_INVALID: {
      severity: 'warning',
      message: 'Cross-Origin-Resource-Policy has an invalid value',
      explanation: 'Browsers ignore an invalid CORP: same-origin, same-site or cross-origin, in lower case.',
      fix: crossOriginFix,
    },
    COEP_INVALID: {
      severity: 'warning',
      message: 'Cross-Origin-Embedder-Policy has an invalid value',
      explanation: 'Browsers ignore an invalid COEP: require-corp, credentialless or unsafe-none.',
      fix: crossOriginFix,
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      if (header(page, 'cross-origin-opener-policy').length === 0)
        yield { code: 'COOP_MISSING', url: page.url };
      for (const name of Object.keys(INVALID_CODE) as CrossOriginHeader[]) {
        const values = header(page, name);
        const parsed = parseCrossOrigin(name, values);
        if (parsed.problems.length > 0) {
          yield {
            code: INVALID_CODE[name],
            url: page.url,
            evidence: `${TITLE[name]}: ${values.join(' | ')}`,
            message: `${TITLE[name]}: ${parsed.problems.join('; ')}`,
          };
        }
      }
    }
  },
});
