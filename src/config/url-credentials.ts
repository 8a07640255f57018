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
