import { describe, expect, it } from 'vitest';
import { hideCredentials } from '../../src/config/url-credentials.js';

describe('hideCredentials: a URL as a message may quote it', () => {
  it('hides what may be a user and password, also in text no URL parser reads', () => {
    const cases: [string, string][] = [
      ['htp://user:SECRETA@127.0.0.1:4001/', 'htp://***@127.0.0.1:4001/'],
      ['ftp://u:PW1@x', 'ftp://***@x'],
      ['user:PW1@host:8080', '***@host:8080'],
      ['http://u:PW1@[::1', 'http://***@[::1'],
      // A password with a slash, unencoded: the last @ before the query ends what is hidden.
      ['http://u:p/w@host/p', 'http://***@host/p'],
      ['http:\\\\u:PW1@host', 'http:\\\\***@host'],
      [' \u0001https://u:PW1@host', ' \u0001https://***@host'],
      ['http://PW1@host', 'http://***@host'],
      // A password may hold ? or #, which would end the URL's authority: hidden all the same.
      ['http://alice:P#W1@127.0.0.1:1/', 'http://***@127.0.0.1:1/'],
      ['htp://alice:P?W1@127.0.0.1:1/', 'htp://***@127.0.0.1:1/'],
      ['http://a:SECRET@[::1', 'http://***@[::1'],
    ];
    for (const [text, hidden] of cases) expect(hideCredentials(text), text).toBe(hidden);
  });

  it('leaves a URL without an @ as written; an @ in a query is hidden before, as a password’s would be', () => {
    for (const text of ['https://a.example/', 'https://a.example/a?b=c#d', 'not a url'])
      expect(hideCredentials(text)).toBe(text);
    expect(hideCredentials('https://a.example/?to=a@b.example')).toBe('https://***@b.example');
  });
});
