/** `Cache-Control` directives (RFC 9111 §5.2): lower-case names, unquoted values, `true` when bare. */
export interface ParsedCacheControl {
  directives: Map<string, string | true>;
  problems: string[];
}

/**
 * Parses every `Cache-Control` value of a response into one directive map. The first occurrence
 * of a repeated directive is kept; quoted values may contain commas.
 *
 * @example
 * parseCacheControl(['private, no-store']).directives.has('no-store') // true
 */
export function parseCacheControl(values: readonly string[]): ParsedCacheControl {
  const result: ParsedCacheControl = { directives: new Map(), problems: [] };
  for (const value of values) {
    for (const item of splitOutsideQuotes(value)) {
      const trimmed = item.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      const name = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
      let arg: string | true = eq === -1 ? true : trimmed.slice(eq + 1).trim();
      if (typeof arg === 'string' && arg.length >= 2 && arg.startsWith('"') && arg.endsWith('"')) {
        arg = arg.slice(1, -1);
      }
      if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
        result.problems.push(`"${name}" is not a directive name`);
        continue;
      }
      if (result.directives.has(name)) result.problems.push(`${name} is repeated`);
      else result.directives.set(name, arg);
    }
  }
  return result;
}

function splitOutsideQuotes(value: string): string[] {
  if (!value.includes('"')) return value.split(',');
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}
