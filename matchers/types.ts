/** What Jest and Vitest hand a matcher as `this` (the parts checksecure uses). */
export interface MatcherContext {
  isNot?: boolean;
  promise?: string;
  utils: {
    matcherHint(
      name: string,
      received?: string,
      expected?: string,
      options?: { isNot?: boolean; promise?: string },
    ): string;
    RECEIVED_COLOR?: (text: string) => string;
    EXPECTED_COLOR?: (text: string) => string;
  };
  equals(a: unknown, b: unknown): boolean;
}

export interface MatcherResult {
  pass: boolean;
  message(): string;
}
