/** `Strict-Transport-Security` as RFC 6797 reads it. */
export interface ParsedHsts {
  /** undefined when absent or unparseable. */
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  /** Each reason the header is invalid; a browser ignores an invalid header entirely. */
  problems: string[];
}

/**
 * Parses the `Strict-Transport-Security` values of one response. More than one header line is a
 * problem (RFC 6797 §8.1: only the first is processed, and it usually means two layers disagree).
 *
 * @example
 * parseHsts(['max-age=63072000; includeSubDomains']).maxAge // 63072000
 */
export function parseHsts(values: readonly string[]): ParsedHsts {
  const result: ParsedHsts = { includeSubDomains: false, preload: false, problems: [] };
  if (values.length === 0) {
    result.problems.push('no Strict-Transport-Security header');
    return result;
  }
  if (values.length > 1) result.problems.push(`${values.length} Strict-Transport-Security header lines`);
  const seen = new Set<string>();
  for (const part of (values[0] as string).split(';')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = (eq === -1 ? item : item.slice(0, eq)).trim().toLowerCase();
    let value = eq === -1 ? undefined : item.slice(eq + 1).trim();
    if (value !== undefined && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
    }
    if (seen.has(name)) {
      result.problems.push(`the ${name} directive is repeated`);
      continue;
    }
    seen.add(name);
    if (name === 'max-age') {
      if (value === undefined || !/^\d+$/.test(value)) {
        result.problems.push(`max-age=${value ?? ''} is not a number of seconds`);
      } else {
        result.maxAge = Number(value);
      }
    } else if (name === 'includesubdomains') {
      result.includeSubDomains = true;
      if (value !== undefined) result.problems.push('includeSubDomains takes no value');
    } else if (name === 'preload') {
      result.preload = true;
    } else if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
      // Unknown directives are ignored (RFC 6797 §6.1), but a non-token name is a syntax error.
      result.problems.push(`"${name}" is not a directive name`);
    }
  }
  if (!seen.has('max-age')) result.problems.push('no max-age directive');
  if (result.problems.length > 0 && result.maxAge === undefined) delete result.maxAge;
  return result;
}
