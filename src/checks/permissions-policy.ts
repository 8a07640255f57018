import { parsePermissionsPolicy } from '../headers/permissions-policy.js';
import { header } from '../probe/exchange.js';
import { defineCheck } from '../core/registry.js';

export const permissionsPolicyCheck = defineCheck({
  name: 'permissionsPolicy',
  description: 'Permissions-Policy is sent and parses as a structured-field dictionary',
  messages: {
    PERMISSIONS_POLICY_MISSING: {
      severity: 'info',
      message: 'No Permissions-Policy',
      explanation:
        'Denying camera, microphone, geolocation, payment and similar features limits what injected or embedded content can ask the user for.',
      fix: { part: 'permissionsPolicy' },
    },
    PERMISSIONS_POLICY_INVALID: {
      severity: 'warning',
      message: 'Permissions-Policy is not a valid structured-field dictionary',
      explanation:
        "Browsers drop the whole header on a syntax error. The old Feature-Policy syntax (camera 'none') is not valid here: write camera=().",
      fix: { part: 'permissionsPolicy' },
    },
  },
  *run(ctx) {
    for (const page of ctx.pages) {
      const values = header(page, 'permissions-policy');
      if (values.length === 0) {
        yield { code: 'PERMISSIONS_POLICY_MISSING', url: page.url };
        continue;
      }
      const parsed = parsePermissionsPolicy(values);
      if (parsed.problems.length > 0) {
        yield {
          code: 'PERMISSIONS_POLICY_INVALID',
          url: page.url,
          evidence: `Permissions-Policy: ${values.join(' | ')}`,
          message: `Permissions-Policy: ${parsed.problems.join('; ')}`,
        };
      }
    }
  },
});
