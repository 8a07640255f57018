import { describe, expect, it } from 'vitest';
import { infoLeakCheck } from '../../src/checks/info-leak.js';
import { codesOf } from '../helpers/captured.js';

describe('infoLeak check', () => {
  it.each([
    [{ 'x-powered-by': 'Express' }, ['POWERED_BY_EXPOSED']],
    [{ server: 'nginx/1.25.3' }, ['SERVER_VERSION_EXPOSED']],
    [{ server: 'Apache/2.4.57 (Debian)' }, ['SERVER_VERSION_EXPOSED']],
    [{ server: 'Microsoft-IIS/10.0' }, ['SERVER_VERSION_EXPOSED']],
    [{ server: 'Kestrel 8.0' }, ['SERVER_VERSION_EXPOSED']],
    [{ server: 'nginx' }, []],
    [{ server: 'cloudflare' }, []],
    [{}, []],
  ])('%j → %j', async (headers, expected) => {
    expect(await codesOf(infoLeakCheck, { headers })).toEqual(expected);
  });
});
