import { isNonceOrHashSource, type CspPolicy } from '../headers/csp.js';
import { hashSources, nonceMatches } from '../headers/csp-match.js';
import type { ContentItem } from '../html/inline-content.js';
import { terminalText } from '../report/escape.js';

/** An element of the page that a policy blocks, with what decided it. */
export interface Judged {
  item: ContentItem;
  policy: CspPolicy;
  /** The directive that decided (script-src-elem may fall back to script-src or default-src). */
  directive: string;
  sources: readonly string[];
  /** Where a `<script src>` points, resolved against the page (or its `<base>`). */
  url?: URL;
  /** The base64 digest of the item's source: a closure, so fixFor may take it out of the object. */
  digest: (algorithm: string) => string;
}

export const hasKeyword = (sources: readonly string[], keyword: string): boolean =>
  sources.some((s) => s.toLowerCase() === keyword);
/** A nonce browsers accept: a malformed one ('nonce-bad$') is dropped, so it allows nothing. */
export const hasNonce = (sources: readonly string[]): boolean =>
  sources.some((s) => /^'nonce-/i.test(s) && isNonceOrHashSource(s));
const isWeb = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:';

/** A source that allows the URL: its origin, or its scheme for data:, blob: and the like. */
export const sourceFor = (url: URL): string => (isWeb(url) ? url.origin : url.protocol);

/** How much of a text clip() reads: many times what it shows, so that elided tokens leave enough. */
const CLIP_INPUT = 4096;

/**
 * Page text made safe to show: one line, control characters shown as escapes, token-like runs
 * (keys, JWTs, nonces: 20 or more characters with letters and digits) elided, then clipped.
 */
export function clip(text: string, max: number): string {
  // Only the start is ever shown: the regexes below overflowed V8's stack on a 6 MB attribute. A
  // token cut at the end could show a secret's head, so a run cut short is elided as a whole.
  const head =
    text.length > CLIP_INPUT ? `${text.slice(0, CLIP_INPUT).replace(/[A-Za-z0-9+/_=.-]+$/, '')}…` : text;
  const shown = terminalText(
    head
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[A-Za-z0-9+/_=.-]{20,}/g, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? '…' : run)),
  );
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** A script URL for messages, without its query (which may carry a key). */
const shortUrl = (url: URL) =>
  clip(isWeb(url) ? `${url.origin}${url.pathname}${url.search ? '?…' : ''}` : url.href, 100);

/** The element as it stands in the page, shortened; a nonce's value is never shown. */
export function excerpt({ item, url }: Judged): string {
  const tag = clip(item.tag, 30);
  const id = item.id !== undefined ? ` id="${clip(item.id, 30)}"` : '';
  const nonce = item.nonce !== undefined || item.nonceIgnored ? ' nonce="…"' : '';
  switch (item.kind) {
    case 'script':
    case 'style':
      return `<${tag}${id}${nonce}>${clip(item.source, 40)}</${tag}>`;
    case 'script-src':
      return `<script${id}${nonce} src="${url ? shortUrl(url) : clip(item.src ?? '', 100)}">`;
    default:
      return `<${tag}${id} ${item.attribute}="${clip(item.source, 60)}">`;
  }
}

/** What is blocked, as the subject of a sentence. */
export function label({ item, url }: Judged, line: number): string {
  const tag = clip(item.tag, 30);
  switch (item.kind) {
    case 'script':
      return `the inline <script> on line ${line}`;
    case 'style':
      return `the inline <style> on line ${line}`;
    case 'script-src':
      return `the script ${shortUrl(url!)} on line ${line}`;
    case 'handler':
      return `the ${item.attribute} handler of <${tag}> on line ${line}`;
    case 'javascript-url':
      return `the javascript: URL in <${tag} ${item.attribute}> on line ${line}`;
    case 'style-attribute':
      return `the style attribute of <${tag}> on line ${line}`;
  }
}

export const policyName = (policy: CspPolicy): string =>
  policy.source === 'meta'
    ? 'the <meta> policy'
    : policy.source === 'report-only'
      ? 'Content-Security-Policy-Report-Only'
      : 'the Content-Security-Policy header';

/** Why the directive refuses the item, in the terms of its own source list. */
export function reason({ item, directive, sources, url }: Judged): string {
  const style = item.kind === 'style' || item.kind === 'style-attribute';
  const unsafeInline = hasKeyword(sources, "'unsafe-inline'");
  const cancels = style ? 'a nonce or a hash' : "a nonce, a hash or 'strict-dynamic'";
  const nonce = item.nonceIgnored
    ? `its nonce is ignored: ${item.nonceIgnored}`
    : item.nonce === undefined
      ? hasNonce(sources)
        ? 'it has no nonce'
        : undefined
      : nonceMatches(sources, item.nonce)
        ? undefined
        : 'its nonce is not one the policy names';
  switch (item.kind) {
    case 'script':
    case 'style': {
      const parts = nonce ? [nonce] : [];
      if (hashSources(sources).length > 0) parts.push('no listed hash matches it');
      if (unsafeInline) parts.push(`'unsafe-inline' is ignored beside ${cancels}`);
      else if (parts.length === 0)
        parts.push(`${directive} allows no inline code: no 'unsafe-inline', nonce or hash`);
      return parts.join(', ');
    }
    case 'script-src':
      return hasKeyword(sources, "'strict-dynamic'")
        ? `${nonce ?? 'it has no nonce'}, and 'strict-dynamic' ignores host and scheme sources: only a script with the nonce loads`
        : `${sourceFor(url!)} matches no source of ${directive}${nonce ? `, and ${nonce}` : ''}`;
    default: {
      const what =
        item.kind === 'handler'
          ? 'an event handler attribute runs'
          : item.kind === 'javascript-url'
            ? 'a javascript: URL runs'
            : 'a style attribute applies';
      const hashed = hasKeyword(sources, "'unsafe-hashes'")
        ? ", or with 'unsafe-hashes' and its hash, which is not listed"
        : '';
      return `${what} only with 'unsafe-inline'${hashed}${unsafeInline ? `, and that is ignored beside ${cancels}` : ''}`;
    }
  }
}
