import { describe, expect, it } from 'vitest';
import { headerSecrets, parseInputs } from '../../src/action/inputs.js';

const given = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('the Action’s inputs', () => {
  it('a headers line without "Name:" is refused without printing any of it: a secret is masked only whole', () => {
    for (const secret of ['ghp_R3alT0kenValue1234567890', 'session=SECRETVALUE99'])
      try {
        parseInputs(given({ headers: `X-Ok: 1\n${secret}` }));
        expect.unreachable();
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toMatch(/^input headers: line 2 is not "Name: value"/);
        for (let n = 4; n <= secret.length; n++) expect(message).not.toContain(secret.slice(0, n));
      }
  });

  it('a header name or value it refuses is named by line or name, and no part of it is shown', () => {
    const secret = 'ghp_R3alT0kenValue1234567890';
    for (const [headers, expected] of [
      [`X-Ok: 1\nBearer ${secret}: x`, /^input headers: line 2: the name is not a valid header name/],
      [
        `Authorization: token ${secret}\u0007`,
        /^input headers: Authorization: the value must be a string without CR, LF, NUL/,
      ],
    ] as const)
      try {
        parseInputs(given({ headers }));
        expect.unreachable();
      } catch (error) {
        const message = (error as Error).message;
        expect(message).toMatch(expected);
        for (let n = 4; n <= secret.length; n++) expect(message).not.toContain(secret.slice(0, n));
      }
  });

  it('headerSecrets: each value, and each line that is not "Name: value", whole', () => {
    expect(
      headerSecrets(
        'Authorization: Bearer abc\r\n# a comment\n\n  Cookie:  sid=1; theme=dark \nlone-token\nX-Empty:',
      ),
    ).toEqual(['Bearer abc', 'sid=1; theme=dark', 'lone-token']);
  });

  it('fail-on left empty (as action.yml declares it) defers to the config', () => {
    expect(parseInputs(given({})).failOn).toBeUndefined();
    expect(parseInputs(given({ 'fail-on': 'error' })).failOn).toBe('error');
  });

  it('a url line with credentials is refused by its line, without the password', () => {
    expect(() =>
      parseInputs(given({ url: 'http://127.0.0.1:1\nhttp://alice:Sup3rSecretPw@127.0.0.1:2' })),
    ).toThrow(/^input url: line 2 holds credentials, which are never sent/);
    const message = (() => {
      try {
        parseInputs(given({ url: 'http://alice:Sup3rSecretPw@127.0.0.1:2' }));
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    })();
    expect(message).toMatch(/^input url: line 1 holds credentials/);
    expect(message).not.toMatch(/alice|Sup3rSecretPw/);
  });

  it('a url or wait-for that is no http(s) URL is quoted without the credentials it may hold', () => {
    const refusal = (values: Record<string, string>) => {
      try {
        parseInputs(given(values));
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    for (const url of [
      'ftp://alice:Sup3rSecretPw@127.0.0.1:2',
      'alice:Sup3rSecretPw@127.0.0.1:2',
      // http:// but no URL: among other lines it was scanned, a page "not read", printed whole.
      'http://alice:Sup3rSecretPw@[::1',
      'http://alice:P#Sup3rSecretPw@127.0.0.1:2',
    ]) {
      expect(refusal({ url: `http://127.0.0.1:1/\n${url}` })).not.toMatch(/alice|Sup3rSecretPw/);
      expect(refusal({ url: 'http://127.0.0.1:2', 'wait-for': url })).not.toMatch(/alice|Sup3rSecretPw/);
      expect(refusal({ url: `http://127.0.0.1:1/\n${url}` })).toMatch(
        /^input url: "[^"]*\*\*\*@(127\.0\.0\.1:2|\[::1)" is not an http:\/\/ or https:\/\/ URL$/,
      );
      expect(refusal({ url: 'http://127.0.0.1:2', 'wait-for': url })).toMatch(
        /^input wait-for: "[^"]*\*\*\*@(127\.0\.0\.1:2|\[::1)" is not an http:\/\/ or https:\/\/ URL$/,
      );
    }
    // Any HTTP status is an answer to wait-for: a credential is never needed, and never printed.
    const withPassword = refusal({
      url: 'http://127.0.0.1:2',
      'wait-for': 'http://alice:Sup3rSecretPw@127.0.0.1:2/',
    });
    expect(withPassword).toMatch(/^input wait-for: the URL holds credentials/);
    expect(withPassword).not.toMatch(/alice|Sup3rSecretPw/);
    expect(
      parseInputs(given({ url: 'http://127.0.0.1:2', 'wait-for': 'http://127.0.0.1:2/health' })).waitFor,
    ).toBe('http://127.0.0.1:2/health');
  });
});
