import type { ServerResponse } from 'node:http';
import { finalizeStore, type Finalizers } from './engine.js';
import { objectStore, type HeaderObject } from './object-header-store.js';
import { addOwn } from './own-property.js';

type WriteEarlyHints = (hints: HeaderObject, callback?: () => void) => void;

/**
 * The hints with the finalizers run on a copy (the app's object is left as it was), when they
 * carry a header the finalizers read: a Set-Cookie in a 103, which RFC 6265 lets a client store.
 */
function finalized(hints: HeaderObject, finalizers: Finalizers): HeaderObject {
  if (!hints || typeof hints !== 'object') return hints;
  const copy = { ...hints };
  const store = objectStore(copy);
  if (!finalizeStore(store, finalizers)) return hints;
  // Node writes each key of the hints as one line, a list joined with commas: two cookies would
  // arrive as one. Each cookie gets a key of its own, the same name in another case.
  const cookies = store.get('set-cookie');
  if (cookies && cookies.length > 1) {
    store.delete('set-cookie');
    cookies.forEach((cookie, i) => (copy[caseVariant('set-cookie', i)] = cookie));
  }
  return copy;
}

/** `name` with the letters whose bit is set in `n` upper-cased: 'set-cookie', 'Set-cookie', … */
function caseVariant(name: string, n: number): string {
  let bit = 0;
  return name.replace(/[a-z]/g, (c) => ((n >> bit++) & 1 ? c.toUpperCase() : c));
}

const shared = new WeakMap<Finalizers, WriteEarlyHints>();

/**
 * Makes one response run the finalizers on the headers of its early hints
 * (`res.writeEarlyHints({ link, 'set-cookie': … })`), as its writeHead does on the final head.
 * One function per set of finalizers, handing over to the writeEarlyHints of the response's
 * prototype chain; a response with one of its own keeps it beneath ours.
 *
 * @example
 * finalizeEarlyHints(res, engine.finalizers);
 */
export function finalizeEarlyHints(res: ServerResponse, finalizers: Finalizers): void {
  if (Object.hasOwn(res, 'writeEarlyHints')) {
    const prior = (res as { writeEarlyHints?: unknown }).writeEarlyHints;
    if (typeof prior !== 'function') return;
    addOwn(
      res,
      'writeEarlyHints',
      function (this: ServerResponse, hints: HeaderObject, callback?: () => void) {
        return (prior as WriteEarlyHints).call(this, finalized(hints, finalizers), callback);
      },
    );
    return;
  }
  addOwn(res, 'writeEarlyHints', sharedEarlyHints(finalizers), false);
}

let lastFinalizers: Finalizers | undefined;
let lastFn: WriteEarlyHints | undefined;

/** One function per set of finalizers, handing over to the prototype chain's writeEarlyHints. */
function sharedEarlyHints(finalizers: Finalizers): WriteEarlyHints {
  if (finalizers === lastFinalizers) return lastFn!;
  let fn = shared.get(finalizers);
  if (!fn) {
    fn = function (this: ServerResponse, hints: HeaderObject, callback?: () => void) {
      const next = (Object.getPrototypeOf(this) as { writeEarlyHints: WriteEarlyHints }).writeEarlyHints;
      return next.call(this, finalized(hints, finalizers), callback);
    };
    shared.set(finalizers, fn);
  }
  lastFinalizers = finalizers;
  return (lastFn = fn);
}
