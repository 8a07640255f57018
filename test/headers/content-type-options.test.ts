import { describe, expect, it } from 'vitest';
import { parseContentTypeOptions } from '../../src/headers/content-type-options.js';

describe('parseContentTypeOptions', () => {
  it.each([
    [['nosniff'], true],
    [['NOSNIFF'], true],
    [[' nosniff '], true],
    [['nosniff, nosniff'], true],
    [['nosniff', 'other'], true],
    [['no-sniff'], false],
    [['other, nosniff'], false],
    [[''], false],
    [[], false],
  ])('%j → %s', (values, nosniff) => {
    expect(parseContentTypeOptions(values).nosniff).toBe(nosniff);
  });
});
