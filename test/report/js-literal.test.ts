import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { jsLiteral } from '../../src/report/js-literal.js';

describe('jsLiteral: options written into a snippet as code', () => {
  it('writes objects, lists and scalars as the snippets write code', () => {
    expect(jsLiteral({ maxAge: 63072000, includeSubDomains: true, preload: false })).toBe(
      '{ maxAge: 63072000, includeSubDomains: true, preload: false }',
    );
    expect(jsLiteral({ hosts: ['example.com'], sameSite: 'Lax', none: null })).toBe(
      "{ hosts: ['example.com'], sameSite: 'Lax', none: null }",
    );
    expect(jsLiteral({ empty: {}, list: [] })).toBe('{ empty: {}, list: [] }');
    expect(jsLiteral({ features: { camera: [], 'display-capture': [] } })).toBe(
      "{ features: { camera: [], 'display-capture': [] } }",
    );
  });

  it('writes a list with a quoted CSP keyword in double quotes throughout', () => {
    expect(jsLiteral({ scriptSrc: ["'self'", 'https://cdn.example.org'] })).toBe(
      `{ scriptSrc: ["'self'", "https://cdn.example.org"] }`,
    );
    expect(jsLiteral({ scriptSrc: ['https://a.example', 'https://b.example'] })).toBe(
      "{ scriptSrc: ['https://a.example', 'https://b.example'] }",
    );
  });

  it('escapes what would end the string or the line, so the snippet stays one literal', () => {
    expect(jsLiteral(["it's", 'a\\b', 'line\nbreak', 'tab\there'])).toBe(
      `["it's", "a\\\\b", "line\\nbreak", "tab\\there"]`,
    );
    const hostile = "x'); process.exit(1); ('";
    expect(runInNewContext(`(${jsLiteral({ [hostile]: [hostile] })})`)).toEqual({ [hostile]: [hostile] });
  });
});
