/**
 * Text percent-decoded, or as written when an escape is malformed (a lone `%`): the crawl's
 * rules judge a path or query as a server that decodes it would route it.
 *
 * @example
 * percentDecoded('/caf%C3%A9'); // '/café'
 * percentDecoded('/100%'); // '/100%'
 */
export function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
