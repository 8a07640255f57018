/**
 * `csp draft` must believe only the browser: a script on a crawled page (a third-party tag, a
 * stored injection) that forges violations could make the draft allow an attacker's host.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import { runCli } from '../helpers/run-cli.js';

/** Every way page script can reach the recorder: the binding, a synthetic event, a posted report. */
const FORGER = `
const forge = (host) => ({ directive: 'script-src-elem', blocked: 'http://' + host + '/x.js', sample: '', documentUrl: location.href });
for (const key of Object.getOwnPropertyNames(window)) {
  if (typeof window[key] === 'function' && /checksecure|draft|binding/i.test(key)) {
    try { window[key](forge('binding.attacker.test')); } catch {}
  }
}
const synthetic = (policy) => document.dispatchEvent(new SecurityPolicyViolationEvent('securitypolicyviolation', {
  disposition: 'report', originalPolicy: policy, effectiveDirective: 'script-src-elem', violatedDirective: 'script-src-elem',
  blockedURI: 'http://event.attacker.test/x.js', documentURI: location.href, statusCode: 200,
}));
let done = false;
document.addEventListener('securitypolicyviolation', (e) => {
  if (done || !e.isTrusted) return;
  done = true;
  synthetic(e.originalPolicy);
  const uri = /report-uri ([^;\\s]+)/.exec(e.originalPolicy);
  if (uri) {
    const report = { 'csp-report': { 'document-uri': location.href, 'effective-directive': 'script-src-elem', 'violated-directive': 'script-src-elem', 'blocked-uri': 'http://post.attacker.test/x.js', 'original-policy': e.originalPolicy, disposition: 'report' } };
    fetch(uri[1], { method: 'POST', headers: { 'content-type': 'application/csp-report' }, body: JSON.stringify(report) });
    navigator.sendBeacon(uri[1], new Blob([JSON.stringify(report)], { type: 'application/csp-report' }));
  }
});
`;

describe.runIf(browserAvailable)('csp draft against a page that forges violations', () => {
  let server: Server;
  let site: string;

  beforeAll(async () => {
    const app = express();
    app.get('/forger.js', (_req, res) => res.type('js').send(FORGER));
    app.get('/', (req, res) => {
      res.type('html').send(`<!doctype html><title>shop</title>
<script src="/forger.js"></script>
<img src="${req.protocol}://localhost:${req.socket.localPort}/logo.png">`);
    });
    app.get('/logo.png', (_req, res) => res.type('png').send(Buffer.alloc(0)));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('drafts what the browser reported and nothing the page forged', async () => {
    const run = await runCli([
      'csp',
      'draft',
      `${site}/`,
      '--pages',
      '1',
      '--format',
      'json',
      '--timeout',
      '10',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const draft = JSON.parse(run.stdout) as { directives: Record<string, string[]> };
    // The real loads are seen, so the recorder was running while the page forged.
    expect(draft.directives['script-src']).toEqual(["'self'"]);
    // Another origin (localhost beside 127.0.0.1), so the image is its own entry.
    expect(draft.directives['img-src']).toEqual(
      expect.arrayContaining([`${site.replace('127.0.0.1', 'localhost')}/logo.png`]),
    );
    expect(run.stdout).not.toMatch(/attacker\.test/);
  }, 120_000);
});
