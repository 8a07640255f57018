import { createHash } from 'node:crypto';
import { parseCsp, type CspPolicy } from '../headers/csp.js';
import { governingSources } from '../headers/csp-effective.js';
import {
  baseUriAllows,
  INLINE_DIRECTIVE,
  inlineAllowed,
  scriptFetchAllowed,
  type InlineType,
} from '../headers/csp-match.js';
import { scanPageContent, type ContentItem, type ContentKind } from '../html/inline-content.js';
import { defineCheck } from '../core/registry.js';
import type { Adapter, Exchange, WarningInit } from '../core/types.js';
import { fixFor, markupFix } from './csp-content-fix.js';
import { excerpt, label, policyName, reason, type Judged } from './csp-content-text.js';
import { pagePolicies } from './page-policies.js';

/** Findings of one code listed per page; the last one listed counts the rest. */
const PER_CODE = 5;

const CODE: Readonly<Record<ContentKind, string>> = {
  script: 'CSP_INLINE_SCRIPT_BLOCKED',
  'script-src': 'CSP_SCRIPT_SRC_BLOCKED',
  handler: 'CSP_INLINE_HANDLER_BLOCKED',
  'javascript-url': 'CSP_INLINE_HANDLER_BLOCKED',
  style: 'CSP_INLINE_STYLE_BLOCKED',
  'style-attribute': 'CSP_INLINE_STYLE_BLOCKED',
};

const INLINE_TYPE: Readonly<Record<Exclude<ContentKind, 'script-src'>, InlineType>> = {
  script: 'script',
  handler: 'script attribute',
  'javascript-url': 'navigation',
  style: 'style',
  'style-attribute': 'style attribute',
};

/** The directives that can block what a page holds: a page whose policies set none is not read. */
const JUDGING = ['script-src-elem', 'script-src-attr', 'style-src-elem', 'style-src-attr'];

/** The first of `policies` that blocks the item (each enforced policy must allow it), and why. */
function blockedBy(
  item: ContentItem,
  policies: readonly CspPolicy[],
  url: URL | undefined,
  self: URL,
  digest: (algorithm: string) => string,
): Judged | undefined {
  const type = item.kind === 'script-src' ? undefined : INLINE_TYPE[item.kind];
  const nonce = item.nonce !== undefined ? { nonce: item.nonce } : {};
  for (const policy of policies) {
    const governing = governingSources(policy, type ? INLINE_DIRECTIVE[type] : 'script-src-elem');
    if (!governing) continue;
    const { name: directive, sources } = governing;
    const allowed = type
      ? inlineAllowed(sources, type, { ...nonce, speculationRules: !!item.speculationRules, digest })
      : scriptFetchAllowed(
          sources,
          { url: url!, ...nonce, ...(item.integrity !== undefined && { integrity: item.integrity }) },
          self,
        );
    if (!allowed) return { item, policy, directive, sources, ...(url && { url }), digest };
  }
  return undefined;
}

/** 1-based line and column of each offset, in one pass over the body. */
function positions(body: string, offsets: readonly number[]): Map<number, { line: number; column: number }> {
  const out = new Map<number, { line: number; column: number }>();
  let line = 1;
  let lineStart = 0;
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    for (
      let nl = body.indexOf('\n', lineStart);
      nl !== -1 && nl < offset;
      nl = body.indexOf('\n', lineStart)
    ) {
      line++;
      lineStart = nl + 1;
    }
    out.set(offset, { line, column: offset - lineStart + 1 });
  }
  return out;
}

/** The page's `<base href>` where the browser takes it: a URL its enforced base-uri allows. */
function baseOf(page: Exchange, base: { href: string }, policies: readonly CspPolicy[], self: URL) {
  let url: URL;
  try {
    url = new URL(base.href, page.url);
  } catch {
    return undefined; // an unparseable href leaves the document's URL as the base
  }
  if (url.protocol === 'data:' || url.protocol === 'javascript:') return undefined;
  return baseUriAllows(policies, url, self) ? url : undefined;
}

/**
 * What an HTML page holds that its own enforced CSP blocks, and, where those pass, what its
 * Report-Only policy would block: at most PER_CODE findings of a code per page, the last one
 * counting the rest.
 *
 * @example
 * cspContentFindings(exchange).map((w) => w.code) // ['CSP_INLINE_SCRIPT_BLOCKED']
 */
export function cspContentFindings(page: Exchange, adapter?: Adapter): WarningInit[] {
  if (!page.isHtml) return [];
  const { headers, reportOnly } = pagePolicies(page);
  const judges = (p: CspPolicy) => JUDGING.some((d) => governingSources(p, d));
  if (!headers.some(judges) && !reportOnly.some(judges) && !/http-equiv/i.test(page.body)) return [];
  const content = scanPageContent(page.body, page);
  if (content.items.length === 0) return [];
  const self = new URL(page.url);
  const meta = content.metaCsp.map((value) => parseCsp([value], 'meta'));
  // The policies in force after the first n <meta> policies, built once per n.
  const inForce: CspPolicy[][] = [];
  const enforcedAt = (n: number) => (inForce[n] ??= [...headers, ...meta.slice(0, n).flat()]);
  const pageBase = content.base;
  const base = pageBase && baseOf(page, pageBase, enforcedAt(pageBase.metaPolicies), self);

  const groups = new Map<string, { listed: Judged[]; more: number }>();
  for (const item of content.items) {
    // A script or style cut off by the body cap: its text, so its hash, is not what the browser gets.
    if (!item.closed && page.bodyTruncated) continue;
    let url: URL | undefined;
    if (item.kind === 'script-src') {
      try {
        url = new URL(item.src!, base && item.at > pageBase.at ? base : page.url);
      } catch {
        continue; // never fetched, so never blocked
      }
    }
    let digests: Record<string, string> | undefined;
    const digest = (algorithm: string) =>
      ((digests ??= {})[algorithm] ??= createHash(algorithm).update(item.source).digest('base64'));
    let code = CODE[item.kind];
    let judged = blockedBy(item, enforcedAt(item.metaPolicies), url, self, digest);
    if (!judged) {
      code = 'CSP_REPORT_ONLY_BLOCKS';
      judged = blockedBy(item, reportOnly, url, self, digest);
      if (!judged) continue;
    }
    let group = groups.get(code);
    if (!group) groups.set(code, (group = { listed: [], more: 0 }));
    if (group.listed.length < PER_CODE) group.listed.push(judged);
    else group.more++;
  }

  const at = positions(
    page.body,
    [...groups.values()].flatMap((g) => g.listed.map((j) => j.item.at)),
  );
  const out: WarningInit[] = [];
  for (const [code, { listed, more }] of groups) {
    listed.forEach((judged, i) => {
      // The column too: minified pages are one line, and identical elements must stay apart.
      const { line, column } = at.get(judged.item.at)!;
      const what = label(judged, line);
      let message =
        judged.policy.source === 'report-only'
          ? `${policyName(judged.policy)} would block ${what} (${judged.directive}): ${reason(judged)}`
          : `${what[0]!.toUpperCase()}${what.slice(1)} is blocked by ${judged.directive} of ${policyName(judged.policy)}: ${reason(judged)}`;
      if (more > 0 && i === listed.length - 1)
        message += ` (${more} more like it on this page are not listed)`;
      out.push({
        code,
        url: page.url,
        message,
        evidence: `line ${line}, column ${column}: ${excerpt(judged)}`,
        fix: fixFor(judged, adapter),
      });
    });
  }
  return out;
}

export const cspContentCheck = defineCheck({
  name: 'cspContent',
  description: "the page's own scripts, event handlers and styles are allowed by its CSP",
  messages: {
    CSP_INLINE_SCRIPT_BLOCKED: {
      severity: 'warning',
      message: "An inline <script> is blocked by the page's own Content-Security-Policy",
      explanation:
        "The page ships a script its own policy refuses: no nonce matches, no hash is listed, and 'unsafe-inline' is absent or cancelled by a nonce, a hash or 'strict-dynamic'. In a browser it never runs, so the page is broken, and every visit reports a violation. Give it the response's nonce (res.locals.cspNonce under secure()) or list its hash; 'unsafe-inline' would let injected script run too.",
      fix: markupFix({ kind: 'script', tag: 'script' }, undefined),
    },
    CSP_INLINE_HANDLER_BLOCKED: {
      severity: 'warning',
      message: "An inline event handler (onclick=…) or javascript: URL is blocked by the page's own CSP",
      explanation:
        "Event handler attributes and javascript: URLs run only under 'unsafe-inline' (or 'unsafe-hashes' with their hash): they cannot carry a nonce, and a nonce, a hash or 'strict-dynamic' in the list cancels 'unsafe-inline'. The click does nothing. Move the code into a script the policy allows and attach it with addEventListener.",
      fix: markupFix({ kind: 'handler', tag: 'button', attribute: 'onclick' }, undefined),
    },
    CSP_SCRIPT_SRC_BLOCKED: {
      severity: 'warning',
      message: "A <script src> is blocked by the page's own Content-Security-Policy",
      explanation:
        "The script's URL matches no source of script-src (scheme, host, port and path compared as CSP3 does), or the policy has 'strict-dynamic', which ignores host sources: from the markup, only scripts with the nonce (or an integrity hash the policy lists) load. Add the nonce to the tag, or the host to the directive.",
      fix: markupFix({ kind: 'script-src', tag: 'script' }, undefined),
    },
    CSP_INLINE_STYLE_BLOCKED: {
      severity: 'info',
      message: "An inline <style> or style attribute is blocked by the page's own Content-Security-Policy",
      explanation:
        "A blocked style changes how the page looks, not what it does or exposes. <style> needs the nonce or a listed hash; a style attribute needs 'unsafe-inline' (or 'unsafe-hashes' and its hash), so move it into a stylesheet.",
      fix: markupFix({ kind: 'style', tag: 'style' }, undefined),
    },
    CSP_REPORT_ONLY_BLOCKS: {
      severity: 'info',
      message: 'Content-Security-Policy-Report-Only would block a script, handler or style of the page',
      explanation:
        'Nothing is blocked yet, but every visit sends a violation report, and enforcing the policy as it stands breaks the page. Fix the markup (or the policy) before sending it as Content-Security-Policy.',
      fix: markupFix({ kind: 'script', tag: 'script' }, undefined),
    },
  },
  run: (ctx) => ctx.pages.flatMap((page) => cspContentFindings(page, ctx.target.adapter)),
});
