/**
 * A node:http listener from a handler that returns a promise. Koa's `app.callback()` and
 * @hono/node-server's `getRequestListener()` settle each request themselves (an error becomes
 * their 500), so the promise only marks the request's end and is safe to leave unawaited.
 *
 * @example
 * http.createServer(nodeListener(koa.callback()));
 */
export function nodeListener<Req, Res>(
  handle: (req: Req, res: Res) => Promise<unknown>,
): (req: Req, res: Res) => void {
  return (req, res) => void handle(req, res);
}
