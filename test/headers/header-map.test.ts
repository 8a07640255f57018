import { describe, expect, it } from 'vitest';
import { toHeaderMap } from '../../src/probe/header-map.js';

describe('toHeaderMap', () => {
  it('reads every shape users hand it, in any casing, keeping repeated values', () => {
    const expected = { 'set-cookie': ['a=1', 'b=2'], 'x-a': ['1'] };
    expect(toHeaderMap({ 'Set-Cookie': ['a=1', 'b=2'], 'X-A': 1 })).toEqual(expected);
    expect(toHeaderMap(['Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'X-A', '1'])).toEqual(expected);
    expect(
      toHeaderMap(
        new Map<string, unknown>([
          ['SET-COOKIE', ['a=1', 'b=2']],
          ['x-a', '1'],
        ]),
      ),
    ).toEqual(expected);
    const fetchHeaders = new Headers([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
      ['x-a', '1'],
    ]);
    expect(toHeaderMap(fetchHeaders)).toEqual(expected);
    expect(toHeaderMap(undefined)).toEqual({});
  });

  // Found by `npm run fuzz` (seed 505459382): String() throws on an object whose toString is
  // not a function, and a response object from a user's test may hold anything.
  it('never throws on values that cannot be turned into strings', () => {
    const odd = { toString: [] };
    const throwing = {
      toString() {
        throw new Error('no');
      },
    };
    expect(toHeaderMap([[], odd])).toEqual({ '': ['[object Object]'] });
    expect(toHeaderMap({ 'x-odd': odd, 'x-throwing': [throwing] })).toEqual({
      'x-odd': ['[object Object]'],
      'x-throwing': ['[object Object]'],
    });
    expect(toHeaderMap(new Map([[odd, 'v']]))).toEqual({ '[object object]': ['v'] });
  });
});
