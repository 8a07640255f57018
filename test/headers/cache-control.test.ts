import { describe, expect, it } from 'vitest';
import { parseCacheControl } from '../../src/headers/cache-control.js';

describe('parseCacheControl', () => {
  it('merges header lines and keeps arguments', () => {
    const { directives, problems } = parseCacheControl(['private, max-age=0', 'No-Store']);
    expect(problems).toEqual([]);
    expect([...directives]).toEqual([
      ['private', true],
      ['max-age', '0'],
      ['no-store', true],
    ]);
  });

  it('keeps commas inside quoted values', () => {
    const { directives } = parseCacheControl(['no-cache="set-cookie, x-a", no-store']);
    expect(directives.get('no-cache')).toBe('set-cookie, x-a');
    expect(directives.has('no-store')).toBe(true);
  });

  it.each([
    [['max-age=1, max-age=2'], /repeated/],
    [['no store'], /not a directive name/],
  ])('records problems in %j', (values, problem) => {
    expect(parseCacheControl(values).problems.join(' ')).toMatch(problem);
  });

  it.each([[[]], [['']], [[', ,']]])('copes with empty input %j', (values) => {
    expect(parseCacheControl(values).directives.size).toBe(0);
  });
});
