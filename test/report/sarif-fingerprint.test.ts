import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/report/sarif.js';
import type { Warning } from '../../src/core/types.js';

const finding = (message: string, url = 'http://127.0.0.1:3000/'): Warning => ({
  code: 'CSP_BROAD_SOURCE',
  check: 'csp',
  severity: 'error',
  message,
  url,
});

describe('SARIF fingerprints', () => {
  it('tell apart two findings of one code on one page, which code scanning would merge into one alert', () => {
    expect(fingerprint(finding('CSP script-src allows *'))).not.toBe(
      fingerprint(finding('CSP object-src allows *')),
    );
  });

  it('stay the same across ports and hosts, in the URL and in the message', () => {
    const a = finding('A cross-site POST to http://127.0.0.1:3000/x is accepted', 'http://127.0.0.1:3000/x');
    const b = finding(
      'A cross-site POST to http://127.0.0.1:41234/x is accepted',
      'http://127.0.0.1:41234/x',
    );
    expect(fingerprint(a)).toBe(fingerprint(b));
  });
});
