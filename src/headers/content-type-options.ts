export interface ParsedContentTypeOptions {
  nosniff: boolean;
  problems: string[];
}

/**
 * Parses `X-Content-Type-Options` as the Fetch standard does: the first comma-separated value of
 * the combined header must be `nosniff`, in any case.
 *
 * @example
 * parseContentTypeOptions(['NoSniff']).nosniff // true
 */
export function parseContentTypeOptions(values: readonly string[]): ParsedContentTypeOptions {
  const first = values.join(',').split(',')[0]?.trim() ?? '';
  const nosniff = first.toLowerCase() === 'nosniff';
  return {
    nosniff,
    problems: nosniff || values.length === 0 ? [] : [`"${values.join(', ')}" is not nosniff`],
  };
}
