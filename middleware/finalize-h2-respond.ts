import type { Finalizers } from './engine.js';
import { objectStore, type HeaderObject } from './object-header-store.js';

interface RespondingStream {
  respond(headers?: HeaderObject, options?: unknown): void;
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
  stream.respond = function (this: RespondingStream, headers?: HeaderObject, options?: unknown) {
    if (headers && typeof headers === 'object') {
      const store = objectStore(headers);
      if (finalizers.on.some((name) => store.get(name) !== undefined))
        for (const finalize of finalizers.run) finalize(store);
    }
    return respond.call(this, headers, options);
  };
}
