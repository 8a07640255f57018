import { getDomain } from 'tldts';
import { scanHtml } from '../html/scan-html.js';
import { defineCheck } from '../core/registry.js';
import type { ManualFix } from '../core/types.js';

const markupFix: ManualFix = {
  middleware: 'markup',
  snippet:
    '<script src="https://cdn.example.net/lib.min.js"\n        integrity="sha384-…" crossorigin="anonymous"></script>',
};

/** The registrable domain (eTLD+1) from the Public Suffix List, or the host itself for IPs and local names. */
const site = (host: string) => getDomain(host, { allowPrivateDomains: true }) ?? host;

export const sriCheck = defineCheck({
  name: 'sri',
  description: 'scripts load over HTTPS, and scripts from other sites carry integrity hashes',
  messages: {
    SCRIPT_INSECURE: {
      severity: 'error',
      message: 'An HTTPS page loads a script over http: or a protocol-relative //',
      explanation:
        'A script fetched over plain HTTP can be replaced in transit, which gives the attacker the page. Browsers block it as mixed content, so the page is also broken.',
      fix: markupFix,
    },
    SRI_MISSING: {
      severity: 'warning',
      message: 'A script from another site has no integrity attribute',
      explanation:
        "If the CDN or third party is compromised, every page that loads the script runs the attacker's code. Subresource Integrity pins the exact file.",
      fix: markupFix,
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      // No <script at all: nothing to judge, and no need to tokenize the page.
      if (!page.isHtml || !/<script/i.test(page.body)) continue;
      const pageUrl = new URL(page.url);
      const pageSite = site(pageUrl.hostname);
      for (const script of scanHtml(page.body, page).scripts) {
        if (!script.src) continue;
        const src = script.src.trim();
        if (page.https && (/^http:/i.test(src) || src.startsWith('//'))) {
          yield {
            code: 'SCRIPT_INSECURE',
            url: page.url,
            evidence: `<script src="${src}">`,
            message: `The HTTPS page loads ${src} without https:`,
          };
        }
        let scriptUrl: URL;
        try {
          scriptUrl = new URL(src, page.url);
        } catch {
          continue;
        }
        if (!/^https?:$/.test(scriptUrl.protocol) || site(scriptUrl.hostname) === pageSite) continue;
        if (!script.integrity?.trim()) {
          yield {
            code: 'SRI_MISSING',
            url: page.url,
            evidence: `<script src="${src}">`,
            message: `The script from ${scriptUrl.host} has no integrity attribute`,
          };
        }
      }
    }
  },
});
