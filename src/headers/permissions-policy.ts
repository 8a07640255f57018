import { parseDictionary, serializeBareItem, Token } from 'structured-headers';

/** One feature of a `Permissions-Policy`: `[]` denies it, `['*']` allows every origin. */
export interface ParsedPermissionsPolicy {
  /** Feature name to its allowlist (`self`, `*`, or origin strings). */
  features: Map<string, string[]>;
  problems: string[];
}

/**
 * Parses `Permissions-Policy`, an RFC 8941 structured-field dictionary. Header lines are joined
 * with commas as RFC 9110 allows; a syntax error anywhere makes browsers ignore the whole header.
 *
 * @example
 * parsePermissionsPolicy(['camera=(), geolocation=(self)']).features.get('geolocation') // ['self']
 */
export function parsePermissionsPolicy(values: readonly string[]): ParsedPermissionsPolicy {
  const result: ParsedPermissionsPolicy = { features: new Map(), problems: [] };
  if (values.length === 0) return result;
  let dictionary;
  try {
    dictionary = parseDictionary(values.join(', '));
  } catch (error) {
    result.problems.push(`not a structured-field dictionary: ${(error as Error).message}`);
    return result;
  }
  for (const [feature, member] of dictionary) {
    const [value] = member;
    const items = Array.isArray(value) ? value.map(([bare]) => bare) : [value];
    const allowlist: string[] = [];
    for (const bare of items) {
      if (bare instanceof Token) allowlist.push(bare.toString());
      else if (typeof bare === 'string') allowlist.push(bare);
      // As written in the header: String() showed a byte sequence as [object ArrayBuffer].
      else result.problems.push(`${feature}: ${serializeBareItem(bare)} is not a token or an origin string`);
    }
    result.features.set(feature, allowlist);
  }
  return result;
}
