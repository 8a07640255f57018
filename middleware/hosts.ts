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
  const port = match[2];
  // A port no server listens on (0, 99999) would end up in a cacheable redirect.
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  return { hostname: (match[1] as string).replace(/\.$/, ''), port };
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
    const hostname = name.toLowerCase();
    return (host: ParsedHost) =>
      (port === undefined || host.port === port) &&
      (hostname.startsWith('.')
        ? host.hostname === hostname.slice(1) || host.hostname.endsWith(hostname)
        : host.hostname === hostname);
  });
  return (host) => rules.some((rule) => rule(host));
}

/** This machine: localhost (and its subdomains), 127.0.0.0/8 and [::1]. */
export function isLocalHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === '[::1]'
  );
}

// Names reserved for networks of one's own (RFC 6762 .local, RFC 8375 home.arpa, ICANN's .internal).
const INTERNAL_SUFFIX = /\.(?:local|internal|home\.arpa)$/;
// RFC 1918, link-local, carrier-grade NAT, and 0.0.0.0 (what a server bound to all interfaces shows).
const PRIVATE_V4 =
  /^(?:10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|169\.254\.|100\.(?:6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|0\.0\.0\.0$)/;
// Unique-local fc00::/7 and link-local fe80::/10.
const PRIVATE_V6 = /^\[(?:f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/;

/**
 * A host only a private network can reach: this machine, a private or link-local address, a
 * single-label name (a Docker or Kubernetes service: `api`) or a name reserved for private use.
 * No certificate authority issues certificates for these, so a redirect to https: there
 * breaks a working setup (a phone on the LAN, one container calling another) and protects
 * nothing a visitor from the Internet uses.
 */
export function isInternalHostname(hostname: string): boolean {
  if (isLocalHostname(hostname)) return true;
  if (hostname.startsWith('[')) return PRIVATE_V6.test(hostname);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(hostname)) return PRIVATE_V4.test(hostname);
  // A single label of digits (2130706433, 0x7f000001) is an IPv4 address to resolvers, not a name.
  if (!hostname.includes('.')) return !/^(?:\d+|0x[0-9a-f]+)$/.test(hostname);
  return INTERNAL_SUFFIX.test(hostname);
}
