import { createHash } from 'node:crypto';
import { parseCsp } from '../../headers/csp.js';
import { scanPageContent, type ContentItem } from '../../html/inline-content.js';
import { sourcesFor } from '../allow-sources.js';
import type { PageRecord } from './record.js';

/** What cannot be allowed safely: the app must change it before the policy is enforced. */
export type MustChangeKind =
  | 'inline-handler'
  | 'javascript-url'
  | 'eval'
  | 'inline-script'
  | 'script-without-nonce'
  | 'runtime-inline-style'
  | 'plugin'
  | 'unnamed-source';

export interface MustChange {
  kind: MustChangeKind;
  /** The directive that would block it. */
  directive: string;
  /** What to do, in a sentence. */
  advice: string;
  /** The code or URL, cut short. */
  sample: string;
  /** The pages it was seen on (at most 10). */
  pages: string[];
}

/** The page a draft was built from, as crawled. */
export interface DraftPage {
  url: string;
  status?: number;
  error?: string;
}

/** A proposed policy: directives in header order, with `'nonce'` where the per-request nonce goes. */
export interface Draft {
  origin: string;
  /** True when the app already serves nonces (a `'nonce-…'` in its policy on its scripts). */
  nonces: boolean;
  directives: [string, string[]][];
  mustChange: MustChange[];
  /** What the policy allows on purpose and why, for the reader to confirm. */
  notes: string[];
  pages: DraftPage[];
}

/** The placeholder secure() replaces with the response's nonce (middleware/csp-builder.ts NONCE). */
export const NONCE_PLACEHOLDER = "'nonce'";

const ORDER = [
  'default-src',
  'script-src',
  'style-src',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'frame-src',
  'worker-src',
  'manifest-src',
  'object-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
];

/** The directive a violation's effective directive is proposed under. */
const PROPOSED_AS: Readonly<Record<string, string>> = {
  'script-src-elem': 'script-src',
  'style-src-elem': 'style-src',
  'child-src': 'frame-src',
};

/** Fetch directives that fall back to default-src (form-action, base-uri and frame-ancestors do not). */
const FALLS_BACK = new Set(['img-src', 'font-src', 'connect-src', 'media-src', 'frame-src', 'manifest-src']);

const HOSTLESS_BLOCKED = new Set(['data', 'blob', 'filesystem', 'mediastream']);

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const cut = (text: string, max = 80) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * Proposes a policy from what the crawl saw: strict where scripts are concerned (the app's own
 * nonces with 'strict-dynamic' when it serves them, hashes of the inline scripts otherwise),
 * `object-src 'none'`, `base-uri` and `frame-ancestors` as narrow as the pages allow, and each
 * other directive allowing exactly the sources seen (src/csp/allow-sources.ts). What no policy
 * can allow safely (inline handlers, javascript: URLs, eval, …) is listed in `mustChange` with
 * the pages it was seen on, and left blocked.
 *
 * @example
 * const draft = proposePolicy([{ url: 'https://shop.example/', html: '<h1>Hi</h1>', policies: [], violations: [], forms: [] }]);
 * draft.directives; // [['default-src', ["'self'"]], ['script-src', ["'none'"]], …]
 */
export function proposePolicy(records: readonly PageRecord[]): Draft {
  const first = records[0];
  if (!first) throw new Error('proposePolicy: no page was crawled');
  const self = new URL(first.url);
  const urls = new Map<string, Set<string>>();
  const extra = new Map<string, Set<string>>();
  const problems = new Map<string, MustChange>();
  const notes: string[] = [];
  const want = (map: Map<string, Set<string>>, directive: string, value: string) => {
    const set = map.get(directive) ?? new Set<string>();
    set.add(value);
    map.set(directive, set);
  };
  const mustChange = (entry: Omit<MustChange, 'pages'>, page: string) => {
    const key = `${entry.kind}\n${entry.directive}\n${entry.sample}`;
    const known = problems.get(key) ?? { ...entry, pages: [] };
    if (!known.pages.includes(page) && known.pages.length < 10) known.pages.push(page);
    problems.set(key, known);
  };

  const pages = records.filter((r) => r.html !== undefined);
  const content = new Map(pages.map((r) => [r, scanPageContent(r.html!).items] as const));
  // The app serves nonces when a policy it sent names a nonce that one of its scripts carries.
  const nonces = pages.some((r) => {
    const served = parseCsp(r.policies, 'header').flatMap((p) => p.nonces);
    return content.get(r)!.some((item) => item.nonce !== undefined && served.includes(item.nonce));
  });
  const scriptUrls: string[] = [];
  let styleAttributes = false;
  let strictDynamic = nonces;
  /** Inline scripts only a violation showed: added at run time. */
  const runtimeInline: { sample: string; page: string }[] = [];
  const inlineScripts: string[] = [];
  const inlineStyles: string[] = [];
  /** The handlers in the HTML, by page: the violation each raises is the same finding. */
  const handlers = new Map<string, string[]>();

  for (const record of pages) {
    const page = record.url;
    for (const item of content.get(record)!) judgeItem(item, page);
    for (const action of record.forms)
      if (!action.startsWith('javascript:')) want(urls, 'form-action', action);
    const base = scanPageContent(record.html!).base;
    if (base) want(urls, 'base-uri', new URL(base.href, page).href);
  }

  function judgeItem(item: ContentItem, page: string): void {
    const sample = cut(item.source);
    switch (item.kind) {
      case 'script':
        if (!item.closed) return;
        inlineScripts.push(item.source);
        if (nonces && item.nonce === undefined)
          mustChange(
            {
              kind: 'inline-script',
              directive: 'script-src',
              advice:
                'give this inline script the nonce (<script nonce="…">), or move it to a file loaded by a nonced script',
              sample,
            },
            page,
          );
        else if (!nonces) want(extra, 'script-src', hashOf(item.source));
        return;
      case 'script-src':
        if (nonces && item.nonce === undefined)
          mustChange(
            {
              kind: 'script-without-nonce',
              directive: 'script-src',
              advice: "give this <script src> the nonce: 'strict-dynamic' ignores host allowlists",
              sample: item.src ?? sample,
            },
            page,
          );
        else if (!nonces && item.src !== undefined) {
          scriptUrls.push(new URL(item.src, page).href);
        }
        return;
      case 'handler':
        handlers.set(page, [...(handlers.get(page) ?? []), item.source]);
        mustChange(
          {
            kind: 'inline-handler',
            directive: 'script-src-attr',
            advice: `replace ${item.attribute ?? 'the handler'}="…" with addEventListener in a script`,
            sample: `<${item.tag} ${item.attribute ?? ''}="${cut(item.source, 60)}">`,
          },
          page,
        );
        return;
      case 'javascript-url':
        mustChange(
          {
            kind: 'javascript-url',
            directive: 'script-src',
            advice: 'replace the javascript: URL with a button and a listener added by a script',
            sample,
          },
          page,
        );
        return;
      case 'style':
        if (!item.closed) return;
        inlineStyles.push(item.source);
        want(
          extra,
          'style-src',
          nonces && item.nonce !== undefined ? NONCE_PLACEHOLDER : hashOf(item.source),
        );
        return;
      case 'style-attribute':
        styleAttributes = true;
        return;
    }
  }

  for (const record of records) {
    for (const v of record.violations) {
      const page = record.url;
      const directive = PROPOSED_AS[v.directive] ?? v.directive;
      const blocked = v.blocked;
      if (blocked === 'eval' || blocked === 'wasm-eval') {
        if (blocked === 'wasm-eval') want(extra, 'script-src', "'wasm-unsafe-eval'");
        else
          mustChange(
            {
              kind: 'eval',
              directive: 'script-src',
              advice:
                "stop evaluating strings (eval, new Function, setTimeout('…')): 'unsafe-eval' would let injected text run",
              sample: cut(v.sample) || '(no sample)',
            },
            page,
          );
        continue;
      }
      if (blocked === 'inline') {
        if (v.directive === 'script-src-attr') {
          if ((handlers.get(page) ?? []).some((text) => text.startsWith(v.sample))) continue;
          mustChange(
            {
              kind: 'inline-handler',
              directive: 'script-src-attr',
              advice: 'replace the inline event handler with addEventListener in a script',
              sample: cut(v.sample) || '(no sample)',
            },
            page,
          );
        } else if (v.directive === 'style-src-attr') {
          styleAttributes = true;
        } else if (directive === 'script-src') {
          // The HTML's own scripts are judged above; one only the violation shows was added at
          // run time, which 'strict-dynamic' allows when a trusted script added it.
          const known = inlineScripts.some((text) => text.startsWith(v.sample) || v.sample.startsWith(text));
          if (v.sample.startsWith('javascript:'))
            mustChange(
              {
                kind: 'javascript-url',
                directive: 'script-src',
                advice: 'replace the javascript: URL with a listener added by a script',
                sample: cut(v.sample),
              },
              page,
            );
          else if (!known) runtimeInline.push({ sample: cut(v.sample) || '(no sample)', page });
        } else if (directive === 'style-src') {
          const known = inlineStyles.some((text) => text.startsWith(v.sample) || v.sample.startsWith(text));
          if (!known)
            mustChange(
              {
                kind: 'runtime-inline-style',
                directive: 'style-src',
                advice: 'give styles added at run time the nonce, or load them as a stylesheet',
                sample: cut(v.sample) || '(no sample)',
              },
              page,
            );
        }
        continue;
      }
      if (blocked === '' || blocked.startsWith('trusted-types')) continue;
      const url = HOSTLESS_BLOCKED.has(blocked) ? `${blocked}:` : blocked;
      if (directive === 'object-src') {
        mustChange(
          {
            kind: 'plugin',
            directive: 'object-src',
            advice: "replace <object>/<embed> with native HTML: object-src stays 'none'",
            sample: cut(url),
          },
          page,
        );
        continue;
      }
      if (directive === 'script-src') {
        if (!nonces) scriptUrls.push(url);
        continue;
      }
      want(urls, directive, url);
    }
  }

  const directives = new Map<string, string[]>();
  const named = (directive: string, values: Iterable<string>, page?: string) => {
    const { sources, unnamed } = sourcesFor(values, self);
    for (const url of unnamed)
      mustChange(
        {
          kind: 'unnamed-source',
          directive,
          advice: 'serve it from a host name: a CSP can allow this URL only by its whole scheme',
          sample: cut(url),
        },
        page ?? first.url,
      );
    return sources;
  };
  directives.set('default-src', ["'self'"]);

  // Scripts: nonces and 'strict-dynamic' where the app serves nonces; else the inline scripts'
  // hashes, with 'strict-dynamic' only when no page loads a script by URL (which it would block).
  const scriptSources = [...(extra.get('script-src') ?? [])];
  if (nonces) directives.set('script-src', [NONCE_PLACEHOLDER, "'strict-dynamic'", ...scriptSources]);
  else {
    const allowed = named('script-src', scriptUrls);
    strictDynamic = allowed.length === 0 && scriptSources.some((s) => s.startsWith("'sha"));
    const list = [...scriptSources, ...allowed, ...(strictDynamic ? ["'strict-dynamic'"] : [])];
    directives.set('script-src', list.length > 0 ? list : ["'none'"]);
  }
  if (!strictDynamic)
    for (const { sample, page } of runtimeInline)
      mustChange(
        {
          kind: 'inline-script',
          directive: 'script-src',
          advice: 'load this script, added at run time, from a file instead of as inline text',
          sample,
        },
        page,
      );
  const styles = [
    ...new Set([...(extra.get('style-src') ?? []), ...named('style-src', urls.get('style-src') ?? [])]),
  ];
  if (styles.length > 0 && !(styles.length === 1 && styles[0] === "'self'"))
    directives.set('style-src', styles);
  if (styleAttributes) {
    directives.set('style-src-attr', ["'unsafe-inline'"]);
    notes.push(
      'style-src-attr \'unsafe-inline\': the pages use style="…" attributes, which cannot run script; remove them to drop it',
    );
  }
  for (const directive of ORDER) {
    if (directives.has(directive) || (!FALLS_BACK.has(directive) && directive !== 'worker-src')) continue;
    const seen = urls.get(directive);
    if (!seen) continue;
    const sources = named(directive, seen);
    if (
      sources.length > 0 &&
      !(sources.length === 1 && sources[0] === "'self'" && directive !== 'worker-src')
    )
      directives.set(directive, sources);
  }
  directives.set('object-src', ["'none'"]);
  const bases = urls.get('base-uri');
  directives.set('base-uri', bases ? named('base-uri', bases) : ["'none'"]);
  const forms = urls.get('form-action');
  const formSources = forms ? named('form-action', forms) : [];
  directives.set('form-action', formSources.length > 0 ? formSources : ["'self'"]);
  // A page that frames one of the site's own pages needs the site allowed to frame it.
  const framesSelf = [...(urls.get('frame-src') ?? [])].some(
    (u) => URL.canParse(u) && new URL(u).origin === self.origin,
  );
  directives.set('frame-ancestors', [framesSelf ? "'self'" : "'none'"]);
  if (framesSelf) notes.push("frame-ancestors 'self': a page of the site frames another of its pages");

  const ordered = ORDER.filter((d) => directives.has(d)).map(
    (d) => [d, directives.get(d)!] as [string, string[]],
  );
  return {
    origin: self.origin,
    nonces,
    directives: ordered,
    mustChange: [...problems.values()],
    notes,
    pages: records.map((r) => ({
      url: r.url,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error !== undefined ? { error: r.error } : {}),
    })),
  };
}
