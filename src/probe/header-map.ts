/**
 * String(value), for values from users' objects: one whose toString is not callable (or throws)
 * makes String() throw, and a header map must not.
 */
function text(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Header names browsers and RFC 9110 treat as single-valued cookies lists, never comma-joined. */
const NEVER_JOINED = 'set-cookie';

/**
 * Normalises the header shapes users hand us (a Fetch `Headers`, Node's `IncomingMessage`
 * headers or raw pairs, a plain object of strings or arrays in any case) into lower-case names
 * mapped to every value received.
 *
 * @example
 * toHeaderMap({ 'Set-Cookie': ['a=1', 'b=2'], HSTS: 'x' })['set-cookie'] // ['a=1', 'b=2']
 */
export function toHeaderMap(headers: unknown): Record<string, string[]> {
  const map = Object.create(null) as Record<string, string[]>;
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const key = name.toLowerCase();
    const list = (map[key] ??= []);
    if (Array.isArray(value)) for (const v of value) list.push(text(v));
    else list.push(text(value));
  };
  if (!headers || typeof headers !== 'object') return map;
  const h = headers as { forEach?: unknown; getSetCookie?: unknown; entries?: unknown };
  if (typeof h.getSetCookie === 'function' && typeof h.forEach === 'function') {
    // A Fetch Headers object joins repeated values with ", "; only Set-Cookie can be recovered.
    (headers as Headers).forEach((value, name) => {
      if (name !== NEVER_JOINED) add(name, value);
    });
    const cookies = (headers as Headers).getSetCookie();
    if (cookies.length > 0) add(NEVER_JOINED, cookies);
    return map;
  }
  if (Array.isArray(headers)) {
    // Raw pairs [name, value, name, value] as in IncomingMessage.rawHeaders.
    for (let i = 0; i + 1 < headers.length; i += 2) add(text(headers[i]), headers[i + 1]);
    return map;
  }
  if (headers instanceof Map) {
    for (const [name, value] of headers) add(text(name), value);
    return map;
  }
  for (const [name, value] of Object.entries(headers)) add(name, value);
  return map;
}
