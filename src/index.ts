/**
 * checksecure: lint how a site answers over HTTP and get stable warning codes with fixes.
 * This entry is the documented API (docs/exports.md lists it, and a test keeps the two equal);
 * what the engine, the probe and the reports use among themselves stays in their own modules.
 *
 * @example
 * import { runChecks } from 'checksecure';
 * const warnings = await runChecks('https://staging.example.com');
 */
export { scan, runChecks } from './core/scan.js';
export { defineCheck } from './core/registry.js';
export { TargetError, ConfigError, CheckError, SkipCheck } from './core/errors.js';
export type {
  AcceptedWarning,
  Acceptance,
  Adapter,
  Check,
  CheckContext,
  CheckDefinition,
  CheckInput,
  CheckResult,
  CheckState,
  CheckStatus,
  CheckYield,
  CsrfPair,
  CsrfSameOrigin,
  CsrfToken,
  CsrfTokenContext,
  CrawlOptions,
  Exchange,
  Fix,
  FixImport,
  FixSpec,
  FixValue,
  FunctionCheck,
  ManualFix,
  MessageSpec,
  PageSource,
  PartFix,
  ProbeApi,
  ProbeRequest,
  RedirectHop,
  Report,
  ResolvedCsrfToken,
  ResolvedOptions,
  ScanOptions,
  ScannedPage,
  Severity,
  TargetInfo,
  UnscannedPage,
  Warning,
  WarningInit,
} from './core/types.js';
export type { Target, RequestListener, FastifyLike, KoaLike, HapiLike, AppTarget } from './probe/target.js';
export type { FetchHandler } from './probe/fetch-transport.js';
export type { CapturedResponse, PlainResponse } from './probe/captured.js';
export * from './checks/index.js';
export type { HstsCheckOptions } from './checks/hsts.js';
export { parseHsts, type ParsedHsts } from './headers/hsts.js';
export { parseCsp } from './headers/csp.js';
export type { CspPolicy, CspProblem, CspProblemKind, CspSource } from './headers/csp.js';
export { parseSetCookie, type ParsedCookie } from './headers/set-cookie.js';
export { parseFrameOptions, type ParsedFrameOptions } from './headers/frame-options.js';
export { parseReferrerPolicy } from './headers/referrer-policy.js';
export type { ParsedReferrerPolicy, ReferrerPolicyToken } from './headers/referrer-policy.js';
export { parseCacheControl, type ParsedCacheControl } from './headers/cache-control.js';
export { parsePermissionsPolicy, type ParsedPermissionsPolicy } from './headers/permissions-policy.js';
export { parseCrossOrigin, type ParsedCrossOrigin } from './headers/cross-origin.js';
export type { CrossOriginHeader } from './headers/cross-origin-values.js';
export { parseContentTypeOptions, type ParsedContentTypeOptions } from './headers/content-type-options.js';
export { defineConfig, type Config } from './config/define-config.js';
export { loadConfig, findConfig, type LoadedConfig } from './config/load-config.js';
export type { FailOn } from './core/fail-on.js';
export { formatText, type TextOptions, type Verbosity } from './report/text.js';
export { formatJson } from './report/json.js';
export { formatSarif, type SarifOptions, type SarifLocation } from './report/sarif.js';
export { formatMarkdown, type MarkdownOptions } from './report/markdown.js';
export { formatGithub, type GithubOptions } from './report/github.js';
