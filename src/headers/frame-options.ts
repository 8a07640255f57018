/** `X-Frame-Options` as browsers apply it (HTML § "The X-Frame-Options header"). */
export interface ParsedFrameOptions {
  /** `DENY` or `SAMEORIGIN` when the header keeps other sites from framing, else undefined. */
  value?: 'DENY' | 'SAMEORIGIN';
  problems: string[];
}

/**
 * Parses every `X-Frame-Options` value of a response. `ALLOW-FROM` is ignored by browsers and
 * repeated values are a problem even when they agree (docs/checks.md stance). Repeated values that
 * disagree still refuse other sites as soon as one is DENY or SAMEORIGIN (web-platform-tests,
 * x-frame-options/multiple: DENY with anything blocks every frame, SAMEORIGIN with an unknown
 * value at least the cross-origin ones), so `value` is the strictest of them.
 *
 * @example
 * parseFrameOptions(['sameorigin']).value // 'SAMEORIGIN'
 */
export function parseFrameOptions(values: readonly string[]): ParsedFrameOptions {
  const tokens = values
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const result: ParsedFrameOptions = { problems: [] };
  if (tokens.length === 0) {
    if (values.length > 0) result.problems.push('X-Frame-Options is empty');
    return result;
  }
  if (tokens.length > 1) result.problems.push(`X-Frame-Options is repeated: ${tokens.join(', ')}`);
  const normalised = new Set(tokens.map((t) => t.toUpperCase()));
  for (const token of tokens) {
    const upper = token.toUpperCase();
    if (upper.startsWith('ALLOW-FROM')) result.problems.push(`${token}: ALLOW-FROM is ignored by browsers`);
    else if (upper !== 'DENY' && upper !== 'SAMEORIGIN')
      result.problems.push(`"${token}" is not DENY or SAMEORIGIN`);
  }
  if (normalised.has('DENY')) result.value = 'DENY';
  else if (normalised.has('SAMEORIGIN')) result.value = 'SAMEORIGIN';
  return result;
}
