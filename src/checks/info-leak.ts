import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

/** A version number: nginx/1.25.3, Apache/2.4 (Ubuntu), Microsoft-IIS/10.0, Kestrel 8.0. */
const VERSION = /\/\s*v?\d|\bv?\d+\.\d+/i;

export const infoLeakCheck = defineCheck({
  name: 'infoLeak',
  description: 'responses do not advertise the framework or server version',
  messages: {
    POWERED_BY_EXPOSED: {
      severity: 'warning',
      message: 'X-Powered-By is sent',
      explanation:
        'X-Powered-By tells attackers which framework to look up vulnerabilities for, and nothing to anyone else.',
      fix: { part: 'hidePoweredBy' },
    },
    SERVER_VERSION_EXPOSED: {
      severity: 'info',
      message: 'The Server header names a version',
      explanation:
        'A version number lets scanners match the server against known vulnerabilities without probing.',
      fix: { part: 'hidePoweredBy' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const powered = header(page, 'x-powered-by');
      if (powered.length > 0)
        yield { code: 'POWERED_BY_EXPOSED', url: page.url, evidence: `X-Powered-By: ${powered.join(' | ')}` };
      const server = header(page, 'server').filter((v) => VERSION.test(v));
      if (server.length > 0)
        yield { code: 'SERVER_VERSION_EXPOSED', url: page.url, evidence: `Server: ${server.join(' | ')}` };
    }
  },
});
