import type { Finalizers } from './engine.js';
import type { HeaderStore } from './part.js';

type Headers = Record<string, string | string[] | number | undefined>;
interface RespondingStream {
  respond(headers?: Headers, options?: unknown): void;
}

/** A plain header object (what stream.respond takes) as a HeaderStore, names in any case. */
function objectStore(headers: Headers): HeaderStore {
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

/**
 * On HTTP/2 an app may answer through the stream itself (`res.stream.respond(headers)`), past
 * the compatibility response's writeHead: the stream of this one response then runs the
 * finalizers on the headers it is given. Streams are Node's own objects of one shape, so the
 * property costs what it costs on any object.
 *
 * @example
 * finalizeRespond(res.stream, engine.finalizers);
 */
export function finalizeRespond(stream: RespondingStream, finalizers: Finalizers): void {
  const respond = stream.respond;
  if (typeof respond !== 'function') return;
  stream.respond = function (this: RespondingStream, headers?: Headers, options?: unknown) {
    if (headers && typeof headers === 'object') {
      const store = objectStore(headers);
      if (finalizers.on.some((name) => store.get(name) !== undefined))
        for (const finalize of finalizers.run) finalize(store);
    }
    return respond.call(this, headers, options);
  };
}
