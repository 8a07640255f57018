import { finalizeStore, type Finalizers } from './engine.js';
import { objectStore, type HeaderObject } from './object-header-store.js';

/** The ways an HTTP/2 stream sends a head, and where each takes its headers. */
const RESPONDERS = { respond: 0, respondWithFile: 1, respondWithFD: 1 } as const;

type Responder = (...args: unknown[]) => unknown;

/** What finalizeRespond() reads of the compatibility response: the headers set on it. */
interface HeaderSource {
  getHeaders(): Record<string, number | string | string[] | undefined>;
}

/**
 * The headers a stream is about to send, as a copy (the app's object, perhaps frozen, is left as
 * it was): with the response's own headers it lacks (the security headers set on it before the
 * app ran) and the finalizers run on the cookies.
 */
function completed(headers: unknown, res: HeaderSource, finalizers: Finalizers): HeaderObject {
  const copy: HeaderObject = headers && typeof headers === 'object' ? { ...(headers as HeaderObject) } : {};
  const present = new Set(Object.keys(copy).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(res.getHeaders()))
    if (!present.has(name.toLowerCase()) && value !== undefined) copy[name] = value;
  finalizeStore(objectStore(copy), finalizers);
  return copy;
}

/**
 * On HTTP/2 an app may answer through the stream itself (`res.stream.respond(headers)`,
 * `respondWithFile`, `respondWithFD`), past the compatibility response's writeHead: the stream
 * of this one response then sends the response's headers with it and runs the finalizers on the
 * cookies. Streams are Node's own objects of one shape, so the properties cost what they cost on
 * any object.
 *
 * @example
 * finalizeRespond(res.stream, res, engine.finalizers);
 */
export function finalizeRespond(stream: object, res: HeaderSource, finalizers: Finalizers): void {
  const target = stream as Record<string, unknown>;
  for (const [method, at] of Object.entries(RESPONDERS)) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = function (this: unknown, ...args: unknown[]) {
      args[at] = completed(args[at], res, finalizers);
      return (original as Responder).apply(this, args);
    };
  }
}
