import type { IncomingMessage, ServerResponse } from 'node:http';

/** Console- and pino-compatible: `logger.warn({ event, ... }, 'message')`. */
export interface Logger {
  error?(fields: Record<string, unknown>, message: string): void;
  warn?(fields: Record<string, unknown>, message: string): void;
  info?(fields: Record<string, unknown>, message: string): void;
}

/** Every middleware accepts a logger for its security events; silent by default. */
export interface LoggerOption {
  logger?: Logger;
}

/** The request fields middleware may add. */
export interface SecureRequest extends IncomingMessage {
  cspNonce?: string;
  doNotTrack?: boolean;
  /** Express adds these; node:http has neither. */
  path?: string;
  originalUrl?: string;
}

export interface SecureResponse extends ServerResponse {
  locals?: Record<string, unknown>;
}

export type Next = (error?: unknown) => void;

/** A Connect/Express middleware, also usable from node:http with a `next` callback. */
export type Middleware = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

/** What the gates and headers need from a request, whatever the framework. */
export interface RequestView {
  method: string;
  /** The path without the query, as received (not decoded). */
  path: string;
  /** Path and query, as received. */
  url: string;
  header(name: string): string | undefined;
  /** The connection itself is TLS. */
  encrypted: boolean;
  remoteAddress: string | undefined;
}

/** A request answered by a gate instead of the app: a refusal or a redirect. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Express's Request and res.locals know the nonce that secure() and contentSecurityPolicy() set
// (`req.cspNonce`, `res.locals.cspNonce`), through the global namespace Express merges into its
// own types: no dependency on @types/express, which a project without Express does not have.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The CSP nonce of this response, for `<script nonce>` (checksecure). */
      cspNonce?: string;
    }
    interface Locals {
      /** The CSP nonce of this response, for templates (checksecure). */
      cspNonce?: string;
    }
  }
}
