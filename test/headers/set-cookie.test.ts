import { describe, expect, it } from 'vitest';
import { isPrefixProblem, parseSetCookie } from '../../src/headers/set-cookie.js';

describe('parseSetCookie', () => {
  it('reads every attribute, in any case', () => {
    const c = parseSetCookie(
      'sid=a=b; Path=/app; DOMAIN=.Example.COM; secure; HTTPONLY; SameSite=lax; Max-Age=60; Partitioned; Priority=High',
    );
    expect(c).toMatchObject({
      name: 'sid',
      value: 'a=b',
      path: '/app',
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      sameSiteValue: 'Lax',
      maxAge: 60,
      partitioned: true,
      deletion: false,
      problems: [],
    });
  });

  it.each([
    ['a=1; SameSite=Strict', 'Strict'],
    ['a=1; samesite=NONE', 'None'],
    ['a=1;SameSite=Lax', 'Lax'],
  ])('normalises SameSite in %j', (line, value) => {
    expect(parseSetCookie(line).sameSiteValue).toBe(value);
  });

  it.each([
    ['a=1; SameSite=Strictest', /SameSite=Strictest/],
    ['a=1; SameSite', /SameSite= is not/],
    ['a=1; Max-Age=soon', /Max-Age=soon/],
    ['a=1; Expires=tomorrow', /Expires=tomorrow/],
    ['', /empty cookie/],
  ])('records problems in %j without throwing', (line, problem) => {
    expect(parseSetCookie(line).problems.join('; ')).toMatch(problem);
  });

  it('treats a value without "=" as a nameless cookie, as browsers do', () => {
    expect(parseSetCookie('justavalue')).toMatchObject({ name: '', value: 'justavalue' });
  });

  it.each([
    ['sid=; Max-Age=0', true],
    ['sid=; Max-Age=-1', true],
    ['sid=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', true],
    ['sid=x; Expires=Thu, 01 Jan 2099 00:00:00 GMT', false],
    ['sid=x; Max-Age=10; Expires=Thu, 01 Jan 1970 00:00:00 GMT', false],
    ['sid=x', false],
  ])('knows %j is a deletion: %s', (line, deletion) => {
    expect(parseSetCookie(line).deletion).toBe(deletion);
  });

  it.each([
    ['__Host-id=1; Secure; Path=/', []],
    ['__host-id=1; Secure; Path=/', []],
    ['__Host-id=1; Path=/', ['requires Secure']],
    ['__Host-id=1; Secure; Path=/; Domain=example.com', ['forbids Domain']],
    ['__Host-id=1; Secure', ['requires Path=/']],
    ['__Host-id=1; Secure; Path=/app', ['requires Path=/']],
    ['__Secure-id=1; Secure', []],
    ['__SECURE-id=1', ['requires Secure']],
  ])('applies the prefix rules to %j', (line, expected) => {
    const problems = parseSetCookie(line).problems.filter(isPrefixProblem);
    expect(problems.length).toBe(expected.length);
    expected.forEach((text, i) => expect(problems[i]).toContain(text));
  });
});
