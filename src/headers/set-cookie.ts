/** A `Set-Cookie` header as a browser would read it (RFC 6265bis), with what it could not accept. */
export interface ParsedCookie {
  name: string;
  value: string;
  /** The header line as received, for evidence. */
  raw: string;
  secure: boolean;
  httpOnly: boolean;
  partitioned: boolean;
  /** The `SameSite` attribute as sent (case kept), or undefined when absent. */
  sameSite?: string;
  /** `Strict`, `Lax` or `None` when the attribute is one of them (any case), else undefined. */
  sameSiteValue?: 'Strict' | 'Lax' | 'None';
  domain?: string;
  path?: string;
  maxAge?: number;
  expires?: Date;
  /** True when the cookie is being deleted (`Max-Age<=0` or an `Expires` in the past). */
  deletion: boolean;
  problems: string[];
}

const SAME_SITE: Record<string, 'Strict' | 'Lax' | 'None'> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/**
 * Parses one `Set-Cookie` header line. Never throws: what cannot be understood is listed in
 * `problems`, including the `__Host-` and `__Secure-` prefix rules that make browsers drop a cookie.
 *
 * @example
 * parseSetCookie('sid=abc; Secure; HttpOnly; SameSite=Lax').sameSiteValue // 'Lax'
 */
export function parseSetCookie(line: string, now: number = Date.now()): ParsedCookie {
  const parts = line.split(';');
  const pair = parts[0] ?? '';
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim();
  const cookie: ParsedCookie = {
    name,
    value,
    raw: line,
    secure: false,
    httpOnly: false,
    partitioned: false,
    deletion: false,
    problems: [],
  };
  if (name === '' && value === '') cookie.problems.push('empty cookie: no name and no value');

  for (let i = 1; i < parts.length; i++) {
    const attr = parts[i] as string;
    const aeq = attr.indexOf('=');
    const key = (aeq === -1 ? attr : attr.slice(0, aeq)).trim().toLowerCase();
    const val = aeq === -1 ? '' : attr.slice(aeq + 1).trim();
    switch (key) {
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'partitioned':
        cookie.partitioned = true;
        break;
      case 'samesite':
        cookie.sameSite = val;
        cookie.sameSiteValue = SAME_SITE[val.toLowerCase()];
        if (!cookie.sameSiteValue) cookie.problems.push(`SameSite=${val} is not Strict, Lax or None`);
        break;
      case 'domain':
        // A leading dot is ignored by browsers; an empty Domain is ignored too.
        if (val !== '') cookie.domain = val.replace(/^\./, '').toLowerCase();
        break;
      case 'path':
        if (val.startsWith('/')) cookie.path = val;
        break;
      case 'max-age':
        if (/^-?\d+$/.test(val)) cookie.maxAge = Number(val);
        else cookie.problems.push(`Max-Age=${val} is not a number`);
        break;
      case 'expires': {
        const time = Date.parse(val);
        if (Number.isNaN(time)) cookie.problems.push(`Expires=${val} is not a date`);
        else cookie.expires = new Date(time);
        break;
      }
      default:
        // Unknown attributes (Priority, SameParty, typos) are ignored by browsers.
        break;
    }
  }

  cookie.deletion =
    cookie.maxAge !== undefined
      ? cookie.maxAge <= 0
      : cookie.expires !== undefined && cookie.expires.getTime() < now;
  checkPrefixes(cookie);
  return cookie;
}

function checkPrefixes(cookie: ParsedCookie): void {
  // RFC 6265bis matches the prefixes case-insensitively, as current browsers do.
  const lower = cookie.name.toLowerCase();
  if (lower.startsWith('__secure-') && !cookie.secure) {
    cookie.problems.push(`${cookie.name}: the __Secure- prefix requires Secure`);
  }
  if (lower.startsWith('__host-')) {
    if (!cookie.secure) cookie.problems.push(`${cookie.name}: the __Host- prefix requires Secure`);
    if (cookie.domain !== undefined)
      cookie.problems.push(`${cookie.name}: the __Host- prefix forbids Domain`);
    if (cookie.path !== '/') cookie.problems.push(`${cookie.name}: the __Host- prefix requires Path=/`);
  }
}

/** True when the problem is a prefix rule, which makes browsers drop the cookie entirely. */
export function isPrefixProblem(problem: string): boolean {
  return / prefix (requires|forbids) /.test(problem);
}
