import { parseCacheControl } from '../headers/cache-control.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

export const cachingCheck = defineCheck({
  name: 'caching',
  description: 'confidential responses are not stored by browsers or shared caches',
  messages: {
    CONFIDENTIAL_CACHEABLE: {
      severity: 'warning',
      message: 'A confidential response lacks Cache-Control: no-store',
      explanation:
        'A response that sets a session cookie or shows private data can be kept by a shared proxy or the browser cache and shown to the next user of the machine. no-store forbids keeping it.',
      fix: { part: 'noCache', options: { paths: ['/account'] } },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const path = new URL(page.url).pathname;
      const confidential = ctx.options.confidentialPaths.find((p) =>
        typeof p === 'string' ? path.startsWith(p) : p.test(path),
      );
      const session = page.cookies.find((c) => !c.deletion && ctx.isSessionCookie(c.name));
      if (confidential === undefined && !session) continue;
      const values = header(page, 'cache-control');
      if (parseCacheControl(values).directives.has('no-store')) continue;
      // The configured path, not the page's: every page under /account is one finding (one fix).
      const why = session
        ? `sets session cookie ${session.name}`
        : `is on confidential path ${String(confidential)}`;
      yield {
        code: 'CONFIDENTIAL_CACHEABLE',
        url: page.url,
        evidence: values.length ? `Cache-Control: ${values.join(' | ')}` : 'no Cache-Control',
        message: `The response ${why} but lacks Cache-Control: no-store`,
      };
    }
  },
});
