/**
 * checksecure: lint how a site answers over HTTP and get stable warning codes with fixes.
 *
 * @example
 * import { runChecks } from 'checksecure';
 * const warnings = await runChecks('https://staging.example.com');
 */
export { scan, runChecks } from './core/scan.js';
export { defineCheck, toCheck, codesOf } from './core/registry.js';
export type {
  Adapter,
  Check,
  CheckContext,
  CheckInput,
  CheckResult,
  CheckState,
  CheckStatus,
  CheckYield,
  CsrfPair,
  CsrfSameOrigin,
  CsrfToken,
  CsrfTokenContext,
  Exchange,
  Fix,
  FunctionCheck,
  MessageSpec,
  ProbeRequest,
  RedirectHop,
  Report,
  ResolvedOptions,
  ScanOptions,
  Severity,
  TargetInfo,
  UnscannedPage,
  Warning,
  WarningInit,
} from './core/types.js';
export { runCheck, runCheckSync, type CheckOutcome } from './core/run-check.js';
export { makeContext } from './core/context.js';
export { resolveOptions } from './core/options.js';
export { TargetError, ConfigError, CheckError, SkipCheck } from './core/errors.js';
export { Probe, ATTACKER_HOST, ATTACKER_ORIGIN } from './probe/probe.js';
export {
  openTarget,
  type Target,
  type RequestListener,
  type FastifyLike,
  type KoaLike,
  type HapiLike,
  type AppTarget,
  type OpenTarget,
} from './probe/target.js';
export type { FetchHandler } from './probe/fetch-transport.js';
export {
  fromCaptured,
  isCapturedResponse,
  type CapturedResponse,
  type PlainResponse,
} from './probe/captured.js';
export { toHeaderMap } from './probe/header-map.js';
export * from './checks/index.js';
export { HSTS_MIN_MAX_AGE, HSTS_PRELOAD_MAX_AGE, type HstsCheckOptions } from './checks/hsts.js';
export { cspFindings } from './checks/csp.js';
export { pagePolicies, type PagePolicies } from './checks/page-policies.js';
export { parseHsts, type ParsedHsts } from './headers/hsts.js';
export { parseCsp, KNOWN_DIRECTIVES, DEPRECATED_DIRECTIVES, MIN_NONCE_LENGTH } from './headers/csp.js';
export type { CspPolicy, CspProblem, CspProblemKind, CspSource } from './headers/csp.js';
export * as cspEffective from './headers/csp-effective.js';
export { parseSetCookie, type ParsedCookie } from './headers/set-cookie.js';
export { parseFrameOptions, type ParsedFrameOptions } from './headers/frame-options.js';
export {
  parseReferrerPolicy,
  REFERRER_POLICIES,
  UNSAFE_REFERRER_POLICIES,
} from './headers/referrer-policy.js';
export type { ParsedReferrerPolicy, ReferrerPolicyToken } from './headers/referrer-policy.js';
export { parseCacheControl, type ParsedCacheControl } from './headers/cache-control.js';
export { parsePermissionsPolicy, type ParsedPermissionsPolicy } from './headers/permissions-policy.js';
export {
  parseCrossOrigin,
  CROSS_ORIGIN_VALUES,
  type CrossOriginHeader,
  type ParsedCrossOrigin,
} from './headers/cross-origin.js';
export { parseContentTypeOptions, type ParsedContentTypeOptions } from './headers/content-type-options.js';
export { defineConfig, type Config } from './config/define-config.js';
export { loadConfig, findConfig, CONFIG_NAMES, type LoadedConfig } from './config/load-config.js';
export { failsAt, FAIL_ON_VALUES, type FailOn } from './core/fail-on.js';
export { formatText, type TextOptions, type Verbosity } from './report/text.js';
export { formatJson } from './report/json.js';
export { formatSarif, fingerprint, type SarifOptions, type SarifLocation } from './report/sarif.js';
export { formatMarkdown, type MarkdownOptions } from './report/markdown.js';
export { formatGithub, type GithubOptions } from './report/github.js';
export { markdownCell, commandData, commandProperty, terminalText } from './report/escape.js';
export { checkExchange } from './core/check-exchange.js';
export { judgeHttpsRedirect } from './checks/https-redirect.js';
