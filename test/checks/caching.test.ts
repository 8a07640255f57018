import { describe, expect, it } from 'vitest';
import { cachingCheck } from '../../src/checks/caching.js';
import { codesOf } from '../helpers/captured.js';

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
});
