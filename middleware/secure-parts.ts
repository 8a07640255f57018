/**
 * The parts of secure(), in the order its options are listed: each is the name of secure()'s
 * option and of the checksecure/middleware factory that mounts the part alone, with whether
 * secure() mounts it when that option is not given. The one list of them: secure() checks its
 * options against it, and the scanner writes its fixes from it (a fix names a part; through an
 * adapter it becomes that option of secure()). cspReportOnly alone has no factory of its own:
 * mounted alone it is contentSecurityPolicy({ reportOnly: true }), and render-fix writes it so.
 *
 * @example
 * SECURE_PARTS.cspReport; // 'off': secure() mounts it only when given cspReport
 */
export const SECURE_PARTS = {
  hsts: 'on',
  contentSecurityPolicy: 'on',
  cspReportOnly: 'off',
  cspReport: 'off',
  frameGuard: 'on',
  noSniff: 'on',
  referrerPolicy: 'on',
  permissionsPolicy: 'on',
  crossOriginPolicies: 'on',
  xssProtection: 'on',
  hidePoweredBy: 'on',
  httpsRedirect: 'on',
  csrf: 'on',
  sessionCookie: 'on',
  allowedHosts: 'off',
  noCache: 'off',
} as const;

/** A part of secure(), by the name of its option. */
export type SecurePart = keyof typeof SECURE_PARTS;
