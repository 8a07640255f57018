import { scanHtml } from '../html/scan-html.js';
import { ATTACKER_HOST } from '../probe/probe.js';
import { defineCheck } from '../core/registry.js';

const reflects = (value: string) => {
  const v = value.toLowerCase();
  return v.includes(`//${ATTACKER_HOST}`) || v.startsWith(`${ATTACKER_HOST}/`);
};

export const hostHeaderCheck = defineCheck({
  name: 'hostHeader',
  description: 'a forged Host or X-Forwarded-Host is not echoed into redirects or links',
  messages: {
    HOST_HEADER_REFLECTED: {
      severity: 'warning',
      message: 'A foreign Host/X-Forwarded-Host comes back in Location or in absolute links',
      explanation:
        "An app that builds URLs from the Host header can be made to send password-reset links or redirects to an attacker's host, and poisons shared caches. Validate Host against an allow-list (Django's ALLOWED_HOSTS).",
      fix: { part: 'allowedHosts', options: ['example.com'] },
    },
  },
  needsProbe: true,
  async *run(ctx) {
    const path = ctx.probe.paths[0] ?? '/';
    const answer = await ctx.probe.foreignHost(path);
    const location = answer.headers.location?.[0];
    const evidence = `GET ${path} with Host and X-Forwarded-Host: ${ATTACKER_HOST} → ${answer.status}`;
    if (location && reflects(location)) {
      yield { code: 'HOST_HEADER_REFLECTED', url: answer.url, evidence: `${evidence} Location: ${location}` };
      return;
    }
    if (answer.isHtml) {
      const link = scanHtml(answer.body, answer).urls.find(reflects);
      if (link)
        yield {
          code: 'HOST_HEADER_REFLECTED',
          url: answer.url,
          evidence: `${evidence}, body links to ${link.slice(0, 200)}`,
        };
    }
  },
});
