/**
 * Whether an http(s) URL carries a user name or password. They are never sent (a header carries
 * a credential), and a URL holding one must be refused without being quoted: reports and logs
 * print every target.
 *
 * @example
 * hasCredentials('http://alice:pw@127.0.0.1:8080') // true
 */
export function hasCredentials(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.username !== '' || url.password !== '';
}

/** Why a URL with credentials is refused, the same words wherever a URL list is read. */
export const CREDENTIALS_REFUSED =
  'holds credentials, which are never sent (the URL is not shown, so the password is not printed); pass them with headers (e.g. Authorization)';

/**
 * `text` as a message may quote it: whatever may be a user name or password, before the last
 * `@` anywhere in it, becomes `***`, also when the text is no URL a parser reads (`ftp://u:pw@host`,
 * `u:pw@host:8080`, `http://u:p#w@host`), which is when it is quoted. A password may hold `?`, `#`
 * or `/`, so no part of the text is taken to end the credentials: an `@` in a query is hidden
 * before too, which costs a message some of a URL, never a password.
 *
 * @example
 * hideCredentials('htp://alice:pw@127.0.0.1:8080/') // 'htp://***@127.0.0.1:8080/'
 */
export function hideCredentials(text: string): string {
  // A scheme counts only with its slashes: in `alice:pw@host` the "scheme" is the user name.
  // eslint-disable-next-line no-control-regex -- the URL parser strips leading C0 controls too
  const scheme = /^[\s\0-\x1f]*[A-Za-z][A-Za-z0-9+.-]*:[/\\]+/.exec(text)?.[0] ?? '';
  const rest = text.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  return at === -1 ? text : `${scheme}***${rest.slice(at)}`;
}
