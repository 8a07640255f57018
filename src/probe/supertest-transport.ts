import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { describeError } from '../core/errors.js';
import type { ProbeRequest } from '../core/types.js';
import { toHeaderMap } from './header-map.js';
import type { RawResponse, Transport } from './transport.js';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;
type ParseCallback = (error: Error | null, body?: Buffer) => void;

/**
 * Exercises an in-process app through supertest. The app gets one server on 127.0.0.1 for the
 * whole scan (supertest would otherwise open and close one per request), closed at the end unless
 * the caller handed us a server that was already listening.
 */
export class SupertestTransport implements Transport {
  readonly #server: http.Server;
  readonly #ownsServer: boolean;
  readonly #maxBodyBytes: number;
  #agent: ReturnType<typeof supertest> | undefined;
  /** What went wrong in the app ("threw: …"), by "METHOD target" of the request it happened on. */
  readonly #failures = new Map<string, string>();

  /** A server's own request listeners, by the guarded ones that stand in for them during the scan. */
  readonly #replaced = new Map<Listener, Listener>();

  constructor(app: Listener | http.Server, maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
    if (app instanceof http.Server) {
      this.#server = app;
      this.#guardServer(app);
    } else this.#server = http.createServer(this.#guard(app));
    this.#ownsServer = !this.#server.listening;
  }

  /**
   * A server handed to us (an http.Server, Fastify's, hapi's) keeps its listeners, guarded for
   * the scan as ours are, in their order; close() puts the originals back.
   */
  #guardServer(server: http.Server): void {
    const listeners = server.listeners('request') as Listener[];
    server.removeAllListeners('request');
    for (const listener of listeners) {
      const guarded = this.#guard(listener);
      this.#replaced.set(guarded, listener);
      server.on('request', guarded);
    }
  }

  #restoreServer(): void {
    if (this.#replaced.size === 0) return;
    // Listeners added during the scan stay where they are.
    const current = this.#server.listeners('request') as Listener[];
    this.#server.removeAllListeners('request');
    for (const listener of current) this.#server.on('request', this.#replaced.get(listener) ?? listener);
    this.#replaced.clear();
  }

  /**
   * A listener that throws, or returns a promise that rejects, would take the whole process down
   * (Node lets neither through a server): the scan reports it on the request instead.
   */
  #guard(app: Listener): Listener {
    const failed = (req: http.IncomingMessage, res: http.ServerResponse, what: string) => {
      this.#failures.set(`${req.method} ${req.url}`, what);
      res.destroy();
    };
    // A fetch handler that declares no parameter is taken for a listener (see openTarget): it
    // answers with a Response nobody sends, and the request would wait for its timeout.
    const misread = (req: http.IncomingMessage, res: http.ServerResponse, value: unknown) => {
      if (value instanceof Response && !res.headersSent)
        failed(req, res, 'returned a Response, as a fetch handler does: pass it as { fetch: handler }');
    };
    return (req, res) => {
      try {
        const out = (app as (...args: unknown[]) => unknown)(req, res);
        if (out && typeof (out as PromiseLike<unknown>).then === 'function')
          (out as PromiseLike<unknown>).then(
            (value) => misread(req, res, value),
            (error: unknown) => failed(req, res, `threw: ${describeError(error)}`),
          );
        else misread(req, res, out);
      } catch (error) {
        failed(req, res, `threw: ${describeError(error)}`);
      }
    };
  }

  /** The base URL of the loopback server, once listening. */
  async start(): Promise<string> {
    if (this.#ownsServer) {
      await new Promise<void>((resolve, reject) => {
        this.#server.once('error', reject);
        this.#server.listen(0, '127.0.0.1', () => {
          this.#server.off('error', reject);
          resolve();
        });
      });
    }
    this.#agent = supertest(this.#server);
    const address = this.#server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host === '::' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  }

  async send(req: ProbeRequest, timeoutMs: number): Promise<RawResponse> {
    if (!this.#agent) throw new Error('transport not started');
    const method = req.method.toLowerCase() as 'get';
    let test = this.#agent[method](rawPath(req.url) ?? '/');
    for (const [name, value] of Object.entries(req.headers)) test = test.set(name, value);
    test = test
      .redirects(0)
      .ok(() => true)
      .timeout({ deadline: timeoutMs })
      .buffer(true)
      .parse(capParser(this.#maxBodyBytes) as unknown as (str: string) => unknown);
    if (req.body !== undefined) test = test.send(req.body);
    let res;
    try {
      res = await test;
    } catch (error) {
      const key = `${req.method} ${rawPath(req.url) ?? '/'}`;
      const failure = this.#failures.get(key);
      this.#failures.delete(key);
      if (failure !== undefined) throw new Error(`the app ${failure}`);
      if ((error as { timeout?: unknown }).timeout)
        throw new Error(`no complete answer within ${timeoutMs / 1000} s`);
      if ((error as { code?: string }).code === 'HPE_HEADER_OVERFLOW') {
        // Node's HTTP client caps response headers at --max-http-header-size; supertest offers no override.
        throw new Error(
          `the response headers exceed Node's ${http.maxHeaderSize / 1024} KiB limit (start node with --max-http-header-size, or scan the app over a URL)`,
        );
      }
      throw error;
    }
    const raw = (res as unknown as { res?: http.IncomingMessage }).res;
    const body = Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0);
    const truncated = (body as Buffer & { truncated?: boolean }).truncated === true;
    return {
      status: res.status,
      headers: toHeaderMap(raw?.rawHeaders ?? res.headers),
      body: body.toString('utf8'),
      bodyTruncated: truncated,
    };
  }

  async close(): Promise<void> {
    this.#restoreServer();
    if (!this.#ownsServer || !this.#server.listening) return;
    this.#server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** Keeps the request target exactly as written (e.g. `/%`), which `new URL()` would re-encode. */
function rawPath(url: string): string | undefined {
  const match = /^[a-z]+:\/\/[^/]+(\/.*)$/i.exec(url);
  return match?.[1];
}

function capParser(cap: number) {
  return (res: http.IncomingMessage, callback: ParseCallback) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | null, truncated = false) => {
      if (done) return;
      done = true;
      if (error) return callback(error);
      const body = Buffer.concat(parts, Math.min(size, cap)) as Buffer & { truncated?: boolean };
      body.truncated = truncated;
      callback(null, body);
    };
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      parts.push(chunk);
      size += chunk.length;
      if (size > cap) {
        res.destroy();
        finish(null, true);
      }
    });
    res.on('end', () => finish(null));
    res.on('error', (error) => finish(error));
  };
}
