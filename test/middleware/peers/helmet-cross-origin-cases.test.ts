/**
 * helmet's behavioural cases for the cross-origin headers (helmetjs/helmet,
 * test/cross-origin-{embedder,opener,resource}-policy.test.ts, origin-agent-cluster.test.ts and
 * x-permitted-cross-domain-policies.test.ts), all sent by crossOriginPolicies(),
 * ported to our middleware, each written from its intent against our API. A name that starts
 * with "differs:" asserts where we deliberately part from helmet; the comment says why.
 */
import { describe, expect, it } from 'vitest';
import * as mw from '../../../middleware/index.js';
import { expectOptionError, get } from './peer-helpers.js';

describe('helmet: Cross-Origin-* policies (crossOriginPolicies())', () => {
  const headersOf = async (options?: mw.CrossOriginPoliciesOptions) =>
    (await get(mw.crossOriginPolicies(options))).headers;

  it('helmet cross-origin-embedder-policy: left out unless asked for, as helmet() leaves it out', async () => {
    expect((await headersOf())['cross-origin-embedder-policy']).toBeUndefined();
    expect((await headersOf({ embedderPolicy: undefined }))['cross-origin-embedder-policy']).toBeUndefined();
  });

  it.each(['require-corp', 'credentialless'] as const)(
    'helmet cross-origin-embedder-policy: %s is sent when asked for',
    async (embedderPolicy) => {
      expect((await headersOf({ embedderPolicy }))['cross-origin-embedder-policy']).toBe(embedderPolicy);
    },
  );

  it('helmet cross-origin-embedder-policy: an invalid policy throws at setup', () => {
    for (const embedderPolicy of ['', 'foo', 'CREDENTIALLESS', 123, null, new String('credentialless')]) {
      expectOptionError(
        () => mw.crossOriginPolicies({ embedderPolicy: embedderPolicy as never }),
        'Cross-Origin-Embedder-Policy: embedderPolicy',
      );
    }
  });

  it('helmet cross-origin-opener-policy: same-origin by default', async () => {
    for (const options of [
      undefined,
      {},
      Object.create(null) as mw.CrossOriginPoliciesOptions,
      { openerPolicy: undefined },
    ]) {
      expect((await headersOf(options))['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it.each(['same-origin', 'same-origin-allow-popups', 'unsafe-none'] as const)(
    'helmet cross-origin-opener-policy: %s is sent when asked for',
    async (openerPolicy) => {
      expect((await headersOf({ openerPolicy }))['cross-origin-opener-policy']).toBe(openerPolicy);
    },
  );

  it('helmet cross-origin-opener-policy: an invalid policy throws at setup', () => {
    for (const openerPolicy of ['', 'foo', 'SAME-ORIGIN', 123, null, new String('same-origin')]) {
      expectOptionError(
        () => mw.crossOriginPolicies({ openerPolicy: openerPolicy as never }),
        'Cross-Origin-Opener-Policy: openerPolicy',
      );
    }
  });

  it('helmet cross-origin-resource-policy: same-origin by default', async () => {
    for (const options of [
      undefined,
      {},
      Object.create(null) as mw.CrossOriginPoliciesOptions,
      { resourcePolicy: undefined },
    ]) {
      expect((await headersOf(options))['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it.each(['same-origin', 'same-site', 'cross-origin'] as const)(
    'helmet cross-origin-resource-policy: %s is sent when asked for',
    async (resourcePolicy) => {
      expect((await headersOf({ resourcePolicy }))['cross-origin-resource-policy']).toBe(resourcePolicy);
    },
  );

  it('helmet cross-origin-resource-policy: an invalid policy throws at setup', () => {
    for (const resourcePolicy of ['', 'foo', 'CROSS-ORIGIN', 123, null, new String('none')]) {
      expectOptionError(
        () => mw.crossOriginPolicies({ resourcePolicy: resourcePolicy as never }),
        'Cross-Origin-Resource-Policy: resourcePolicy',
      );
    }
  });

  it('helmet origin-agent-cluster: sends Origin-Agent-Cluster: ?1', async () => {
    expect((await headersOf())['origin-agent-cluster']).toBe('?1');
    expect((await headersOf({ originAgentCluster: true }))['origin-agent-cluster']).toBe('?1');
  });

  // differs: helmet's originAgentCluster takes no options and warns when given some; ours is a
  // switch, and anything but true or false is refused at setup.
  it('differs: helmet origin-agent-cluster: anything but true or false is refused, where helmet warns', () => {
    expectOptionError(
      () => mw.crossOriginPolicies({ originAgentCluster: { option: 'foo' } as never }),
      'crossOriginPolicies: originAgentCluster',
    );
  });

  it('helmet x-permitted-cross-domain-policies: none by default', async () => {
    expect((await headersOf())['x-permitted-cross-domain-policies']).toBe('none');
    expect(
      (await headersOf({ permittedCrossDomainPolicies: undefined }))['x-permitted-cross-domain-policies'],
    ).toBe('none');
  });

  // differs: the header only tells Flash and Acrobat whether to read crossdomain.xml policy
  // files; "none" is the only answer that protects anything, so it is a switch (true/false),
  // and helmet's master-only, by-content-type and all are refused.
  it('differs: helmet x-permitted-cross-domain-policies: only none can be sent; master-only, by-content-type and all are refused', async () => {
    for (const value of ['none', 'master-only', 'by-content-type', 'all']) {
      expectOptionError(
        () => mw.crossOriginPolicies({ permittedCrossDomainPolicies: value as never }),
        'crossOriginPolicies: permittedCrossDomainPolicies',
      );
    }
    expect(
      (await headersOf({ permittedCrossDomainPolicies: false }))['x-permitted-cross-domain-policies'],
    ).toBeUndefined();
  });

  it('helmet x-permitted-cross-domain-policies: an invalid value throws at setup', () => {
    for (const value of ['', 'NONE', 'by-ftp-filename', 123, null, new String('none')]) {
      expectOptionError(
        () => mw.crossOriginPolicies({ permittedCrossDomainPolicies: value as never }),
        'crossOriginPolicies: permittedCrossDomainPolicies',
      );
    }
  });
});
