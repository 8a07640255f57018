import { describe, expect, it } from 'vitest';
import { parseCsp } from '../../../src/headers/csp.js';
import { cspCheck } from '../../../src/checks/csp.js';
import { cspContentCheck } from '../../../src/checks/csp-content.js';
import { ReportGroups } from '../../../src/csp/reports/groups.js';
import { proposePolicy } from '../../../src/csp/reports/propose.js';
import { reportFields } from '../../../src/csp/reports/report.js';
import { HTML, scanResponse } from '../../helpers/captured.js';

const site = new URL('https://shop.example/');
const NONCE = "'nonce-r4nd0mR4nd0mR4nd0mR4nd0m'";

function groupsOf(reports: [page: string, directive: string, blocked: string, times?: number][]) {
  const groups = new ReportGroups();
  for (const [page, effectiveDirective, blockedUrl, times = 1] of reports)
    for (let i = 0; i < times; i++)
      groups.add(
        reportFields(
          JSON.stringify({ documentUrl: `https://shop.example${page}`, effectiveDirective, blockedUrl }),
        )!,
      );
  return groups.list();
}
const policy = (text: string) => parseCsp([text], 'header')[0]!;

/** Error-severity codes the CSP checks give a page served with `value`. */
async function errors(value: string): Promise<string[]> {
  const report = await scanResponse([cspCheck, cspContentCheck], {
    url: 'https://shop.example/',
    headers: { ...HTML, 'content-security-policy': value },
    body: `<!doctype html><script nonce="${NONCE.slice(7, -1)}">1</script>`,
  });
  return report.warnings
    .filter((w) => w.severity === 'error')
    .map((w) => w.code)
    .sort();
}

const REPORTS = groupsOf([
  ['/', 'script-src-elem', 'https://cdn.example.com/lib/a.js', 40],
  ['/cart', 'script-src-elem', 'https://cdn.example.com/lib/b.js?v=2', 2],
  ['/', 'img-src', 'https://images.example/p/1.png', 5],
  ['/cart', 'img-src', 'https://images.example/q/2.png'],
  ['/', 'script-src-elem', 'inline', 3],
  ['/legacy', 'script-src', 'eval', 2],
  ['/', 'script-src-attr', 'inline'],
  ['/', 'object-src', 'https://plugins.example/x.swf'],
  ['/', 'img-src', 'http://[::1]:8080/a.png'],
  ['/', 'connect-src', 'https://shop.example/api'],
]);

describe('proposePolicy', () => {
  const current = `default-src 'self'; script-src 'self' ${NONCE}; object-src 'none'; base-uri 'none'; report-uri /r`;
  const proposal = proposePolicy(REPORTS, policy(current), site);

  it('adds the narrowest source to the governing directive, or to a new one copied from default-src', () => {
    expect(proposal.changes.map((c) => [c.directive, c.source, c.reports, c.pages.length])).toEqual([
      ['script-src', 'https://cdn.example.com/lib/', 42, 2],
      ['img-src', 'https://images.example', 6, 2],
    ]);
    expect(proposal.created).toEqual(['img-src']);
    expect(proposal.policy).toBe(
      `default-src 'self'; script-src 'self' ${NONCE} https://cdn.example.com/lib/; object-src 'none'; base-uri 'none'; report-uri /r; img-src 'self' https://images.example`,
    );
    // 'self' already allows the page's own API.
    expect(proposal.alreadyAllowed).toBe(1);
  });

  it("never proposes 'unsafe-inline' or 'unsafe-eval', nor opens object-src: it lists what the app must change", () => {
    expect(proposal.policy).not.toMatch(/unsafe|plugins|\[::1\]|https:(?!\/)/);
    expect(proposal.needsNonce.map((c) => [c.directive, c.blocked, c.reports])).toEqual([
      ['script-src-elem', 'inline', 3],
    ]);
    expect(proposal.mustChange.map((c) => [c.directive, c.blocked, c.reports, c.pages])).toEqual([
      ['script-src', 'eval', 2, [['https://shop.example/legacy', 2]]],
      ['img-src', 'http://[::1]:8080/a.png', 1, [['https://shop.example/', 1]]],
      ['object-src', 'https://plugins.example/x.swf', 1, [['https://shop.example/', 1]]],
      ['script-src-attr', 'inline', 1, [['https://shop.example/', 1]]],
    ]);
  });

  it('writes a policy our parser reads with no problem, and the CSP checks find no new error in it', async () => {
    expect(parseCsp([proposal.policy], 'header')[0]!.problems).toEqual([]);
    const before = await errors(current);
    for (const code of await errors(proposal.policy)) expect(before).toContain(code);
  });

  it("under 'strict-dynamic' asks for the script's nonce instead of a host, and replaces 'none'", () => {
    const strict = proposePolicy(
      groupsOf([
        ['/', 'script-src-elem', 'https://cdn.example.com/a.js'],
        ['/', 'img-src', 'https://images.example/a.png'],
      ]),
      policy(`script-src ${NONCE} 'strict-dynamic'; img-src 'none'; object-src 'none'; base-uri 'none'`),
      site,
    );
    expect(strict.policy).toBe(
      `script-src ${NONCE} 'strict-dynamic'; img-src https://images.example/a.png; object-src 'none'; base-uri 'none'`,
    );
    expect(strict.needsNonce.map((c) => c.blocked)).toEqual(['https://cdn.example.com/a.js']);
  });

  it('proposes from a capped group a source that still covers every URL it counted', () => {
    const groups = new ReportGroups({ maxResources: 1 });
    for (const path of ['/lib/x/a.js', '/lib/y/b.js', '/lib/c.js'])
      groups.add(
        reportFields(
          JSON.stringify({
            documentUrl: 'https://shop.example/',
            effectiveDirective: 'script-src-elem',
            blockedUrl: `https://cdn.example${path}`,
          }),
        )!,
      );
    expect(proposePolicy(groups.list(), policy("script-src 'self'"), site).policy).toBe(
      "script-src 'self' https://cdn.example/lib/",
    );
  });
});
