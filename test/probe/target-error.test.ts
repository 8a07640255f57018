import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApp } from '../../src/config/load-app.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, describeError, TargetError } from '../../src/core/errors.js';
import { scan } from '../../src/core/scan.js';
import { scratch } from '../helpers/cli.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('a TargetError keeps the error it wraps as cause (issue 19)', () => {
  it('the error a fetch handler threw on the first GET', async () => {
    const original = new Error('database down');
    const error = await rejection(
      scan({
        fetch: () => {
          throw original;
        },
      }),
    );
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).message).toContain('database down');
    expect((error as Error).cause).toBe(original);
  });

  it("undici's error for a refused connection, with its code", async () => {
    const error = await rejection(scan(`http://127.0.0.1:${await closedPort()}/`, { timeout: 2 }));
    expect(error).toBeInstanceOf(TargetError);
    const cause = (error as Error).cause as NodeJS.ErrnoException;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.code).toBe('ECONNREFUSED');
  });

  it("the URL parser's error for a URL that is not one", async () => {
    const error = await rejection(scan('not a url'));
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(((error as Error).cause as NodeJS.ErrnoException).code).toBe('ERR_INVALID_URL');
  });

  it('the error a server handed over emits when it cannot listen', async () => {
    const original = Object.assign(new Error('listen EACCES: permission denied'), { code: 'EACCES' });
    const server = http.createServer();
    server.listen = function (this: http.Server) {
      process.nextTick(() => this.emit('error', original));
      return this;
    } as typeof server.listen;
    const error = await rejection(scan(server));
    expect(error).toBeInstanceOf(TargetError);
    expect((error as Error).cause).toBe(original);
  });

  it('a ConfigError for a module or config that cannot be loaded keeps the loader error too', async () => {
    const dir = await scratch({
      'broken.mjs': "throw new RangeError('boom at import');\n",
      'checksecure.config.mjs': "throw new RangeError('boom in config');\n",
    });
    const app = await rejection(loadApp('broken.mjs', dir));
    expect(app).toBeInstanceOf(ConfigError);
    expect((app as Error).cause).toBeInstanceOf(RangeError);
    expect(((app as Error).cause as Error).message).toBe('boom at import');
    const config = await rejection(loadConfig(path.join(dir, 'checksecure.config.mjs')));
    expect(config).toBeInstanceOf(ConfigError);
    expect(((config as Error).cause as Error).message).toBe('boom in config');
  });
});

it('describeError names a wrapped cause once, also when its message spans lines', () => {
  const cause = new Error('first line\n  second line');
  expect(describeError(new TargetError(`GET /: ${describeError(cause)}`, { cause }))).toBe(
    'GET /: first line second line',
  );
});
