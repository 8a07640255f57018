import type { BrowserCspViolation, CspDisposition } from './types.js';

/** What a console report says; the rest of a violation is unknown to it. */
export type ConsoleViolation = Pick<BrowserCspViolation, 'directive' | 'blockedURI' | 'disposition'>;

// Chromium has worded these two ways: "Refused to load the script 'URL' because it violates the
// following Content Security Policy directive: "…"" and, in recent versions, "Loading the script 'URL'
// violates the following Content Security Policy directive: "…"". The policy is quoted with
// double quotes after a colon, or with single quotes without one (its own quotes inside).
const DIRECTIVE =
  /the following Content Security Policy directive(?::\s*"([^"]*)"|\s+'([^']*)'|[^"]*?:\s*"([^"]*)")/;

/**
 * The violation a Chromium console message reports, or undefined for any other message.
 *
 * @example
 * parseConsoleViolation(`Loading the script 'https://cdn.example/a.js' violates the following Content Security Policy directive: "script-src 'self'". The action has been blocked.`);
 * // { directive: 'script-src', blockedURI: 'https://cdn.example/a.js', disposition: 'enforce' }
 */
export function parseConsoleViolation(text: string): ConsoleViolation | undefined {
  const violates = DIRECTIVE.exec(text);
  if (!violates) return undefined;
  const policy = (violates[1] ?? violates[2] ?? violates[3] ?? '').trim();
  const directive = policy.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!directive) return undefined;
  const disposition: CspDisposition = /^\[Report Only\]|The policy is report-only/.test(text)
    ? 'report'
    : 'enforce';
  return { directive, blockedURI: blockedOf(text), disposition };
}

function blockedOf(text: string): string {
  if (/evaluate a string as JavaScript|Evaluating a string as JavaScript/.test(text)) return 'eval';
  if (/WebAssembly/.test(text)) return 'wasm-eval';
  if (/Trusted Type/i.test(text)) return /policy/i.test(text) ? 'trusted-types-policy' : 'trusted-types-sink';
  // The URL is the first quoted text before the policy is named; inline code has none.
  const before = text.slice(0, text.search(/\b(?:because it )?violates\b|\bbecause\b/));
  return /'([^']+)'/.exec(before)?.[1] ?? 'inline';
}
