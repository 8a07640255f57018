import type { ContentItem } from '../html/inline-content.js';
import type { Adapter, FixSpec, ManualFix, PartFix } from '../core/types.js';
import { isValidSource } from '../headers/csp.js';
import { hasKeyword, hasNonce, sourceFor, type Judged } from './csp-content-text.js';

/**
 * Where each adapter of secure() exposes the response's nonce (docs/middleware.md, "CSP nonces and
 * per-route policies").
 */
const NONCE_EXPRESSION: Readonly<Record<Adapter | 'express', string>> = {
  express: 'res.locals.cspNonce',
  fastify: 'request.cspNonce',
  koa: 'ctx.state.cspNonce',
  hapi: 'request.app.cspNonce',
  fetch: 'cspNonce(request)',
};

/** The markup fixes: a nonce on the element, or the inline code moved into a nonce'd script or a class. */
export function markupFix(
  item: Pick<ContentItem, 'kind' | 'tag' | 'id' | 'attribute'>,
  adapter: Adapter | undefined,
): ManualFix {
  const nonce = NONCE_EXPRESSION[adapter ?? 'express'];
  const intro = `// The nonce of this response, fresh for each one: ${nonce} (secure(), contentSecurityPolicy())\n`;
  // The page's own names go into code only when they are plain names: a snippet is pasted, and
  // printed in code blocks that a backtick or a quote from a hostile page could break out of.
  const id = item.id !== undefined && /^[A-Za-z][\w-]{0,40}$/.test(item.id) ? item.id : 'my-element';
  const tag = /^[a-z][a-z0-9-]{0,30}$/.test(item.tag) ? item.tag : 'button';
  const listen = (event: string) =>
    `\`<script nonce="\${${nonce}}">\n  document.getElementById('${id}').addEventListener('${event}', (event) => { … });\n</script>\``;
  switch (item.kind) {
    case 'script':
      return { middleware: 'markup', snippet: `${intro}\`<script nonce="\${${nonce}}">…</script>\`` };
    case 'script-src':
      return { middleware: 'markup', snippet: `${intro}\`<script nonce="\${${nonce}}" src="…"></script>\`` };
    case 'style':
      return { middleware: 'markup', snippet: `${intro}\`<style nonce="\${${nonce}}">…</style>\`` };
    case 'handler':
      return {
        middleware: 'markup',
        snippet: `// Instead of ${item.attribute}="…": a listener added by a script the policy allows\n${intro}\`<${tag} id="${id}">…</${tag}>\`\n${listen(item.attribute!.slice(2))}`,
      };
    case 'javascript-url':
      return {
        middleware: 'markup',
        snippet: `// Instead of ${item.attribute}="javascript:…": a button and a listener added by a script the policy allows\n${intro}\`<button type="button" id="${id}">…</button>\`\n${listen('click')}`,
      };
    case 'style-attribute':
      return {
        middleware: 'markup',
        snippet:
          '// Instead of style="…": a class, styled by a stylesheet the policy allows\n<link rel="stylesheet" href="/styles.css">  <!-- .notice { … } -->\n<p class="notice">…</p>',
      };
  }
}

/**
 * The policy fix: the directive as it is, with one more source (a host, or the hash of an inline
 * element) and `'nonce'` where the response's nonce stood, as contentSecurityPolicy() takes it.
 */
function directiveFix(
  directive: string,
  sources: readonly string[],
  added: string,
  specific: 'script-src' | 'style-src',
): PartFix {
  // default-src also governs images, fonts and the rest: the addition goes to the specific directive.
  const name = directive === 'default-src' ? specific : directive;
  const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  // Only sources browsers accept go into the fix: the others are dropped by browsers anyway, and
  // contentSecurityPolicy() would refuse the pasted snippet (the page's text stays out of it too).
  const kept = sources
    .filter((s) => s.toLowerCase() !== "'none'" && isValidSource(s))
    .map((s) => (/^'nonce-/i.test(s) ? "'nonce'" : s));
  return {
    part: 'contentSecurityPolicy',
    options: { directives: { [key]: [...new Set([...kept, added])] } },
  };
}

/**
 * The fix for one blocked element: the nonce where the policy uses nonces (with 'strict-dynamic',
 * the only way a script from the markup loads), else the policy with the element's hash or the
 * script's host added; handlers and style attributes move out of the markup.
 */
export function fixFor(judged: Judged, adapter: Adapter | undefined): FixSpec {
  const { item, directive, sources, url, digest } = judged;
  switch (item.kind) {
    case 'script':
    case 'style':
      if (hasNonce(sources)) return markupFix(item, adapter);
      return directiveFix(
        directive,
        sources,
        `'sha256-${digest('sha256')}'`,
        item.kind === 'script' ? 'script-src' : 'style-src',
      );
    case 'script-src':
      if (hasNonce(sources) || hasKeyword(sources, "'strict-dynamic'")) return markupFix(item, adapter);
      return directiveFix(directive, sources, sourceFor(url!), 'script-src');
    default:
      return markupFix(item, adapter);
  }
}
