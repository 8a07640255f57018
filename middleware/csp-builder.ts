import { KNOWN_DIRECTIVES, parseCsp } from '../src/headers/csp.js';
import type { CspTemplate } from './part.js';
import { fail, nearest } from './validate.js';

/** Write `'nonce'` in a source list where the per-request nonce belongs. */
export const NONCE = "'nonce'";

/** Directives as users write them: camelCase or kebab-case names; `true` for a bare directive, `null`/`false` to remove one. */
export type CspDirectives = Record<string, readonly string[] | string | boolean | null>;

const PLACEHOLDER = 'nonce-CHECKSECURENONCEPLACEHOLDER0';

/** A preset frozen to the bottom: one user changing it must not change every later policy. */
function preset(directives: Record<string, readonly string[] | true>): Readonly<CspDirectives> {
  for (const value of Object.values(directives)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(directives);
}

/** The strict preset: nonce plus 'strict-dynamic', no plugins, no <base>, no framing. */
export const STRICT_DIRECTIVES: Readonly<CspDirectives> = preset({
  'script-src': [NONCE, "'strict-dynamic'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
});

/** The compatible preset, for apps whose scripts are their own files: 'self' and a nonce for inline ones. */
export const COMPATIBLE_DIRECTIVES: Readonly<CspDirectives> = preset({
  'default-src': ["'self'"],
  'script-src': ["'self'", NONCE],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", NONCE],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'self'"],
  'form-action': ["'self'"],
  'upgrade-insecure-requests': true,
});

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Normalises and validates directives into an ordered map of kebab-case names to source lists. */
export function normaliseDirectives(
  where: string,
  directives: CspDirectives,
  base = new Map<string, readonly string[]>(),
): Map<string, readonly string[]> {
  if (!directives || typeof directives !== 'object' || Array.isArray(directives))
    fail(`${where}: directives`, directives, 'must be an object');
  const out = new Map(base);
  const given = new Map<string, string>();
  for (const [rawName, value] of Object.entries(directives)) {
    const name = kebab(rawName);
    // defaultSrc and 'default-src' in one object: one would silently replace the other.
    const twin = given.get(name);
    if (twin !== undefined)
      fail(`${where}: directives`, rawName, `names ${name} again (as ${JSON.stringify(twin)} too): keep one`);
    given.set(name, rawName);
    if (!KNOWN_DIRECTIVES.has(name)) {
      const near = nearest(name, KNOWN_DIRECTIVES);
      fail(
        `${where}: directives`,
        rawName,
        `is not a CSP directive${near ? ` (did you mean ${near}?)` : ''}`,
      );
    }
    if (value === null || value === false) {
      out.delete(name);
      continue;
    }
    const list: unknown =
      value === true ? [] : typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
    if (!Array.isArray(list))
      fail(`${where}: ${name}`, value, 'must be an array of sources, a string, true or null');
    for (const source of list as unknown[]) {
      if (typeof source !== 'string' || /[\r\n\0;,]/.test(source) || /\s/.test(source) || source === '') {
        fail(`${where}: ${name}`, source, 'must be one source without spaces, ";", "," or line breaks');
      }
    }
    // Each one was checked above.
    const sources = list as string[];
    if (name === 'sandbox')
      for (const token of sources) {
        if (!SANDBOX_TOKENS.includes(token)) {
          const near = nearest(token, SANDBOX_TOKENS);
          fail(
            `${where}: sandbox`,
            token,
            `is not a sandbox token (${SANDBOX_TOKENS.join(', ')}; true for none of them)${near ? `; did you mean ${near}?` : ''}`,
          );
        }
      }
    out.set(name, [...sources]);
  }
  return out;
}

/** What the sandbox directive may relax (HTML's iframe sandbox keywords); none at all is `true`. */
const SANDBOX_TOKENS = [
  'allow-downloads',
  'allow-forms',
  'allow-modals',
  'allow-orientation-lock',
  'allow-pointer-lock',
  'allow-popups',
  'allow-popups-to-escape-sandbox',
  'allow-presentation',
  'allow-same-origin',
  'allow-scripts',
  'allow-storage-access-by-user-activation',
  'allow-top-navigation',
  'allow-top-navigation-by-user-activation',
  'allow-top-navigation-to-custom-protocols',
];

/** The header value with a placeholder for the nonce, checked by checksecure's own CSP parser. */
function serialise(directives: ReadonlyMap<string, readonly string[]>): string {
  return [...directives].map(([name, list]) => (list.length ? `${name} ${list.join(' ')}` : name)).join('; ');
}

/**
 * Compiles directives into a template whose only per-request work is joining in the nonce. The
 * policy is validated with the same parser the checks use, so a middleware never sends a policy
 * that checksecure would call invalid.
 */
export function compileCsp(
  where: string,
  directives: ReadonlyMap<string, readonly string[]>,
  reportOnly: boolean,
): CspTemplate {
  if (directives.size === 0)
    fail(`${where}: directives`, {}, 'leave no directive: the policy would be empty');
  const text = serialise(directives);
  const probe = text.split(NONCE).join(`'${PLACEHOLDER}'`);
  const [policy] = parseCsp([probe], 'header');
  for (const problem of policy?.problems ?? []) {
    if (problem.kind === 'weak-nonce') continue;
    fail(where, text, `is not a valid policy: ${problem.message}`);
  }
  const parts = text.split(NONCE);
  return {
    header: reportOnly ? 'content-security-policy-report-only' : 'content-security-policy',
    parts:
      parts.length === 1
        ? [text]
        : parts.map((part, i) =>
            i === 0 ? `${part}'nonce-` : i === parts.length - 1 ? `'${part}` : `'${part}'nonce-`,
          ),
    directives,
    reportOnly,
  };
}
