import { describe, expect, it } from 'vitest';
import { cachingCheck } from '../../src/checks/caching.js';
import { runChecks } from '../../src/core/scan.js';
import { codesOf } from '../helpers/captured.js';
import { serve } from '../helpers/server.js';

describe('caching check', () => {
  it.each([
    [{ 'set-cookie': 'sid=1; Secure; HttpOnly' }, ['CONFIDENTIAL_CACHEABLE']],
    [{ 'set-cookie': 'sid=1', 'cache-control': 'no-store' }, []],
    [{ 'set-cookie': 'sid=1', 'cache-control': 'private, No-Store, max-age=0' }, []],
    [{ 'set-cookie': 'sid=1', 'cache-control': 'private, no-cache' }, ['CONFIDENTIAL_CACHEABLE']],
    [{ 'set-cookie': 'sid=; Max-Age=0' }, []],
    [{ 'set-cookie': 'theme=dark' }, []],
    [{}, []],
  ])('%j → %j', async (headers, expected) => {
    expect(await codesOf(cachingCheck, { headers })).toEqual(expected);
  });

  it('flags configured confidential paths, by prefix or RegExp', async () => {
    const options = { confidentialPaths: ['/account', /^\/admin\b/] };
    expect(await codesOf(cachingCheck, { url: 'https://example.com/account/settings' }, options)).toEqual([
      'CONFIDENTIAL_CACHEABLE',
    ]);
    expect(await codesOf(cachingCheck, { url: 'https://example.com/admin' }, options)).toEqual([
      'CONFIDENTIAL_CACHEABLE',
    ]);
    expect(await codesOf(cachingCheck, { url: 'https://example.com/about' }, options)).toEqual([]);
    expect(
      await codesOf(
        cachingCheck,
        { url: 'https://example.com/account', headers: { 'cache-control': 'no-store' } },
        options,
      ),
    ).toEqual([]);
  });

  it('names the confidential path configured, not the page: pages under it are one finding', async () => {
    const site = await serve((_req, res) => res.end('<p>private</p>'));
    try {
      const warnings = await runChecks(site.url, {
        checks: [cachingCheck],
        paths: ['/account/orders', '/account/settings', '/admin/users'],
        confidentialPaths: ['/account', /^\/admin\b/],
      });
      expect(warnings.map((w) => [w.message, w.pages?.map((url) => new URL(url).pathname)])).toEqual([
        [
          'The response is on confidential path /account but lacks Cache-Control: no-store',
          ['/account/orders', '/account/settings'],
        ],
        ['The response is on confidential path /^\\/admin\\b/ but lacks Cache-Control: no-store', undefined],
      ]);
    } finally {
      await site.close();
    }
  });
});
