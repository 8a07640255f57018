import { defineCheck } from '../core/registry.js';
import type { Exchange, WarningInit } from '../core/types.js';
import { isLocalHost } from '../probe/local.js';

/**
 * Judges the answer to a plain-HTTP request: shared by the check (which sends the request) and
 * the toRedirectToHttps matcher (which is handed the answer).
 */
export function judgeHttpsRedirect(answer: Exchange): WarningInit[] {
  const request = answer.request.url;
  const location = answer.headers.location?.[0];
  const evidence = `GET ${request}${answer.request.headers['x-forwarded-proto'] ? ' (X-Forwarded-Proto: http)' : ''} → ${answer.status}${location ? ` Location: ${location}` : ''}`;
  let next: URL | undefined;
  if (answer.status >= 300 && answer.status < 400 && location) {
    try {
      next = new URL(location, request);
    } catch {
      next = undefined;
    }
  }
  if (!next || next.protocol !== 'https:') {
    // httpsRedirect() only redirects the hosts it is given: name the scanned one when it is real.
    const hostname = (answer.request.headers.host ?? new URL(request).host)
      .replace(/:\d+$/, '')
      .toLowerCase();
    const named = /^[a-z0-9.-]+\.[a-z]{2,}$/.test(hostname) && !isLocalHost(hostname);
    return [
      {
        code: 'HTTPS_REDIRECT_MISSING',
        url: request,
        evidence,
        ...(named ? { fix: { part: 'httpsRedirect', options: { hosts: [hostname] } } } : {}),
      },
    ];
  }
  const out: WarningInit[] = [];
  const sentHost = answer.request.headers.host ?? new URL(request).host;
  if (next.hostname.toLowerCase() !== sentHost.replace(/:\d+$/, '').toLowerCase()) {
    out.push({
      code: 'HTTPS_REDIRECT_OFF_HOST',
      url: request,
      evidence,
      message: `The first redirect from HTTP goes to another host (${next.host}), so HSTS is never set for ${sentHost}`,
    });
  }
  if (answer.status !== 301 && answer.status !== 308) {
    out.push({
      code: 'HTTPS_REDIRECT_NOT_PERMANENT',
      url: request,
      evidence,
      message: `The redirect to HTTPS is a temporary ${answer.status}; use 301 or 308`,
    });
  }
  return out;
}

/** The port of an `https:` URL ('' for 443), or undefined for any other URL. */
function tlsPort(url: string): string | undefined {
  const parsed = new URL(url);
  return parsed.protocol === 'https:' ? parsed.port : undefined;
}

export const httpsRedirectCheck = defineCheck({
  name: 'httpsRedirect',
  description: 'a plain-HTTP request is redirected permanently to HTTPS on the same host',
  requiresHttps: true,
  messages: {
    HTTPS_REDIRECT_MISSING: {
      severity: 'error',
      message: 'A plain-HTTP request is answered without a redirect to https:',
      explanation:
        'Visitors who type the domain or follow an old http:// link stay on plain HTTP, where every page and cookie can be read and changed in transit, and they never receive HSTS.',
      fix: { part: 'httpsRedirect', options: { hosts: ['example.com'] } },
    },
    HTTPS_REDIRECT_OFF_HOST: {
      severity: 'warning',
      message: 'The first redirect from HTTP leaves the host',
      explanation:
        'When http://example.com redirects straight to https://www.example.com, the browser never loads https://example.com, so the HSTS policy for the bare host (and includeSubDomains) is never set. Redirect to https on the same host first.',
      fix: { part: 'httpsRedirect' },
    },
    HTTPS_REDIRECT_NOT_PERMANENT: {
      severity: 'info',
      message: 'The redirect to HTTPS is temporary (302/303/307) rather than 301/308',
      explanation:
        'A permanent redirect is cached by browsers and search engines, so later visits skip the plain-HTTP hop.',
      fix: { part: 'httpsRedirect' },
    },
  },
  needsProbe: true,
  async *run(ctx) {
    const path = ctx.probe.paths[0] ?? '/';
    const tls = ctx.target.kind === 'url' ? tlsPort(ctx.target.url) : undefined;
    if (tls !== undefined && tls !== '') {
      ctx.skip(
        `the target is served over TLS on port ${tls}, so its plain-HTTP address is not known (a visitor's http:// goes to port 80): scan that address to check its redirect`,
      );
    }
    let answer;
    try {
      answer = await ctx.probe.plainHttp(path);
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      if (ctx.target.kind === 'url' && (!ctx.target.local || tls !== undefined) && code === 'ECONNREFUSED') {
        ctx.skip('the host does not answer plain HTTP at all, so there is nothing to redirect');
      }
      throw error;
    }
    yield* judgeHttpsRedirect(answer);
  },
});
