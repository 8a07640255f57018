import { expect } from 'vitest';
import type { Target } from '../../src/probe/target.js';
import { runChecks } from '../../src/core/scan.js';

const serious = async (target: Target) =>
  (await runChecks(target)).filter((w) => w.severity !== 'info').map((w) => w.code);

/**
 * What an adapter's tests prove first: the bare app (a session cookie, a form POST, an inline
 * script) shows the usual codes, and the same app with secure() mounted nothing at warning or above.
 */
export async function expectSecureFixes(bare: Target, hardened: Target): Promise<void> {
  const found = await serious(bare);
  for (const code of [
    'CSP_MISSING',
    'CSRF_UNPROTECTED',
    'FRAMING_ALLOWED',
    'HSTS_MISSING',
    'SESSION_COOKIE_INSECURE',
  ])
    expect(found).toContain(code);
  expect(await serious(hardened)).toEqual([]);
}

/** The cspReport options both adapter report tests mount: a small cap, reports kept in `received`. */
export const reportOptions = (received: unknown[]) => ({
  cspReport: { path: '/csp', sink: (report: unknown) => void received.push(report), maxBodyBytes: 4096 },
});

/**
 * What an adapter's CSP report endpoint must do on a real socket, with reportOptions() mounted
 * in front of a catch-all route that counts its runs: the page's CSP names the endpoint, a report
 * is taken (204) before the route, and one over the cap is refused (413) unread.
 */
export async function expectReportEndpoint(
  base: string,
  received: unknown[],
  routeRuns: () => number,
): Promise<void> {
  const https = { 'x-forwarded-proto': 'https' };
  const page = await fetch(base, { headers: https });
  expect(page.headers.get('content-security-policy')).toMatch(/; report-uri \/csp; report-to csp-endpoint$/);
  const report = { 'csp-report': { 'document-uri': 'https://shop.example/', 'blocked-uri': 'inline' } };
  const post = await fetch(`${base}/csp`, {
    method: 'POST',
    headers: { ...https, 'content-type': 'application/csp-report', 'sec-fetch-site': 'cross-site' },
    body: JSON.stringify(report),
  });
  expect(post.status).toBe(204);
  expect(received).toEqual([expect.objectContaining({ blockedUrl: 'inline' })]);
  const huge = await fetch(`${base}/csp`, {
    method: 'POST',
    headers: { ...https, 'content-type': 'application/csp-report' },
    body: 'x'.repeat(10_000),
  });
  expect(huge.status).toBe(413);
  expect(received).toHaveLength(1);
  expect(routeRuns()).toBe(1);
}
