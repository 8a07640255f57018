/** What a report's blockedUrl names. */
export type Blocked =
  | {
      kind: 'url';
      url: URL;
      /** Lower-case scheme without ':'. */
      scheme: string;
      /** What one source names: `scheme://host[:port]`, or `scheme:` for a URL without a host. */
      origin: string;
      /** The URL without query or fragment: what a page loses, and what a source's path is built from. */
      resource: string;
    }
  /** An inline script or style, an inline event handler or style attribute, a javascript: URL. */
  | { kind: 'inline' }
  /** eval(), new Function(), setTimeout with a string; or WebAssembly compilation. */
  | { kind: 'eval'; wasm: boolean }
  /** Anything else (trusted-types-sink, a value no URL parser reads): listed, never allowed. */
  | { kind: 'other'; value: string };

/** Browsers write data: and blob: loads by their bare scheme in some report formats. */
const BARE_SCHEME: Readonly<Record<string, string>> = {
  data: 'data:,',
  blob: 'blob:null/0',
  about: 'about:blank',
};

const cache = new Map<string, Blocked>();
const MAX_CACHED = 10_000;

function classify(value: string): Blocked {
  const lower = value.toLowerCase();
  if (lower === 'inline') return { kind: 'inline' };
  if (lower === 'eval' || lower === 'wasm-eval') return { kind: 'eval', wasm: lower === 'wasm-eval' };
  let url: URL;
  try {
    url = new URL(BARE_SCHEME[lower] ?? value);
  } catch {
    return { kind: 'other', value };
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  const origin = url.host === '' ? `${scheme}:` : `${scheme}://${url.host}`;
  return {
    kind: 'url',
    url,
    scheme,
    origin,
    resource: url.host === '' ? origin : `${origin}${url.pathname}`,
  };
}

/**
 * A report's blockedUrl classified, parsed once per distinct value (a million reports name a few
 * thousand URLs; the cache is cleared when it reaches its bound, so memory stays flat).
 *
 * @example
 * blockedOf('https://cdn.example/lib/a.js?v=2') // { kind: 'url', origin: 'https://cdn.example', resource: 'https://cdn.example/lib/a.js', … }
 */
export function blockedOf(value: string): Blocked {
  let entry = cache.get(value);
  if (!entry) {
    entry = classify(value);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(value, entry);
  }
  return entry;
}
