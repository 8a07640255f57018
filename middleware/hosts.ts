/** A Host header value split and checked: only a DNS name or an IP literal, with an optional port. */
export interface ParsedHost {
  hostname: string;
  port: string | undefined;
}

const HOST =
  /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?)(?::(\d{1,5}))?$/;

/** Parses a Host (or X-Forwarded-Host) value; undefined for anything that is not plainly a host. */
export function parseHost(value: string | undefined): ParsedHost | undefined {
  if (!value || value.length > 260) return undefined;
  const match = HOST.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  return { hostname: (match[1] as string).replace(/\.$/, ''), port: match[2] };
}

/**
 * Matches hosts the way Django's ALLOWED_HOSTS does: "example.com" exactly, ".example.com" for
 * it and every subdomain, "*" for anything; "host:port" pins the port too.
 */
export function hostMatcher(patterns: readonly string[]): (host: ParsedHost) => boolean {
  const rules = patterns.map((pattern) => {
    if (pattern === '*') return () => true;
    const [name, port] = pattern.startsWith('[')
      ? [pattern.slice(0, pattern.indexOf(']') + 1), pattern.split(']:')[1]]
      : pattern.split(':');
    const hostname = (name as string).toLowerCase();
    return (host: ParsedHost) =>
      (port === undefined || host.port === port) &&
      (hostname.startsWith('.')
        ? host.hostname === hostname.slice(1) || host.hostname.endsWith(hostname)
        : host.hostname === hostname);
  });
  return (host) => rules.some((rule) => rule(host));
}

export function isLocalHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === '[::1]'
  );
}
