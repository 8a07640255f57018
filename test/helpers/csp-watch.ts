import type { Browser, Page } from 'playwright-core';

/** What a watched page saw: every CSP violation event, and every CSP line of Chromium's log. */
export interface CspSeen {
  violations: { directive: string; blocked: string; disposition: string }[];
  refused: string[];
}

/** Opens a page that collects every CSP violation (the event, in any frame) and every CSP line of the console. */
export async function watched(browser: Browser): Promise<{ page: Page; seen: CspSeen }> {
  const page = await browser.newPage();
  const seen: CspSeen = { violations: [], refused: [] };
  await page.exposeBinding('__violation', (_source, v: CspSeen['violations'][number]) => {
    seen.violations.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        (window as unknown as { __violation: (v: unknown) => void }).__violation({
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          disposition: e.disposition,
        }),
      true,
    );
  });
  // Chromium writes what a CSP blocks ("Refused to …", now "… violates the following Content
  // Security Policy directive …") to its own log, as a security entry page.on('console') does not carry.
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (entry.source === 'security' || entry.text.includes('Refused to')) seen.refused.push(entry.text);
  });
  await cdp.send('Log.enable');
  return { page, seen };
}
