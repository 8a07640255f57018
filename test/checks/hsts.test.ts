import { describe, expect, it } from 'vitest';
import { hstsCheck } from '../../src/checks/hsts.js';
import { codesOf, scanResponse } from '../helpers/captured.js';

const hsts = (value: string | string[]) =>
  codesOf(hstsCheck, { headers: { 'Strict-Transport-Security': value } });

describe('hsts check', () => {
  it.each([
    ['max-age=63072000; includeSubDomains; preload', []],
    ['max-age=15552000; includeSubDomains', []],
    ['max-age=31536000; INCLUDESUBDOMAINS; Preload', []],
    ['max-age=15551999; includeSubDomains', ['HSTS_MAX_AGE_LOW']],
    ['max-age=0; includeSubDomains', ['HSTS_MAX_AGE_LOW']],
    ['max-age=63072000', ['HSTS_NO_SUBDOMAINS']],
    ['max-age=20000000; includeSubDomains; preload', ['HSTS_PRELOAD_NOT_READY']],
    ['max-age=63072000; preload', ['HSTS_NO_SUBDOMAINS', 'HSTS_PRELOAD_NOT_READY']],
    ['max-age=300; preload', ['HSTS_MAX_AGE_LOW', 'HSTS_NO_SUBDOMAINS', 'HSTS_PRELOAD_NOT_READY']],
    ['includeSubDomains', ['HSTS_INVALID']],
    ['max-age=1y', ['HSTS_INVALID']],
    ['max-age=1; max-age=2', ['HSTS_INVALID']],
    [['max-age=63072000; includeSubDomains', 'max-age=63072000; includeSubDomains'], ['HSTS_INVALID']],
    ['', ['HSTS_INVALID']],
  ])('%j → %j', async (value, expected) => {
    expect(await hsts(value)).toEqual(expected);
  });

  it('reports a missing header on HTTPS', async () => {
    expect(await codesOf(hstsCheck, {})).toEqual(['HSTS_MISSING']);
  });

  it('stronger values than the threshold pass (no exact-value matching)', async () => {
    expect(await hsts('max-age=999999999; includeSubDomains')).toEqual([]);
  });

  it('says what is wrong with max-age', async () => {
    const report = await scanResponse(hstsCheck, {
      headers: { 'strict-transport-security': 'max-age=300; includeSubDomains' },
    });
    expect(report.warnings[0]).toMatchObject({
      code: 'HSTS_MAX_AGE_LOW',
      severity: 'warning',
      message: 'Strict-Transport-Security max-age=300 is below 15552000 (180 days)',
      evidence: 'Strict-Transport-Security: max-age=300; includeSubDomains',
      fix: { middleware: 'hsts()' },
    });
  });

  it('honours checkOptions.minMaxAge', async () => {
    const report = await scanResponse(
      hstsCheck,
      { headers: { 'strict-transport-security': 'max-age=15552000; includeSubDomains' } },
      { checkOptions: { hsts: { minMaxAge: 31536000 } } },
    );
    expect(report.warnings.map((w) => w.code)).toEqual(['HSTS_MAX_AGE_LOW']);
  });

  it('is skipped, not failed, on a plain-HTTP response', async () => {
    const report = await scanResponse(hstsCheck, { url: 'http://example.com/' });
    expect(report.warnings).toEqual([]);
    expect(report.checks).toEqual([
      { name: 'hsts', status: 'skipped', reason: 'needs HTTPS: the target is an http:// URL' },
    ]);
  });

  it('is skipped on a local plain-HTTP response when assumeHttps is off', async () => {
    const report = await scanResponse(hstsCheck, { url: 'http://localhost:3000/' }, { assumeHttps: false });
    expect(report.checks[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/assumeHttps is off/),
    });
  });

  it('runs on a local response by default (assumed TLS proxy)', async () => {
    const report = await scanResponse(hstsCheck, { url: 'http://127.0.0.1:3000/' });
    expect(report.warnings.map((w) => w.code)).toEqual(['HSTS_MISSING']);
    expect(report.assumptions.join(' ')).toMatch(/TLS-terminating proxy/);
  });
});
