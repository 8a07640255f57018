import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { TargetError } from '../../core/errors.js';
import type { ResolvedOptions } from '../../core/types.js';
import type { FetchHandler } from '../../probe/fetch-transport.js';
import { isAppObject, openTarget, type Target } from '../../probe/target.js';

/** An app listening on 127.0.0.1 for the browser, until `close()`. */
export interface ListeningApp {
  url: string;
  close(): Promise<void>;
}

/** The fetch handler in a target, by the rule openTarget() follows. */
function fetchHandlerOf(app: unknown): FetchHandler | undefined {
  if (app && typeof app === 'object' && !isAppObject(app) && !(app instanceof http.Server)) {
    const f = (app as { fetch?: unknown }).fetch;
    if (typeof f === 'function') return (request) => (f as FetchHandler).call(app, request);
  }
  if (
    typeof app === 'function' &&
    typeof (app as { handle?: unknown }).handle !== 'function' &&
    app.length === 1
  )
    return app as FetchHandler;
  return undefined;
}

/** A node:http listener that answers through a fetch handler, as its runtime would call it. */
function fromFetch(handler: FetchHandler): http.RequestListener {
  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) headers.append(name, v);
      const body =
        req.method === 'GET' || req.method === 'HEAD' ? undefined : (Readable.toWeb(req) as ReadableStream);
      const response = await handler(
        new Request(url, { method: req.method, headers, body, duplex: 'half' } as RequestInit),
      );
      const out: [string, string][] = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') out.push([name, value]);
      });
      for (const cookie of response.headers.getSetCookie()) out.push(['set-cookie', cookie]);
      res.writeHead(response.status, out.flat());
      if (response.body)
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    })().catch(() => res.destroy());
  };
}

/**
 * Serves an app loaded by `--app` on 127.0.0.1 on a free port, the way a scan serves it (any
 * framework openTarget() knows; a fetch handler through a small node:http bridge), so a browser
 * can load its pages.
 *
 * @example
 * const served = await listenApp(await loadApp('./src/app.ts', process.cwd()));
 * try { await crawl(served.url); } finally { await served.close(); }
 */
export async function listenApp(app: Target): Promise<ListeningApp> {
  const handler = fetchHandlerOf(app);
  if (handler) {
    const server = http.createServer(fromFetch(handler));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }
  // Only what opening an in-process app reads: the body cap, and plain http for the browser.
  const options = { maxBodyBytes: 1024 * 1024, assumeHttps: false } as ResolvedOptions;
  const opened = await openTarget(app, options);
  if (opened.info.kind !== 'app' || !opened.transport) {
    await opened.transport?.close();
    throw new TargetError(`--app: the module exports ${opened.info.description}, not an app to serve`);
  }
  return { url: `${opened.base}/`, close: () => opened.transport!.close() };
}
