import { parseHsts } from '../headers/hsts.js';
import { strictObject, wholeNumber } from '../core/option-rules.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

/** 180 days, the Observatory's threshold (docs/checks.md stance). */
export const HSTS_MIN_MAX_AGE = 15_552_000;
/** One year, the hstspreload.org requirement. */
export const HSTS_PRELOAD_MAX_AGE = 31_536_000;

/** Options of the hsts check, under `checkOptions.hsts`. */
export interface HstsCheckOptions {
  /** Lowest acceptable max-age in seconds. Default 15552000 (180 days). */
  minMaxAge?: number;
}

export const hstsCheck = defineCheck({
  name: 'hsts',
  description: 'HTTPS responses send a valid, long-lived Strict-Transport-Security',
  requiresHttps: true,
  validateOptions: strictObject({ minMaxAge: wholeNumber(0) }),
  messages: {
    HSTS_MISSING: {
      severity: 'error',
      message: 'The HTTPS response has no Strict-Transport-Security header',
      explanation:
        'Without HSTS a browser that types the bare domain, follows an http:// link or sits on hostile Wi-Fi makes a plain-HTTP request first, which an attacker can intercept and downgrade (SSL stripping).',
      fix: { part: 'hsts', options: { maxAge: 63072000, includeSubDomains: true } },
    },
    HSTS_INVALID: {
      severity: 'error',
      message: 'Strict-Transport-Security is invalid, so browsers ignore it',
      explanation:
        'RFC 6797 requires exactly one max-age with a number of seconds, no repeated directive, and one header line. Browsers drop an invalid header entirely, which leaves the site without HSTS.',
      fix: { part: 'hsts' },
    },
    HSTS_MAX_AGE_LOW: {
      severity: 'warning',
      message: 'Strict-Transport-Security max-age is below 180 days',
      explanation:
        'A short max-age lets the protection lapse between visits; max-age=0 removes it. Use at least 15552000 (180 days); two years (63072000) is the common choice.',
      fix: { part: 'hsts', options: { maxAge: 63072000 } },
    },
    HSTS_NO_SUBDOMAINS: {
      severity: 'info',
      message: 'Strict-Transport-Security lacks includeSubDomains',
      explanation:
        'Without includeSubDomains an attacker can use a plain-HTTP subdomain to set cookies for the parent domain. Add it once every subdomain serves HTTPS.',
      fix: { part: 'hsts', options: { includeSubDomains: true } },
    },
    HSTS_PRELOAD_NOT_READY: {
      severity: 'warning',
      message: 'Strict-Transport-Security asks for preload without meeting its requirements',
      explanation:
        'The preload list requires max-age of at least 31536000 (one year) and includeSubDomains; a header that says preload without them is refused by hstspreload.org and signals a misunderstanding.',
      fix: { part: 'hsts', options: { maxAge: 63072000, includeSubDomains: true, preload: true } },
    },
  },
  *run(ctx) {
    const min = (ctx.checkOptions as HstsCheckOptions | undefined)?.minMaxAge ?? HSTS_MIN_MAX_AGE;
    for (const page of ctx.pages) {
      if (!page.https) continue;
      const values = header(page, 'strict-transport-security');
      if (values.length === 0) {
        yield { code: 'HSTS_MISSING', url: page.url };
        continue;
      }
      const evidence = `Strict-Transport-Security: ${values.join(' | ')}`;
      const hsts = parseHsts(values);
      if (hsts.problems.length > 0 || hsts.maxAge === undefined) {
        yield {
          code: 'HSTS_INVALID',
          url: page.url,
          evidence,
          message: `Strict-Transport-Security is invalid (browsers ignore it): ${hsts.problems.join('; ')}`,
        };
        continue;
      }
      if (hsts.maxAge < min) {
        yield {
          code: 'HSTS_MAX_AGE_LOW',
          url: page.url,
          evidence,
          message: `Strict-Transport-Security max-age=${hsts.maxAge} is below ${min}${min === HSTS_MIN_MAX_AGE ? ' (180 days)' : ''}`,
        };
      }
      if (!hsts.includeSubDomains) yield { code: 'HSTS_NO_SUBDOMAINS', url: page.url, evidence };
      if (hsts.preload && (hsts.maxAge < HSTS_PRELOAD_MAX_AGE || !hsts.includeSubDomains)) {
        const missing = [
          hsts.maxAge < HSTS_PRELOAD_MAX_AGE ? `max-age=${hsts.maxAge} is below ${HSTS_PRELOAD_MAX_AGE}` : '',
          hsts.includeSubDomains ? '' : 'includeSubDomains is missing',
        ].filter(Boolean);
        yield {
          code: 'HSTS_PRELOAD_NOT_READY',
          url: page.url,
          evidence,
          message: `Strict-Transport-Security asks for preload but ${missing.join(' and ')}`,
        };
      }
    }
  },
});
