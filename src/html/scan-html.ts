import { walkHtml } from './walk-html.js';

export interface HtmlScript {
  src?: string;
  integrity?: string;
  nonce?: string;
}

/** What the checks need from an HTML body, gathered in one streaming pass. */
export interface HtmlFacts {
  scripts: HtmlScript[];
  /** `<meta http-equiv="Content-Security-Policy" content="...">` values. */
  metaCsp: string[];
  /** `<meta name="referrer" content="...">` values, in document order. */
  metaReferrer: string[];
  /** Every URL-bearing attribute value (href, src, action, formaction, content of refresh). */
  urls: string[];
}

const URL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'poster',
  'srcset',
]);
/** All the attributes scanHtml reads: the others are not decoded at all. */
const READ: { attributes: ReadonlySet<string> } = {
  attributes: new Set([...URL_ATTRIBUTES, 'integrity', 'nonce', 'http-equiv', 'name', 'content']),
};
const cache = new WeakMap<object, HtmlFacts>();

/**
 * Extracts scripts, `<meta>` policies and URLs from an HTML document. Results are cached per
 * `owner` (an exchange), since several checks read the same page.
 *
 * @example
 * scanHtml('<script src="https://cdn.example/x.js"></script>').scripts[0].src // 'https://cdn.example/x.js'
 */
export function scanHtml(html: string, owner?: object): HtmlFacts {
  const cached = owner && cache.get(owner);
  if (cached) return cached;
  const facts: HtmlFacts = { scripts: [], metaCsp: [], metaReferrer: [], urls: [] };
  walkHtml(
    html,
    {
      openTag(name, attributes) {
        if (name === 'script') {
          const script: HtmlScript = {};
          if (attributes.src !== undefined) script.src = attributes.src;
          if (attributes.integrity !== undefined) script.integrity = attributes.integrity;
          if (attributes.nonce !== undefined) script.nonce = attributes.nonce;
          facts.scripts.push(script);
        } else if (name === 'meta') {
          const equiv = attributes['http-equiv']?.toLowerCase();
          if (equiv === 'content-security-policy' && attributes.content)
            facts.metaCsp.push(attributes.content);
          if (equiv === 'refresh' && attributes.content) facts.urls.push(attributes.content);
          if (attributes.name?.toLowerCase() === 'referrer' && attributes.content !== undefined)
            facts.metaReferrer.push(attributes.content);
        }
        for (const key in attributes) {
          if (URL_ATTRIBUTES.has(key)) facts.urls.push(attributes[key] as string);
        }
      },
    },
    READ,
  );
  if (owner) cache.set(owner, facts);
  return facts;
}
