/**
 * Shared by the peer-case ports (helmet, django-security): a real Express app around one
 * middleware, answered through supertest, and the assertion every option-validation case makes.
 */
import express from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { MiddlewareOptionError, type Middleware } from '../../../middleware/index.js';

/** A request header set that a TLS-terminating proxy sends: the middleware treats it as HTTPS. */
export const HTTPS = { 'X-Forwarded-Proto': 'https' } as const;

export interface GetOptions {
  /** Request headers. */
  headers?: Record<string, string>;
  /** Path to request. Default '/'. */
  path?: string;
  /** Runs before the middleware, e.g. to set a header the middleware must remove. */
  before?: express.RequestHandler;
  /** The route's handler. Default: 200 "Hello world!". */
  route?: express.RequestHandler;
}

/** An Express app with `middlewares` mounted in order and a catch-all route. */
export function appWith(middlewares: Middleware[], options: Omit<GetOptions, 'headers' | 'path'> = {}) {
  const app = express();
  if (options.before) app.use(options.before);
  for (const m of middlewares) app.use(m);
  app.all('*path', options.route ?? ((_req, res) => res.send('Hello world!')));
  return app;
}

/** GETs `path` from an app with the middleware (or middlewares) mounted. */
export function get(middleware: Middleware | Middleware[], options: GetOptions = {}) {
  const app = appWith([middleware].flat(), options);
  return request(app)
    .get(options.path ?? '/')
    .set(options.headers ?? {});
}

/**
 * Asserts that `make` throws our MiddlewareOptionError at setup and that its message starts
 * with `prefix` (the header or option name). Returns the message for further checks.
 */
export function expectOptionError(make: () => unknown, prefix: string): string {
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a MiddlewareOptionError starting with ${JSON.stringify(prefix)}`).toBeInstanceOf(
    MiddlewareOptionError,
  );
  const message = (caught as Error).message;
  expect(message.slice(0, prefix.length), message).toBe(prefix);
  return message;
}

/** The directives of a CSP header value, trimmed, as a set (order and spacing aside). */
export function directiveSet(header: string | undefined): Set<string> {
  expect(header, 'a CSP header').toBeTypeOf('string');
  return new Set(
    (header as string)
      .split(';')
      .map((d) => d.trim().replace(/\s+/g, ' '))
      .filter(Boolean),
  );
}
