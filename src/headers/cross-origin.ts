import { parseItem, Token } from 'structured-headers';
import { CROSS_ORIGIN_VALUES, type CrossOriginHeader } from './cross-origin-values.js';

export interface ParsedCrossOrigin {
  /** The value when valid, else undefined. */
  value?: string;
  problems: string[];
}

/**
 * Parses COOP, COEP (RFC 8941 structured-field tokens with parameters such as `report-to`) or
 * CORP (a plain value compared byte for byte). Case matters: `Same-Origin` is invalid.
 *
 * @example
 * parseCrossOrigin('cross-origin-opener-policy', ['same-origin; report-to="coop"']).value // 'same-origin'
 */
export function parseCrossOrigin(header: CrossOriginHeader, values: readonly string[]): ParsedCrossOrigin {
  const allowed: readonly string[] = CROSS_ORIGIN_VALUES[header];
  const result: ParsedCrossOrigin = { problems: [] };
  if (values.length === 0) return result;
  if (values.length > 1) {
    result.problems.push(`${values.length} header lines: ${values.join(' | ')}`);
    return result;
  }
  const raw = values[0] as string;
  let token: string;
  if (header === 'cross-origin-resource-policy') {
    token = raw.trim();
  } else {
    try {
      const [bare] = parseItem(raw);
      if (!(bare instanceof Token)) {
        result.problems.push(`"${raw}" is not a token`);
        return result;
      }
      token = bare.toString();
    } catch (error) {
      result.problems.push(`"${raw}" is not a structured-field item: ${(error as Error).message}`);
      return result;
    }
  }
  if (allowed.includes(token)) result.value = token;
  else result.problems.push(`"${token}" is not one of ${allowed.join(', ')}`);
  return result;
}
