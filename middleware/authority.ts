/**
 * The host a request was sent to. On HTTP/2 that is `:authority` (a browser sends no `host`);
 * a request carrying both with different values is answered as having no valid host at all
 * (allowedHosts and httpsRedirect refuse it, csrf matches no Origin to it), since the app and a
 * proxy may each believe a different one: link and password-reset poisoning.
 *
 * @example
 * authority({ ':authority': 'example.com', host: 'evil.com' }) // CONFLICTING_HOSTS
 */
export function authority(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): string | undefined {
  const pseudo = headers[':authority'];
  const host = headers.host;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  if (pseudo === undefined) return first(host);
  if (host !== undefined && first(host)!.trim().toLowerCase() !== first(pseudo)!.trim().toLowerCase())
    return CONFLICTING_HOSTS;
  return first(pseudo);
}

/** Not a host: every host parser refuses it. */
export const CONFLICTING_HOSTS = ':authority and host disagree';
