import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/text.js';
import type { Report } from '../../src/core/types.js';

const report = (reason: string): Report => ({
  version: 1,
  target: 'https://example.com/',
  targetKind: 'url',
  warnings: [],
  checks: [{ name: 'custom', status: 'skipped', reason }],
  assumptions: [],
  durationMs: 1,
});

describe('skipped checks in the text report', () => {
  it('are named with their reason at verbosity 1, terminal escapes shown rather than obeyed', () => {
    const text = formatText(report('the site sent \u001b[2J\u0007 instead'), { verbosity: 1 });
    expect(text).toContain('skipped custom: the site sent \\x1b[2J\\x07 instead\n');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u001b\u0007]/);
  });
});
