// Apart from the parser (cross-origin.ts), which needs structured-headers: the middleware
// validates its options against these lists and must load no package.
/** The values each cross-origin isolation header accepts; all are case-sensitive. */
export const CROSS_ORIGIN_VALUES = {
  'cross-origin-opener-policy': [
    'same-origin',
    'same-origin-allow-popups',
    'noopener-allow-popups',
    'unsafe-none',
  ],
  'cross-origin-embedder-policy': ['require-corp', 'credentialless', 'unsafe-none'],
  'cross-origin-resource-policy': ['same-origin', 'same-site', 'cross-origin'],
} as const;

export type CrossOriginHeader = keyof typeof CROSS_ORIGIN_VALUES;
