import type { HeaderStore } from './part.js';

/** Header fields as stream.respond() and writeEarlyHints() take them. */
export type HeaderObject = Record<string, string | string[] | number | undefined>;

/**
 * A plain header object (what stream.respond and writeEarlyHints take) as a HeaderStore, names
 * in any case; a name that is set is written in lower case.
 *
 * @example
 * objectStore({ 'Set-Cookie': 'sid=1' }).get('set-cookie') // ['sid=1']
 */
export function objectStore(headers: HeaderObject): HeaderStore {
  const keys = (name: string) => {
    const lower = name.toLowerCase();
    return Object.keys(headers).filter((k) => k.toLowerCase() === lower);
  };
  return {
    get(name) {
      const values = keys(name).flatMap((k) => {
        const v = headers[k];
        return v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
      });
      return values.length > 0 ? values : undefined;
    },
    set(name, values) {
      for (const k of keys(name)) delete headers[k];
      headers[name.toLowerCase()] = values;
    },
    delete(name) {
      for (const k of keys(name)) delete headers[k];
    },
  };
}
