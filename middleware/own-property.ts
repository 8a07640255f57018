/**
 * V8 before 13 (Node 20 and 22) builds a fresh hidden class for each property added to an object
 * whose prototype was swapped; V8 13 (Node 24) shares them, and there dictionary mode is the
 * slower one. Measured both ways on each, bench/framework-inprocess.ts.
 */
const FRESH_CLASS_PER_ADD =
  Number((globalThis as { process?: NodeJS.Process }).process?.versions?.v8?.split('.')[0] ?? 13) < 13;

/** Per prototype: whether objects on it had their prototype swapped (Express does it to each req and res). */
const swapped = new WeakMap<object, boolean>();

// The last two prototypes judged: one server's requests share one, its responses another.
let protoA: object | null = null;
let answerA = false;
let protoB: object | null = null;
let answerB = false;

function onSwappedPrototype(o: object): boolean {
  const proto = Object.getPrototypeOf(o) as object | null;
  if (proto === null) return false;
  if (proto === protoA) return answerA;
  if (proto === protoB) return answerB;
  let answer = swapped.get(proto);
  if (answer === undefined) {
    // Read once per prototype: `constructor` up an Express chain is a slow lookup.
    const own = (o as { constructor?: { prototype?: unknown } }).constructor?.prototype;
    swapped.set(proto, (answer = own !== undefined && own !== proto));
  }
  protoB = protoA;
  answerB = answerA;
  protoA = proto;
  answerA = answer;
  return answer;
}

/**
 * Adds a property to a request or response of the app's (`req.cspNonce`, `res.writeHead`).
 * After Express's `Object.setPrototypeOf` on each req and res, V8 before 13 builds a fresh
 * hidden class for every property added to one (two requests never share them), ours and
 * Express's router's alike. Deleting and adding ours again puts such an object in dictionary
 * mode, where each later add is a cheaper hash insert: bench/framework-inprocess.ts measures
 * secure() on an Express request. Objects whose prototype is their class's (node:http, Fastify,
 * Koa, hapi) share hidden classes and are left as they are.
 *
 * @example
 * addOwn(req, 'cspNonce', nonce);
 * addOwn(res, 'writeHead', fn, false); // the caller knows it is not there yet
 */
export function addOwn<T extends object>(
  o: T,
  key: string,
  value: unknown,
  known = Object.hasOwn(o, key),
): void {
  const target = o as Record<string, unknown>;
  target[key] = value;
  if (known || !FRESH_CLASS_PER_ADD || !onSwappedPrototype(o)) return;
  delete target[key];
  target[key] = value;
}
