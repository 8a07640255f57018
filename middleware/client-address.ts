import type { RequestView } from './types.js';

/** Four decimal parts from 0 to 255, or undefined. */
function ipv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/** Eight 16-bit groups, or undefined: `::` shorthand, an IPv4 tail and a `%zone` are understood. */
function ipv6(text: string): number[] | undefined {
  let s = text.split('%', 1)[0]!;
  let tail: number[] = [];
  const colon = s.lastIndexOf(':');
  if (colon === -1) return undefined;
  if (s.includes('.', colon)) {
    const v4 = ipv4(s.slice(colon + 1));
    if (!v4) return undefined;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    s = s.endsWith('::', colon + 1) ? s.slice(0, colon + 1) : s.slice(0, colon);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  if (!groups.flat().every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const [head, rest = []] = groups.map((g) => g.map((h) => parseInt(h, 16)));
  const missing = 8 - head!.length - rest.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head!, ...Array<number>(Math.max(missing, 0)).fill(0), ...rest, ...tail];
}

/**
 * The rate-limit key of an IP address: an IPv4 address as itself (leading zeros dropped), an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack socket reports IPv4) as the IPv4
 * address, and any other IPv6 address by its /64 (`2001:db8:1:2::/64`), since one subscriber
 * gets at least a /64 and may use any of its 2^64 addresses. A port (`192.0.2.1:443`,
 * `[2001:db8::1]:443`), as some proxies write, is dropped. Undefined for anything else.
 *
 * @example
 * addressKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressKey(address: string): string | undefined {
  let text = address.trim();
  const bracket = /^\[([^\]]*)\](?::\d{1,5})?$/.exec(text);
  if (bracket) text = bracket[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  const v4 = ipv4(text);
  if (v4) return v4.join('.');
  const g = ipv6(text);
  if (!g) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
    return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}

/**
 * Who a request is counted against. Without proxies (`hops` 0), the socket's peer. Behind
 * `hops` proxies, each appending the address it received the request from to X-Forwarded-For,
 * the entry `hops` from the right: the right-most one no trusted proxy vouches for is the client.
 * Entries to its left were written by the client itself and prove nothing. When the header has
 * fewer entries, the request skipped the outer proxies and the left-most entry (written by a
 * trusted one) is the client. An entry that is not an address is not what a proxy writes: the
 * request is counted against the socket's peer, with every other such request.
 *
 * @example
 * clientAddress(view, 1) // X-Forwarded-For: 'forged, 203.0.113.7' -> '203.0.113.7'
 */
export function clientAddress(view: RequestView, hops: number): string {
  if (hops > 0) {
    const forwarded = view.header('x-forwarded-for');
    if (forwarded) {
      const entries = forwarded.split(',');
      const key = addressKey(entries[Math.max(0, entries.length - hops)]!);
      if (key) return key;
    }
  }
  const socket = view.remoteAddress;
  return socket === undefined ? 'unknown' : (addressKey(socket) ?? socket);
}
